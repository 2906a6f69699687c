import type { INodeProperties } from 'n8n-workflow';

import { REVIEW_ID_QUERY_PARAM } from '../../../shared/api';
import { requireNumericId, validateLimit } from '../../transport/preSend';
import { routeTo } from '../../transport/routing';
import { buildCreateReviewBody, reviewCreateFields } from './create';
import { reviewDeleteFields } from './delete';
import { reviewGetFields } from './get';
import { reviewGetAllFields, validateReviewFilters } from './getAll';

export const reviewOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['review'] } },
	default: 'getAll',
	options: [
		{ name: 'Create', value: 'create', action: 'Create a review', description: 'Create a product or store review', routing: routeTo('createReview', [buildCreateReviewBody]) },
		{ name: 'Delete', value: 'delete', action: 'Delete a review', description: 'Delete a review', routing: routeTo('deleteReview', [requireNumericId('body', 'id', 'Review ID')]) },
		{ name: 'Get', value: 'get', action: 'Get a review', description: 'Get a review by ID', routing: routeTo('getReview', [requireNumericId('qs', REVIEW_ID_QUERY_PARAM, 'Review ID')]) },
		{ name: 'Get Many', value: 'getAll', action: 'Get many reviews', description: 'List reviews with filters', routing: routeTo('getReviews', [validateLimit, ...validateReviewFilters]) },
	],
};

export const reviewFields: INodeProperties[] = [
	...reviewGetFields,
	...reviewGetAllFields,
	...reviewCreateFields,
	...reviewDeleteFields,
];
