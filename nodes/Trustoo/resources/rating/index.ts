import type { INodeProperties } from 'n8n-workflow';

import { routeTo } from '../../transport/routing';
import { buildRatingQuery, ratingGetFields } from './get';

export const ratingOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['rating'] } },
	default: 'get',
	options: [
		{ name: 'Get', value: 'get', action: 'Get a rating summary', description: 'Get the average rating and star counts of the store, a product or all products', routing: routeTo('getRating', [buildRatingQuery]) },
	],
};

export const ratingFields: INodeProperties[] = [...ratingGetFields];
