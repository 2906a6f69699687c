import type { INodeProperties } from 'n8n-workflow';

import { REVIEW_ID_QUERY_PARAM } from '../../../shared/api';
import { showFor } from '../../transport/routing';

export const reviewGetFields: INodeProperties[] = [
	{
		displayName: 'Review ID',
		name: 'reviewId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 1049812',
		description: 'The ID of the review to get',
		displayOptions: showFor('review', ['get']),
		routing: { send: { type: 'query', property: REVIEW_ID_QUERY_PARAM } },
	},
];
