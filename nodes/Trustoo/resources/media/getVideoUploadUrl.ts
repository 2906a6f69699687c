import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { fail, textOf } from '../../transport/preSend';
import { showFor } from '../../transport/routing';

export const mediaVideoFields: INodeProperties[] = [
	{
		displayName: 'File Name',
		name: 'fileName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. unboxing.mp4',
		description: 'Name of the video file to upload. Trustoo uses it for the storage key of the video.',
		displayOptions: showFor('media', ['getVideoUploadUrl']),
		routing: { send: { type: 'query', property: 'file_name' } },
	},
];

/**
 * Trustoo needs the file name to pick the storage key (CONTRACT: `file_name` is required); an
 * expression can still resolve to blanks, which must stop the item before anything is sent.
 */
export async function requireFileName(this: IExecuteSingleFunctions, options: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	const qs = (options.qs ?? {}) as IDataObject;
	const fileName = textOf(this, qs.file_name, 'File Name');
	if (!fileName) fail(this, 'File Name is required', 'Enter the name of the video file, for example unboxing.mp4.');
	options.qs = { ...qs, file_name: fileName };
	return options;
}
