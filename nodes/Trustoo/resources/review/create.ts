import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { bodyId, MEDIA_TYPES, REVIEW_LIMITS, REVIEW_SOURCES } from '../../../shared/api';
import { characterCount, dateTextOf, isEmail, isHttpUrl, textOf, toTrustooDateTime } from '../../transport/preSend';
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
		// Always sent: the documented body requires it, and the 2026 example still carries it.
		displayName: 'Source',
		name: 'source',
		type: 'options',
		required: true,
		default: 'Shop',
		description: 'Where the review came from, as TrustWILL labels it (for example Amazon or AliExpress for imported reviews)',
		options: REVIEW_SOURCES.map((source) => ({ name: source, value: source })),
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
			{ displayName: 'Review Date', name: 'commentedAt', type: 'dateTime', default: '', description: 'When the review was written. Left out when empty, so TrustWILL dates the review itself.' },
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
	const text = (value: unknown, label: string) => textOf(this, value, label);
	const maxLength = (label: string, value: string, limit: number) => {
		const count = characterCount(value);
		if (count > limit) fail(`${label} is too long (${count} characters)`, `Trustoo accepts at most ${limit} characters.`);
	};

	const productId = text(this.getNodeParameter('productId', ''), 'Product ID');
	if (productId && !/^\d{1,20}$/.test(productId)) fail(`Product ID "${productId}" must be a number`, 'Shopify product IDs contain digits only. Leave it empty for a store review.');
	const ratingValue = this.getNodeParameter('rating') as unknown;
	// Only a number or a number written as text: Number(true) or Number([5]) would slip through.
	const rating = typeof ratingValue === 'number' || (typeof ratingValue === 'string' && ratingValue.trim() !== '') ? Number(ratingValue) : NaN;
	if (!Number.isInteger(rating) || rating < 1 || rating > 5) fail(`Rating must be a whole number from 1 to 5, got "${typeof ratingValue === 'object' && ratingValue !== null ? JSON.stringify(ratingValue) : String(ratingValue)}"`, 'Use 1 (worst) to 5 (best).');
	const author = text(this.getNodeParameter('author'), 'Author');
	if (!author) fail('Author is required', 'Enter the reviewer’s name.');
	maxLength('Author', author, REVIEW_LIMITS.authorMaxLength);

	const source = text(this.getNodeParameter('source', ''), 'Source');
	if (!source) fail('Source is required', `Choose where the review came from: ${REVIEW_SOURCES.join(', ')}.`);
	if (!(REVIEW_SOURCES as readonly string[]).includes(source)) fail(`Source "${source}" is not a valid choice`, `Use one of: ${REVIEW_SOURCES.join(', ')}.`);

	const fields = this.getNodeParameter('additionalFields', {}) as IDataObject;
	const body: IDataObject = { product_id: bodyId(productId || '0'), rating, author, source };

	const strings: Array<[keyof typeof fields, string, string, number?]> = [
		['authorEmail', 'author_email', 'Author Email'],
		['authorPhone', 'author_phone', 'Author Phone'],
		['authorCountry', 'author_country', 'Author Country'],
		['title', 'title', 'Title', REVIEW_LIMITS.titleMaxLength],
		['content', 'content', 'Content', REVIEW_LIMITS.contentMaxLength],
		['itemType', 'item_type', 'Item Type', REVIEW_LIMITS.itemTypeMaxLength],
		['tag', 'tag', 'Tag'],
		['orderId', 'order_id', 'Order ID'],
	];
	for (const [field, key, label, limit] of strings) {
		const value = text(fields[field], label);
		if (!value) continue;
		if (limit) maxLength(label, value, limit);
		body[key] = value;
	}
	if (body.author_email && !isEmail(String(body.author_email))) fail(`Author Email "${String(body.author_email)}" is not a valid email address`, 'Enter an address like customer@example.com.');
	if (body.order_id && !/^\d{1,20}$/.test(String(body.order_id))) fail(`Order ID "${String(body.order_id)}" must be a number`, 'Shopify order IDs contain digits only.');
	if (body.order_id) body.order_id = bodyId(String(body.order_id));

	for (const [field, key] of [['isVerified', 'is_verified'], ['isFeatured', 'is_featured'], ['isPublished', 'is_published'], ['isTop', 'is_top']] as const) {
		if (fields[field] !== undefined) body[key] = fields[field] ? 1 : 0;
	}
	const commentedAtText = dateTextOf(this, fields.commentedAt, 'Review Date');
	if (commentedAtText) {
		const commentedAt = toTrustooDateTime(commentedAtText);
		if (!commentedAt) fail(`Review Date "${commentedAtText}" is not a valid date`, 'Use a date like 2025-06-20 14:30:00.');
		body.commented_at = commentedAt;
	}

	const mediaList = (fields.media as IDataObject | undefined)?.items ?? [];
	const mediaItems = (Array.isArray(mediaList) ? mediaList : [mediaList]) as MediaInput[];
	if (mediaItems.length) {
		const mediaTypes: number[] = Object.values(MEDIA_TYPES);
		const media = mediaItems.map((entry, index) => {
			if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) fail(`Media ${index + 1} must have a URL`, 'Each media entry needs a URL and a type.');
			const url = text(entry?.url, `Media ${index + 1} URL`);
			if (!isHttpUrl(url)) fail(`Media ${index + 1}: URL "${url}" is not an http(s) URL`, 'Upload the file first (Media → Get Image Upload Credentials) and use its URL.');
			const thumbnail = text(entry.thumbnailUrl, `Media ${index + 1} Thumbnail URL`);
			if (thumbnail && !isHttpUrl(thumbnail)) fail(`Media ${index + 1}: Thumbnail URL "${thumbnail}" is not an http(s) URL`, 'Leave it empty to use the URL.');
			const type = Number(text(entry.type ?? MEDIA_TYPES.image, `Media ${index + 1} Type`));
			if (!mediaTypes.includes(type)) fail(`Media ${index + 1}: Type "${String(entry.type)}" is not valid`, 'Choose Image or Video.');
			return { url, thumbnail_url: thumbnail || url, type, is_published: entry.isPublished === false ? 0 : 1 };
		});
		const images = media.filter((entry) => entry.type === MEDIA_TYPES.image).length;
		if (images > REVIEW_LIMITS.maxImages) fail(`Too many images (${images})`, `Trustoo accepts at most ${REVIEW_LIMITS.maxImages} images per review.`);
		body.media = media;
	}

	const reply = (fields.reply as IDataObject | undefined)?.reply as IDataObject | undefined;
	const replyContent = reply ? text(reply.content, 'Reply Content') : '';
	if (reply && replyContent) {
		maxLength('Reply Content', replyContent, REVIEW_LIMITS.contentMaxLength);
		const replyAtText = dateTextOf(this, reply.replyAt, 'Replied At');
		const replyAt = replyAtText ? toTrustooDateTime(replyAtText) : undefined;
		if (replyAtText && !replyAt) fail(`Replied At "${replyAtText}" is not a valid date`, 'Use a date like 2025-06-20 14:30:00.');
		body.reply = replyAt ? { content: replyContent, reply_at: replyAt } : { content: replyContent };
	}

	options.body = body;
	return options;
}
