import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { textOf } from '../../transport/preSend';
import { showFor } from '../../transport/routing';

export const ratingGetFields: INodeProperties[] = [
	{
		displayName: 'Rating Of',
		name: 'ratingOf',
		type: 'options',
		default: 'store',
		description: 'Which reviews the summary covers',
		displayOptions: showFor('rating', ['get']),
		options: [
			{ name: 'All Products', value: 'allProducts', description: 'Every product review together' },
			{ name: 'All Reviews', value: 'all', description: 'Product and store reviews together' },
			{ name: 'Product by Handle', value: 'productHandle', description: 'One product, by its URL handle' },
			{ name: 'Product by ID', value: 'productId', description: 'One product, by its Shopify ID' },
			{ name: 'Store', value: 'store', description: 'Store reviews (about the shop)' },
		],
	},
	{
		displayName: 'Product ID',
		name: 'productId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 9200305176832',
		description: 'The Shopify product ID',
		displayOptions: { show: { resource: ['rating'], operation: ['get'], ratingOf: ['productId'] } },
	},
	{
		displayName: 'Product Handle',
		name: 'productHandle',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. organic-cotton-tee',
		description: 'The product’s URL handle in Shopify',
		displayOptions: { show: { resource: ['rating'], operation: ['get'], ratingOf: ['productHandle'] } },
	},
];

/** Get Rating takes exactly one selector (reference §6.5). */
export async function buildRatingQuery(
	this: IExecuteSingleFunctions,
	options: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const ratingOf = this.getNodeParameter('ratingOf', 'store') as string;
	const qs: IDataObject = {};
	const value = (name: string, label: string) => {
		const text = textOf(this, this.getNodeParameter(name, ''), label);
		if (!text) {
			const itemIndex = this.getItemIndex();
			throw new NodeOperationError(this.getNode(), `${label} is required [item ${itemIndex}]`, {
				description: `Enter the ${label.toLowerCase()} of the product, or choose another “Rating Of”.`,
				itemIndex,
			});
		}
		return text;
	};
	if (ratingOf === 'productId') {
		const productId = value('productId', 'Product ID');
		if (!/^\d{1,20}$/.test(productId)) {
			const itemIndex = this.getItemIndex();
			throw new NodeOperationError(this.getNode(), `Product ID "${productId}" must be a number [item ${itemIndex}]`, {
				description: 'Shopify product IDs contain digits only; use “Product by Handle” for a handle.',
				itemIndex,
			});
		}
		qs.product_id = productId;
	} else if (ratingOf === 'productHandle') qs.product_handle = value('productHandle', 'Product Handle');
	else if (ratingOf === 'allProducts') qs.is_all_products_rating = 1;
	else if (ratingOf === 'all') qs.is_all_rating = 1;
	else qs.is_store_rating = 1;
	options.qs = { ...(options.qs ?? {}), ...qs };
	return options;
}
