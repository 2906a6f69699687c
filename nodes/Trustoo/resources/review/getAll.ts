import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { REVIEW_SOURCES, SORT_VALUES } from '../../../shared/api';
import { fail, requireOneOf, textOf } from '../../transport/preSend';
import { returnAllAndLimit, showFor, SORT_FILTER } from '../../transport/routing';

export const reviewGetAllFields: INodeProperties[] = [
	...returnAllAndLimit('review', 'getAll'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: showFor('review', ['getAll']),
		options: [
			{
				displayName: 'Keyword',
				name: 'keyword',
				type: 'string',
				default: '',
				description: 'Only reviews whose text contains this word (Trustoo searches title, content and author)',
				routing: { send: { type: 'query', property: 'keyword' } },
			},
			{
				displayName: 'Product IDs',
				name: 'productIds',
				type: 'string',
				default: '',
				placeholder: 'e.g. 9200305176832, 9200305176833',
				description: 'Only reviews of these Shopify products (comma-separated IDs)',
				routing: {
					send: {
						type: 'query',
						property: 'product_ids',
						value: '={{ $value === undefined || $value === null ? [] : String($value).split(",").map(id => id.trim()).filter(id => id !== "") }}',
					},
				},
			},
			{
				displayName: 'Ratings',
				name: 'ratings',
				type: 'multiOptions',
				default: [],
				description: 'Only reviews with these star ratings',
				options: [1, 2, 3, 4, 5].map((stars) => ({
					name: `${stars} Star${stars > 1 ? 's' : ''}`,
					value: String(stars),
				})),
				routing: { send: { type: 'query', property: 'ratings' } },
			},
			SORT_FILTER,
			{
				displayName: 'Sources',
				name: 'sources',
				type: 'multiOptions',
				default: [],
				description: 'Only reviews that came from these sources',
				options: REVIEW_SOURCES.map((source) => ({ name: source, value: source })),
				routing: { send: { type: 'query', property: 'sources' } },
			},
			{
				displayName: 'Store Reviews Only',
				name: 'storeReviewsOnly',
				type: 'boolean',
				default: false,
				description: 'Whether to return only store reviews (about the shop, not a product)',
				routing: {
					send: { type: 'query', property: 'is_store_review', value: '={{ $value ? 1 : undefined }}' },
				},
			},
		],
	},
];

/** Product IDs are Shopify IDs: digits only. */
async function validateProductIds(this: IExecuteSingleFunctions, options: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	const qs = (options.qs ?? {}) as Record<string, unknown>;
	if (qs.product_ids === undefined || qs.product_ids === null) return options;
	const ids = (Array.isArray(qs.product_ids) ? qs.product_ids : [qs.product_ids]).map((id) => textOf(this, id, 'Product IDs'));
	for (const id of ids) {
		if (!/^\d{1,20}$/.test(id)) fail(this, `Product IDs: "${id}" is not a product ID`, 'Enter Shopify product IDs (digits only), separated by commas.');
	}
	qs.product_ids = ids;
	return options;
}

/** Filters of Get Many reviews that Trustoo accepts only from fixed lists. */
export const validateReviewFilters = [
	requireOneOf('qs', 'sort_by', 'Sort', SORT_VALUES),
	requireOneOf('qs', 'ratings', 'Ratings', ['1', '2', '3', '4', '5'], { list: true }),
	requireOneOf('qs', 'sources', 'Sources', REVIEW_SOURCES, { list: true }),
	validateProductIds,
];
