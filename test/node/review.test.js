/**
 * Review: get, getAll (Return All over several pages, Limit, every filter), create (product and
 * store reviews with every documented field), delete, with every credential.
 */
const {
	api,
	AUTH_MODES,
	useSandbox,
	run,
	runOk,
	originalError,
	queryOf,
	expectOneRequest,
	expectRequest,
	expectNoSecrets,
	signedFetch,
	signedFetchAll,
	liveReviews,
	shopState,
} = require('../support/node-runner');
const { NodeOperationError } = require('n8n-workflow');

const REVIEW_COUNT = 350;
const ctx = useSandbox({ reviewCount: REVIEW_COUNT });

const ids = (records) => records.map((record) => record.id);
/** Page numbers requested, sorted. */
const pageNumbers = (requests) => requests.map((request) => Number(queryOf(request).page)).sort((a, b) => a - b);
const findReview = (id) => shopState(ctx.sb).reviews.find(String(id));

/** Creates a review with a request signed here (not by the node), for get/delete tests. */
async function createReviewDirectly(fields) {
	const { method, path } = api.ENDPOINTS.createReview;
	const envelope = await signedFetch(ctx.sb, method, path, { body: { rating: 3, author: 'Setup Author', source: 'Store front', ...fields } });
	expect(envelope.code).toBe(0);
	return envelope.data;
}

describe.each(AUTH_MODES)('review with $label', (mode) => {
	test('get: one review by ID, exactly as the sandbox stores it', async () => {
		const wanted = liveReviews(ctx.sb)[17];
		const result = await runOk(ctx.sb, mode, { resource: 'review', operation: 'get', reviewId: wanted.id });

		expectOneRequest(ctx.sb, result, mode, { endpoint: 'getReview', query: { [api.REVIEW_ID_QUERY_PARAM]: wanted.id } });
		expect(result.items).toEqual([findReview(wanted.id)]);
		expect(result.items[0]).toEqual(wanted);
		expectNoSecrets(ctx.sb, result);
	});

	test('getAll with Return All walks every page of MAX_PAGE_SIZE, each review once, newest first', async () => {
		const expected = liveReviews(ctx.sb);
		expect(expected.length).toBeGreaterThan(3 * api.MAX_PAGE_SIZE);
		const pages = Math.ceil(expected.length / api.MAX_PAGE_SIZE);

		const result = await runOk(ctx.sb, mode, { resource: 'review', operation: 'getAll', returnAll: true });

		expect(pages).toBeGreaterThanOrEqual(4);
		// Page 1 first (it tells how many pages there are); the others each once, in any order.
		expect(pageNumbers(result.requests)).toEqual(Array.from({ length: pages }, (_, index) => index + 1));
		expect(queryOf(result.requests[0]).page).toBe('1');
		for (const request of result.requests) {
			expectRequest(ctx.sb, request, result, mode, {
				endpoint: 'getReviews',
				query: { page: queryOf(request).page, page_size: String(api.MAX_PAGE_SIZE) },
			});
		}
		// One item per review, never the page envelope.
		expect(result.items).toHaveLength(expected.length);
		expect(new Set(ids(result.items)).size).toBe(expected.length);
		expect(ids(result.items)).toEqual(ids(expected));
		expect(result.items).toEqual(expected);
		// The same as an independent client reading every page, signed by hand.
		expect(result.items).toEqual(await signedFetchAll(ctx.sb, 'getReviews'));
		for (const item of result.items) {
			expect(item).not.toHaveProperty('list');
			expect(item).not.toHaveProperty('page');
			expect(item).not.toHaveProperty('code');
		}
	});

	test('getAll with a Limit smaller than a page: one request with page_size = limit', async () => {
		const expected = liveReviews(ctx.sb).slice(0, 7);
		const result = await runOk(ctx.sb, mode, { resource: 'review', operation: 'getAll', returnAll: false, limit: 7 });

		expectOneRequest(ctx.sb, result, mode, { endpoint: 'getReviews', query: { page: '1', page_size: '7' } });
		expect(result.items).toEqual(expected);
	});

	test('getAll with a Limit larger than a page stops once it has enough', async () => {
		const expected = liveReviews(ctx.sb).slice(0, 150);
		const result = await runOk(ctx.sb, mode, { resource: 'review', operation: 'getAll', limit: 150 });

		expect(result.requests.map(queryOf)).toEqual([
			{ page: '1', page_size: String(api.MAX_PAGE_SIZE) },
			{ page: '2', page_size: String(api.MAX_PAGE_SIZE) },
		]);
		expect(result.items).toHaveLength(150);
		expect(ids(result.items)).toEqual(ids(expected));
	});

	test('getAll filters: product IDs, ratings, sources and sort are sent as Trustoo expects and applied', async () => {
		const [first, second] = ctx.sb.demo.products;
		const ratings = ['5', '2'];
		const sources = ['Email request', 'Store front'];
		const result = await runOk(ctx.sb, mode, {
			resource: 'review',
			operation: 'getAll',
			returnAll: true,
			filters: {
				productIds: ` ${first.id}, ${second.id} ,`,
				ratings,
				sources,
				sortBy: 'created-ascending',
			},
		});

		expectOneRequest(ctx.sb, result, mode, {
			endpoint: 'getReviews',
			query: {
				page: '1',
				page_size: String(api.MAX_PAGE_SIZE),
				'product_ids[0]': first.id,
				'product_ids[1]': second.id,
				'ratings[0]': '5',
				'ratings[1]': '2',
				'sources[0]': 'Email request',
				'sources[1]': 'Store front',
				sort_by: 'created-ascending',
			},
		});
		const expected = liveReviews(ctx.sb)
			.filter(
				(review) =>
					[first.id, second.id].includes(review.product_id) &&
					ratings.includes(String(review.rating)) &&
					sources.includes(review.source),
			)
			.reverse();
		expect(expected.length).toBeGreaterThan(3);
		expect(result.items).toEqual(expected);
		for (const item of result.items) {
			expect([first.id, second.id]).toContain(item.product_id);
			expect(ratings).toContain(String(item.rating));
			expect(sources).toContain(item.source);
		}
	});

	test('getAll filters: keyword (with a space, any case) and store reviews only', async () => {
		const keyword = 'great QUALITY';
		const result = await runOk(ctx.sb, mode, {
			resource: 'review',
			operation: 'getAll',
			returnAll: true,
			filters: { keyword, storeReviewsOnly: true },
		});

		const request = expectOneRequest(ctx.sb, result, mode, {
			endpoint: 'getReviews',
			query: { page: '1', page_size: String(api.MAX_PAGE_SIZE), keyword, is_store_review: '1' },
		});
		expect(request.rawQuery).not.toContain('+'); // a space is %20, as signed
		const needle = keyword.toLowerCase();
		const expected = liveReviews(ctx.sb).filter(
			(review) =>
				review.product_id === '0' &&
				[review.author, review.title, review.content].some((text) => text.toLowerCase().includes(needle)),
		);
		expect(expected.length).toBeGreaterThan(0);
		expect(result.items).toEqual(expected);
		for (const item of result.items) expect(item.product_id).toBe('0');
	});

	test('getAll: Store Reviews Only off sends no is_store_review and returns product reviews too', async () => {
		const result = await runOk(ctx.sb, mode, {
			resource: 'review',
			operation: 'getAll',
			limit: 60,
			filters: { storeReviewsOnly: false, sortBy: 'created-descending' },
		});

		expectOneRequest(ctx.sb, result, mode, {
			endpoint: 'getReviews',
			query: { page: '1', page_size: '60', sort_by: 'created-descending' },
		});
		expect(result.items).toEqual(liveReviews(ctx.sb).slice(0, 60));
		expect(result.items.some((item) => item.product_id !== '0')).toBe(true);
	});

	test('create: a product review with every documented field; the body Trustoo got and the review it stored', async () => {
		const productId = ctx.sb.demo.products[2].id;
		const parameters = {
			resource: 'review',
			operation: 'create',
			productId,
			rating: 4,
			author: '  Zoë Kowalczyk  ',
			source: 'Email request',
			additionalFields: {
				authorCountry: 'FR',
				authorEmail: 'zoe.k@example.com',
				authorPhone: '+33 6 12 34 56 78',
				content: 'Très bien — fits perfectly 😊',
				isFeatured: true,
				itemType: 'Red / XL',
				media: {
					items: [
						{
							url: 'https://img.example.com/r/1.jpeg',
							thumbnailUrl: 'https://img.example.com/r/1-small.jpeg',
							type: 1,
							isPublished: true,
						},
						{ url: 'https://img.example.com/r/2.mp4', thumbnailUrl: '', type: 2, isPublished: false },
					],
				},
				orderId: '5447563438897',
				isTop: true,
				isPublished: false,
				reply: { reply: { content: 'Merci Zoë!', replyAt: '2026-01-02T10:15:00Z' } },
				commentedAt: '2026-01-01T09:30:00Z',
				tag: 'vip',
				title: 'Lovely tee',
				isVerified: true,
			},
		};
		const result = await runOk(ctx.sb, mode, parameters);

		const expectedBody = {
			product_id: productId,
			rating: 4,
			author: 'Zoë Kowalczyk',
			author_email: 'zoe.k@example.com',
			author_phone: '+33 6 12 34 56 78',
			author_country: 'FR',
			title: 'Lovely tee',
			content: 'Très bien — fits perfectly 😊',
			item_type: 'Red / XL',
			source: 'Email request',
			tag: 'vip',
			order_id: '5447563438897',
			is_verified: 1,
			is_featured: 1,
			is_published: 0,
			is_top: 1,
			commented_at: '2026-01-01 09:30:00',
			media: [
				{
					url: 'https://img.example.com/r/1.jpeg',
					thumbnail_url: 'https://img.example.com/r/1-small.jpeg',
					type: 1,
					is_published: 1,
				},
				// An empty thumbnail falls back to the URL itself.
				{ url: 'https://img.example.com/r/2.mp4', thumbnail_url: 'https://img.example.com/r/2.mp4', type: 2, is_published: 0 },
			],
			reply: { content: 'Merci Zoë!', reply_at: '2026-01-02 10:15:00' },
		};
		expectOneRequest(ctx.sb, result, mode, { endpoint: 'createReview', body: expectedBody });

		expect(result.items).toHaveLength(1);
		const [created] = result.items;
		expect(created).toEqual(findReview(created.id));
		const { author_phone: _phone, ...stored } = expectedBody;
		expect(created).toMatchObject(stored);
		expect(created.product_handle).toBe(ctx.sb.demo.products[2].handle);
		expect(created.id).toMatch(/^\d+$/);
		expectNoSecrets(ctx.sb, result);
	});

	test('create: a store review (no product ID) with only the required fields; Source is sent with its default', async () => {
		const result = await runOk(ctx.sb, mode, {
			resource: 'review',
			operation: 'create',
			productId: '',
			rating: 5,
			author: 'Store Fan',
		});

		expectOneRequest(ctx.sb, result, mode, {
			endpoint: 'createReview',
			body: { product_id: '0', rating: 5, author: 'Store Fan', source: 'Shop' },
		});
		expect(result.items).toHaveLength(1);
		expect(result.items[0]).toEqual(findReview(result.items[0].id));
		expect(result.items[0]).toMatchObject({ product_id: '0', rating: 5, author: 'Store Fan', media: [], reply: null });
	});

	test('Shopify IDs longer than 2^53 stay exact strings from parameter to request to output', async () => {
		const bigProductId = '92003051768320123457'; // 20 digits
		const bigOrderId = '54475634388971234'; // 17 digits
		expect(Number(bigProductId).toString()).not.toBe(bigProductId);

		const created = await runOk(ctx.sb, mode, {
			resource: 'review',
			operation: 'create',
			productId: bigProductId,
			rating: 2,
			author: 'Big Id',
			additionalFields: { orderId: bigOrderId },
		});
		const [createRequest] = created.requests;
		expect(createRequest.rawBody).toContain(`"product_id":"${bigProductId}"`);
		expect(createRequest.rawBody).toContain(`"order_id":"${bigOrderId}"`);
		expect(created.items[0].product_id).toBe(bigProductId);
		expect(created.items[0].order_id).toBe(bigOrderId);

		const listed = await runOk(ctx.sb, mode, {
			resource: 'review',
			operation: 'getAll',
			returnAll: true,
			filters: { productIds: bigProductId },
		});
		expect(queryOf(listed.requests[0])['product_ids[0]']).toBe(bigProductId);
		expect(listed.items.length).toBeGreaterThanOrEqual(1);
		expect(listed.items.map((item) => item.product_id)).toEqual(listed.items.map(() => bigProductId));
		expect(ids(listed.items)).toContain(created.items[0].id);
	});

	test('delete: removes the review and outputs its ID', async () => {
		const target = await createReviewDirectly({ title: `to delete ${mode.label}` });
		expect(findReview(target.id)).not.toBeNull();

		const result = await runOk(ctx.sb, mode, { resource: 'review', operation: 'delete', reviewId: target.id });

		expectOneRequest(ctx.sb, result, mode, { endpoint: 'deleteReview', body: { id: target.id } });
		expect(result.items).toEqual([{ id: target.id }]);
		expect(findReview(target.id)).toBeNull();
		const { method, path } = api.ENDPOINTS.getReview;
		const after = await signedFetch(ctx.sb, method, path, { query: { [api.REVIEW_ID_QUERY_PARAM]: target.id } });
		expect(after.code).toBe(5);
	});
});

describe('review: input checked before anything is sent', () => {
	const mode = AUTH_MODES[0];
	test.each([
		['a rating outside 1..5', { rating: 6 }, /Rating must be a whole number from 1 to 5/],
		['a product ID that is not a number', { productId: 'abc' }, /Product ID "abc" must be a number/],
		['an empty author', { author: '   ' }, /Author is required/],
		['an invalid author email', { additionalFields: { authorEmail: 'not-an-email' } }, /Author Email "not-an-email"/],
		[
			'a media URL that is not http(s)',
			{ additionalFields: { media: { items: [{ url: 'ftp://x/y.jpg', type: 1, isPublished: true }] } } },
			/Media 1: URL "ftp:\/\/x\/y.jpg"/,
		],
		['an unparsable review date', { additionalFields: { commentedAt: 'someday' } }, /Review Date "someday" is not a valid date/],
		['an impossible review date', { additionalFields: { commentedAt: '2025-02-31' } }, /Review Date "2025-02-31" is not a valid date/],
	])('%s', async (_label, overrides, message) => {
		const parameters = { resource: 'review', operation: 'create', productId: '', rating: 5, author: 'Someone', ...overrides };
		const failed = await run(ctx.sb, mode, parameters);
		expect(failed.error).toBeDefined();
		expect(failed.error.message).toMatch(message);
		const { original } = await originalError(ctx.sb, mode, parameters);
		expect(original).toBeInstanceOf(NodeOperationError);
		expect(original.message).toMatch(message);
		expect(ctx.sb.requests).toHaveLength(0);
	});
});
