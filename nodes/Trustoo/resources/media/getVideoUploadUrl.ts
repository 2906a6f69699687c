import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { fail, textOf } from '../../transport/preSend';
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

/** Trustoo needs the file name to pick the storage key (CONTRACT: `file_name` is required). */
export async function requireFileName(this: IExecuteSingleFunctions, options: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	const qs = (options.qs ?? {}) as IDataObject;
	const fileName = textOf(this, qs.file_name, 'File Name');
	if (!fileName) fail(this, 'File Name is required', 'Add Additional Fields → File Name, for example unboxing.mp4.');
	options.qs = { ...qs, file_name: fileName };
	return options;
}
