import type { INodeProperties } from 'n8n-workflow';

import { showFor } from '../../transport/routing';

export const reviewDeleteFields: INodeProperties[] = [
	{
		displayName: 'Review ID',
		name: 'reviewId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 1049812',
		description: 'The ID of the review to delete. Deleting cannot be undone.',
		displayOptions: showFor('review', ['delete']),
		routing: { send: { type: 'body', property: 'id' } },
	},
];
