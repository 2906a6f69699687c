import type { INodeProperties } from 'n8n-workflow';

import { routeTo } from '../../transport/routing';
import { mediaVideoFields, requireFileName } from './getVideoUploadUrl';

export const mediaOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['media'] } },
	default: 'getImageUploadCredentials',
	options: [
		{ name: 'Get Image Upload Credentials', value: 'getImageUploadCredentials', action: 'Get image upload credentials', description: 'Get temporary credentials to upload review images to Trustoo’s storage', routing: routeTo('getImageUploadCredentials') },
		{ name: 'Get Video Upload URL', value: 'getVideoUploadUrl', action: 'Get a video upload URL', description: 'Get a URL to upload a review video to', routing: routeTo('getVideoUploadUrl', [requireFileName]) },
	],
};

export const mediaFields: INodeProperties[] = [...mediaVideoFields];
