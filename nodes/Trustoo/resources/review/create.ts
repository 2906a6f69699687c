import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { MEDIA_TYPES, REVIEW_LIMITS, REVIEW_SOURCES } from '../../../shared/api';
import { isEmail, toTrustooDateTime } from '../../transport/preSend';
import { showFor } from '../../transport/routing';

const show = showFor('review', ['create']);

const flag = (name: string, displayName: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'boolean',
	default: false,
	description,
});

export const reviewCreateFields: INodeProperties[] = [
	{
		displayName: 'Product ID',
		name: 'productId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 9200305176832',
		description: 'The Shopify product the review is about. Leave empty to create a store review.',
		displayOptions: show,
	},
	{
		displayName: 'Rating',
		name: 'rating',
		type: 'number',
		required: true,
		typeOptions: { minValue: 1, maxValue: 5, numberPrecision: 0 },
		default: 5,
		description: 'Star rating from 1 to 5',
		displayOptions: show,
	},
	{
		displayName: 'Author',
		name: 'author',
		type: 'string',
		required: true,
		default: '',
		description: `Reviewer name as shown on the storefront (at most ${REVIEW_LIMITS.authorMaxLength} characters)`,
		displayOptions: show,
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show,
		options: [
			{ displayName: 'Author Country', name: 'authorCountry', type: 'string', default: '', placeholder: 'e.g. US', description: 'Two-letter country code of the reviewer' },
			{ displayName: 'Author Email', name: 'authorEmail', type: 'string', placeholder: 'name@email.com', default: '', description: 'Reviewer email (not shown publicly)' },
			{ displayName: 'Author Phone', name: 'authorPhone', type: 'string', default: '', description: 'Reviewer phone (not shown publicly)' },
			{ displayName: 'Content', name: 'content', type: 'string', typeOptions: { rows: 4 }, default: '', description: `Review text (at most ${REVIEW_LIMITS.contentMaxLength} characters)` },
			flag('isFeatured', 'Featured', 'Whether the review is featured in TrustWILL widgets'),
			{ displayName: 'Item Type', name: 'itemType', type: 'string', default: '', placeholder: 'e.g. Red / XL', description: 'The variant the reviewer bought' },
			{
				displayName: 'Media',
				name: 'media',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				default: {},
				placeholder: 'Add Media',
				description: `Photos or videos already uploaded (at most ${REVIEW_LIMITS.maxImages} images)`,
				options: [
					{
						displayName: 'Media',
						name: 'items',
						values: [
							{ displayName: 'URL', name: 'url', type: 'string', default: '', description: 'Public URL of the image or video' },
							{ displayName: 'Thumbnail URL', name: 'thumbnailUrl', type: 'string', default: '', description: 'Smaller preview; Trustoo uses the URL when empty' },
							{
								displayName: 'Type',
								name: 'type',
								type: 'options',
								options: [
									{ name: 'Image', value: MEDIA_TYPES.image },
									{ name: 'Video', value: MEDIA_TYPES.video },
								],
								default: 1,
							},
							{ displayName: 'Published', name: 'isPublished', type: 'boolean', default: true, description: 'Whether this media is shown on the storefront' },
						],
					},
				],
			},
			{ displayName: 'Order ID', name: 'orderId', type: 'string', default: '', description: 'The Shopify order the review belongs to' },
			flag('isTop', 'Pinned', 'Whether the review is pinned to the top'),
			flag('isPublished', 'Published', 'Whether the review is shown on the storefront right away'),
			{
				displayName: 'Reply',
				name: 'reply',
				type: 'fixedCollection',
				default: {},
				placeholder: 'Add Reply',
				description: 'The store’s public reply to the review',
				options: [
					{
						displayName: 'Reply',
						name: 'reply',
						values: [
							{ displayName: 'Content', name: 'content', type: 'string', typeOptions: { rows: 3 }, default: '' },
							{ displayName: 'Replied At', name: 'replyAt', type: 'dateTime', default: '', description: 'When the reply was written; now when empty' },
						],
					},
				],
			},
			{ displayName: 'Review Date', name: 'commentedAt', type: 'dateTime', default: '', description: 'When the review was written; Trustoo uses now when empty' },
			{
				displayName: 'Source',
				name: 'source',
				type: 'options',
				default: 'Shop',
				description: 'Where the review came from',
				options: REVIEW_SOURCES.map((source) => ({ name: source, value: source })),
			},
			{ displayName: 'Tag', name: 'tag', type: 'string', default: '', description: 'A label for your own filtering' },
			{ displayName: 'Title', name: 'title', type: 'string', default: '', description: `Review headline (at most ${REVIEW_LIMITS.titleMaxLength} characters)` },
			flag('isVerified', 'Verified Buyer', 'Whether the reviewer is shown as a verified buyer'),
		],
	},
];

interface MediaInput {
	url?: string;
	thumbnailUrl?: string;
	type?: number;
	isPublished?: boolean;
}

/** Builds and checks the Create Review body (reference §6.3) before anything is sent. */
export async function buildCreateReviewBody(
	this: IExecuteSingleFunctions,
	options: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const itemIndex = this.getItemIndex();
	const fail = (message: string, description: string): never => {
		throw new NodeOperationError(this.getNode(), `${message} [item ${itemIndex}]`, { description, itemIndex });
	};
	const text = (value: unknown) => (value === undefined || value === null ? '' : String(value).trim());
	const maxLength = (label: string, value: string, limit: number) => {
		if (value.length > limit) fail(`${label} is too long (${value.length} characters)`, `Trustoo accepts at most ${limit} characters.`);
	};

	const productId = text(this.getNodeParameter('productId', ''));
	if (productId && !/^\d+$/.test(productId)) fail(`Product ID "${productId}" must be a number`, 'Shopify product IDs contain digits only. Leave it empty for a store review.');
	const rating = Number(this.getNodeParameter('rating'));
	if (!Number.isInteger(rating) || rating < 1 || rating > 5) fail(`Rating must be a whole number from 1 to 5, got "${String(this.getNodeParameter('rating'))}"`, 'Use 1 (worst) to 5 (best).');
	const author = text(this.getNodeParameter('author'));
	if (!author) fail('Author is required', 'Enter the reviewer’s name.');
	maxLength('Author', author, REVIEW_LIMITS.authorMaxLength);

	const fields = this.getNodeParameter('additionalFields', {}) as IDataObject;
	const body: IDataObject = { product_id: productId || '0', rating, author };

	const strings: Array<[keyof typeof fields, string, number?]> = [
		['authorEmail', 'author_email'],
		['authorPhone', 'author_phone'],
		['authorCountry', 'author_country'],
		['title', 'title', REVIEW_LIMITS.titleMaxLength],
		['content', 'content', REVIEW_LIMITS.contentMaxLength],
		['itemType', 'item_type', REVIEW_LIMITS.itemTypeMaxLength],
		['source', 'source'],
		['tag', 'tag'],
		['orderId', 'order_id'],
	];
	for (const [field, key, limit] of strings) {
		const value = text(fields[field]);
		if (!value) continue;
		if (limit) maxLength(String(field).replace(/^./, (c) => c.toUpperCase()), value, limit);
		body[key] = value;
	}
	if (body.author_email && !isEmail(String(body.author_email))) fail(`Author Email "${String(body.author_email)}" is not a valid email address`, 'Enter an address like customer@example.com.');
	if (body.order_id && !/^\d+$/.test(String(body.order_id))) fail(`Order ID "${String(body.order_id)}" must be a number`, 'Shopify order IDs contain digits only.');

	for (const [field, key] of [['isVerified', 'is_verified'], ['isFeatured', 'is_featured'], ['isPublished', 'is_published'], ['isTop', 'is_top']] as const) {
		if (fields[field] !== undefined) body[key] = fields[field] ? 1 : 0;
	}
	if (text(fields.commentedAt)) {
		const commentedAt = toTrustooDateTime(text(fields.commentedAt));
		if (!commentedAt) fail(`Review Date "${text(fields.commentedAt)}" is not a valid date`, 'Use a date like 2025-06-20 14:30:00.');
		body.commented_at = commentedAt;
	}

	const mediaItems = ((fields.media as IDataObject | undefined)?.items ?? []) as MediaInput[];
	if (mediaItems.length) {
		const media = mediaItems.map((entry, index) => {
			const url = text(entry.url);
			if (!/^https?:\/\/\S+$/i.test(url)) fail(`Media ${index + 1}: URL "${url}" is not an http(s) URL`, 'Upload the file first (Media → Get Image Upload Credentials) and use its URL.');
			const thumbnail = text(entry.thumbnailUrl);
			return { url, thumbnail_url: thumbnail || url, type: Number(entry.type ?? MEDIA_TYPES.image), is_published: entry.isPublished === false ? 0 : 1 };
		});
		const images = media.filter((entry) => entry.type === MEDIA_TYPES.image).length;
		if (images > REVIEW_LIMITS.maxImages) fail(`Too many images (${images})`, `Trustoo accepts at most ${REVIEW_LIMITS.maxImages} images per review.`);
		body.media = media;
	}

	const reply = (fields.reply as IDataObject | undefined)?.reply as IDataObject | undefined;
	if (reply && text(reply.content)) {
		const replyAt = text(reply.replyAt) ? toTrustooDateTime(text(reply.replyAt)) : undefined;
		if (text(reply.replyAt) && !replyAt) fail(`Replied At "${text(reply.replyAt)}" is not a valid date`, 'Use a date like 2025-06-20 14:30:00.');
		body.reply = replyAt ? { content: text(reply.content), reply_at: replyAt } : { content: text(reply.content) };
	}

	options.body = body;
	return options;
}
