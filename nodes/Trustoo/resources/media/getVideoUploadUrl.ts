import type { INodeProperties } from 'n8n-workflow';

import { showFor } from '../../transport/routing';

export const mediaVideoFields: INodeProperties[] = [
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: showFor('media', ['getVideoUploadUrl']),
		options: [
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				placeholder: 'e.g. unboxing.mp4',
				description: 'Name of the video file to upload (helps Trustoo pick the storage key)',
				routing: { send: { type: 'query', property: 'file_name' } },
			},
		],
	},
];
