'use strict';
/**
 * Input validation before any request: each bad input stops its item with a NodeOperationError
 * whose message names the field and the item index, and nothing reaches the sandbox. The
 * boundaries (exactly at the API's limits) are accepted by the node and by the sandbox.
 */
const S = require('./support');

const ctx = S.useSandbox();

const long = (length, character = 'a') => character.repeat(length);
const images = (count) => ({ items: Array.from({ length: count }, (_, index) => ({ url: `https://cdn.example.com/${index}.jpg`, type: 1 })) });

/** [operation, parameters, text the message must contain, authentication] */
const CASES = [
	// Create Review: rating, lengths, images, email, dates, ids, choices, types.
	['review.create', { rating: 0, author: 'A' }, 'Rating must be a whole number from 1 to 5'],
	['review.create', { rating: 6, author: 'A' }, 'Rating must be a whole number from 1 to 5'],
	['review.create', { rating: 2.5, author: 'A' }, 'Rating must be a whole number from 1 to 5'],
	['review.create', { rating: '={{ "five" }}', author: 'A' }, 'Rating must be a whole number from 1 to 5'],
	['review.create', { rating: '={{ true }}', author: 'A' }, 'Rating must be a whole number from 1 to 5'],
	['review.create', { rating: 5, author: '={{ "" }}' }, 'Author is required'],
	['review.create', { rating: 5, author: long(121) }, 'Author is too long (121 characters)'],
	['review.create', { rating: 5, author: '={{ { name: "Ann" } }}' }, 'Author must be text, not an object'],
	['review.create', { rating: 5, author: 'A', additionalFields: { title: long(301) } }, 'Title is too long (301 characters)'],
	['review.create', { rating: 5, author: 'A', additionalFields: { content: long(10001) } }, 'Content is too long (10001 characters)'],
	['review.create', { rating: 5, author: 'A', additionalFields: { media: images(11) } }, 'Too many images (11)'],
	['review.create', { rating: 5, author: 'A', additionalFields: { media: { items: [{ url: 'ftp://cdn.example.com/a.jpg' }] } } }, 'Media 1: URL "ftp://cdn.example.com/a.jpg" is not an http(s) URL'],
	['review.create', { rating: 5, author: 'A', additionalFields: { authorEmail: 'ann-at-example.com' } }, 'Author Email "ann-at-example.com" is not a valid email address'],
	['review.create', { rating: 5, author: 'A', additionalFields: { commentedAt: '2025-02-30' } }, 'Review Date "2025-02-30" is not a valid date'],
	['review.create', { rating: 5, author: 'A', additionalFields: { commentedAt: 'yesterday' } }, 'Review Date "yesterday" is not a valid date'],
	['review.create', { rating: 5, author: 'A', additionalFields: { commentedAt: '2025-06-20T24:00:00' } }, 'Review Date "2025-06-20T24:00:00" is not a valid date'],
	['review.create', { rating: 5, author: 'A', additionalFields: { reply: { reply: { content: 'Thanks', replyAt: 'soon' } } } }, 'Replied At "soon" is not a valid date'],
	['review.create', { rating: 5, author: 'A', additionalFields: { reply: { reply: { content: long(10001) } } } }, 'Reply Content is too long (10001 characters)'],
	['review.create', { rating: 5, author: 'A', productId: 'tee-1' }, 'Product ID "tee-1" must be a number'],
	['review.create', { rating: 5, author: 'A', additionalFields: { orderId: '#1001' } }, 'Order ID "#1001" must be a number'],
	['review.create', { rating: 5, author: 'A', source: '={{ "Facebook" }}' }, 'Source "Facebook" is not a valid choice'],
	['review.create', { rating: 5, author: 'A', source: '={{ "" }}' }, 'Source is required'],
	// Review IDs.
	['review.get', { reviewId: '={{ "" }}' }, 'Review ID is required'],
	['review.get', { reviewId: 'abc' }, 'Review ID "abc" must be a number'],
	['review.delete', { reviewId: ' ' }, 'Review ID is required'],
	['review.delete', { reviewId: '12x' }, 'Review ID "12x" must be a number'],
	// Lists: Limit and filters.
	['review.getAll', { limit: 0 }, 'Limit must be a whole number of at least 1'],
	['review.getAll', { limit: -3 }, 'Limit must be a whole number of at least 1'],
	['review.getAll', { limit: 2.5 }, 'Limit must be a whole number of at least 1'],
	['review.getAll', { limit: '={{ "ten" }}' }, 'Limit must be a whole number of at least 1'],
	['review.getAll', { limit: 5, filters: { sortBy: '={{ "best-first" }}' } }, 'Sort "best-first" is not a valid choice'],
	['review.getAll', { limit: 5, filters: { ratings: '={{ ["6"] }}' } }, 'Ratings "6" is not a valid choice'],
	['review.getAll', { limit: 5, filters: { sources: '={{ ["Facebook"] }}' } }, 'Sources "Facebook" is not a valid choice'],
	['review.getAll', { limit: 5, filters: { productIds: '123, tee' } }, 'Product IDs: "tee" is not a product ID'],
	['webhook.getAll', { limit: 0 }, 'Limit must be a whole number of at least 1'],
	['customer.getExclusions', { limit: 0 }, 'Limit must be a whole number of at least 1'],
	['customerEvent.getAll', { limit: 0 }, 'Limit must be a whole number of at least 1'],
	['customerEvent.getAll', { limit: 5, filters: { sortBy: '={{ "random" }}' } }, 'Sort "random" is not a valid choice'],
	['order.getAll', { limit: 0 }, 'Limit must be a whole number of at least 1'],
	['order.getAll', { limit: 5, filters: { createdAfter: '2025-13-01' } }, 'Created After "2025-13-01" is not a valid date'],
	['order.getAll', { limit: 5, filters: { sentBefore: 'last week' } }, 'Request Sent Before "last week" is not a valid date'],
	['order.getAll', { limit: 5, filters: { requestStatus: '={{ 9 }}' } }, 'Review Request Status "9" is not a valid choice'],
	// Rating.
	['rating.get', { ratingOf: 'productId', productId: '={{ "" }}' }, 'Product ID is required'],
	['rating.get', { ratingOf: 'productId', productId: 'tee' }, 'Product ID "tee" must be a number'],
	['rating.get', { ratingOf: 'productHandle', productHandle: '={{ "" }}' }, 'Product Handle is required'],
	// Webhooks.
	['webhook.create', { topic: 'review/created', url: 'ftp://example.com/hook' }, 'URL "ftp://example.com/hook" is not an http(s) URL'],
	['webhook.create', { topic: 'review/created', url: 'example.com/hook' }, 'URL "example.com/hook" is not an http(s) URL'],
	['webhook.create', { topic: 'review/created', url: '={{ "" }}' }, 'URL "" is not an http(s) URL'],
	['webhook.create', { topic: '={{ "review/exploded" }}', url: 'https://example.com/hook' }, 'Topic "review/exploded" is not a valid choice'],
	['webhook.update', { webhookId: '={{ "" }}', topic: 'review/created', url: 'https://example.com/hook' }, 'Webhook ID is required'],
	['webhook.update', { webhookId: 'nineteen', topic: 'review/created', url: 'https://example.com/hook' }, 'Webhook ID "nineteen" must be a number'],
	['webhook.update', { webhookId: '19', topic: 'review/created', url: 'mailto:a@example.com' }, 'URL "mailto:a@example.com" is not an http(s) URL'],
	['webhook.delete', { webhookId: '={{ "" }}' }, 'Webhook ID is required'],
	// Customers.
	['customer.unsubscribe', { email: 'someone', emailType: 'all' }, 'Email "someone" is not a valid email address'],
	['customer.unsubscribe', { email: '={{ "" }}', emailType: 'all' }, 'Email is required'],
	['customer.unsubscribe', { email: 'a@example.com', emailType: '={{ "spam" }}' }, 'Email Type "spam" is not a valid choice'],
	['customer.createExclusion', { customerId: '123', email: 'a@example.com' }, 'Set either Customer ID or Email, not both'],
	['customer.createExclusion', { customerId: '', email: '' }, 'Customer ID or Email is required'],
	['customer.createExclusion', { customerId: 'cust-1' }, 'Customer ID "cust-1" must be a number'],
	['customer.deleteExclusion', { email: 'a@b' }, 'Email "a@b" is not a valid email address'],
	// Media.
	['media.getVideoUploadUrl', { fileName: '={{ "" }}' }, 'File Name is required'],
	// Platform.
	['platform.getAuthorizationInfo', { shop: '={{ "" }}' }, 'Shop is required', 'oAuth2'],
	['platform.getInstallStatus', { shop: 'my store' }, 'Shop "my store" is neither a shop ID nor a myshopify.com domain', 'oAuth2'],
	['platform.cancelAuthorization', { shop: 'shop.example.com' }, 'Shop "shop.example.com" is neither a shop ID nor a myshopify.com domain', 'oAuth2'],
	['platform.getAuthorizationUrl', { redirectUri: 'callback' }, 'Redirect URI "callback" is not an http(s) URL', 'oAuth2'],
	['platform.getAuthorizationUrl', { redirectUri: S.LOOPBACK_REDIRECT, additionalFields: { scope: 'read_reviews <script>' } }, 'Scope "<script>" is not a scope name', 'oAuth2'],
	['platform.revokeToken', { tokenToRevoke: 'custom', token: '={{ "" }}' }, 'There is no token to revoke', 'oAuth2'],
	['platform.getInstallStatus', { shop: '59730165893' }, 'This operation needs the TrustWILL (Trustoo) OAuth2 API credential', 'apiKey'],
];

// Required fields left empty are refused by n8n itself before the node runs; an expression that
// resolves to an empty value gets past n8n, so that is what these cases use.
describe('bad input stops the item before any request', () => {
	test.each(CASES)('%s %j → "%s"', async (key, parameters, expected, authentication = 'apiKey') => {
		const { sb } = ctx;
		const [resource, operation] = key.split('.');
		const result = await S.run(sb, { resource, operation, ...parameters }, {
			authentication,
			continueOnFail: true,
			inputItems: [{ json: { n: 0 } }, { json: { n: 1 } }],
		});
		expect(sb.requests).toHaveLength(0);
		const errors = S.itemErrors(result);
		expect(errors).toHaveLength(2);
		errors.forEach((error, itemIndex) => {
			expect(error.constructor.name).toBe('NodeOperationError');
			expect(error.message).toContain(expected);
			expect(error.message).toContain(`[item ${itemIndex}]`);
			expect(error.context.itemIndex).toBe(itemIndex);
			expect(error.description).toEqual(expect.any(String));
			expect(error.message).not.toMatch(S.STACK_TRACE);
		});
	});

	test('the item index is the failing item’s: only item 2 of 3 stops, the others are sent', async () => {
		const { sb } = ctx;
		const result = await S.run(sb, { resource: 'review', operation: 'create', rating: '={{ $json.rating }}', author: '={{ $json.author }}' }, {
			continueOnFail: true,
			inputItems: [{ json: { rating: 5, author: 'Ann' } }, { json: { rating: 4, author: 'Bo' } }, { json: { rating: 9, author: 'Cy' } }],
		});
		expect(sb.requests.map((request) => request.body.author).sort()).toEqual(['Ann', 'Bo']);
		const errors = S.itemErrors(result);
		expect(errors).toHaveLength(1);
		expect(errors[0].message).toBe('Rating must be a whole number from 1 to 5, got "9" [item 2]');
		expect(errors[0].context.itemIndex).toBe(2);
	});

	test('without Continue On Fail the run fails with the same message, and nothing is sent', async () => {
		const { sb } = ctx;
		const result = await S.run(sb, { resource: 'webhook', operation: 'create', topic: 'review/created', url: 'ftp://example.com/hook' });
		expect(result.error.message).toBe('URL "ftp://example.com/hook" is not an http(s) URL [item 0]');
		expect(sb.requests).toHaveLength(0);
	});
});

describe('values exactly at the API’s limits are accepted', () => {
	test('author 120, title 300, content 10,000 characters and 10 images', async () => {
		const { sb } = ctx;
		const result = await S.run(sb, {
			resource: 'review',
			operation: 'create',
			rating: 1,
			author: long(120),
			additionalFields: { title: long(300), content: long(10000), media: images(10), commentedAt: '2024-02-29T23:59:59Z' },
		});
		expect(result.error).toBeUndefined();
		expect(sb.requests[0].code).toBe(0);
		expect(sb.requests[0].body.media).toHaveLength(10);
		expect(sb.requests[0].body.commented_at).toBe('2024-02-29 23:59:59');
	});

	test('lengths count characters, not UTF-16 units: 120 emoji are a valid author', async () => {
		const { sb } = ctx;
		const result = await S.run(sb, { resource: 'review', operation: 'create', rating: 5, author: long(120, '😊') });
		expect(result.error).toBeUndefined();
		expect(sb.requests[0].code).toBe(0);
	});

	test('a date with a time zone is converted to UTC; a Limit typed as text works', async () => {
		const { sb } = ctx;
		const result = await S.run(sb, { resource: 'order', operation: 'getAll', limit: '={{ "3" }}', filters: { createdAfter: '2025-01-01T02:00:00+02:00' } });
		expect(result.error).toBeUndefined();
		expect(sb.requests[0].query.start_time).toBe('2025-01-01 00:00:00');
		expect(sb.requests[0].code).toBe(0);
	});
});
