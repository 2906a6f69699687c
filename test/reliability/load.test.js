'use strict';
/**
 * Load: 50 items in one execution for each write operation, and 20 concurrent executions of
 * review Get Many, against the sandbox, with some rate limiting and server errors injected on the
 * way. Nothing may be lost or duplicated: the sandbox's own state and request log are the count.
 */
const S = require('./support');

const ctx = S.useSandbox({ reviewCount: 1000 });
const originalConsole = { ...console };
afterAll(() => Object.assign(console, originalConsole));

const ITEMS = 50;
const range = (count) => Array.from({ length: count }, (_, index) => index);
const requestsTo = (sb, endpoint) => sb.requests.filter((request) => request.endpoint === endpoint);
const shop = (sb) => sb.state.shops[0];
const tag = () => `load-${Date.now().toString(36)}`;

/** Runs `parameters` (expressions over `items`) in one execution and checks that every item succeeded. */
async function runItems(sb, parameters, items, options = {}) {
	const result = await S.run(sb, parameters, { inputItems: items.map((json) => ({ json })), continueOnFail: true, ...options });
	expect(result.error).toBeUndefined();
	expect(S.itemErrors(result).map((error) => error.message)).toEqual([]);
	return result;
}

/** 10 of the 50 requests first get a 429 (not processed by the sandbox): each is retried once. */
const rateLimitTen = (sb, endpoint) => sb.setFault({ kind: 'status', status: 429, retryAfter: 0, endpoint, times: 10 });

describe(`${ITEMS} items in one execution, for each write operation`, () => {
	test('Create Review: 50 reviews, each exactly once', async () => {
		const { sb } = ctx;
		const run = tag();
		const before = shop(sb).reviews.liveCount;
		rateLimitTen(sb, 'createReview');
		const items = range(ITEMS).map((index) => ({ author: `${run}-${index}`, rating: 1 + (index % 5) }));
		const result = await runItems(sb, { resource: 'review', operation: 'create', author: '={{ $json.author }}', rating: '={{ $json.rating }}' }, items);
		expect(requestsTo(sb, 'createReview')).toHaveLength(ITEMS + 10);
		expect(shop(sb).reviews.liveCount).toBe(before + ITEMS);
		expect(result.items.map((review) => review.author).sort()).toEqual(items.map((item) => item.author).sort());
		expect(new Set(result.items.map((review) => review.id)).size).toBe(ITEMS);
		const accepted = requestsTo(sb, 'createReview').filter((request) => request.code === 0).map((request) => request.body.author);
		expect(accepted.sort()).toEqual(items.map((item) => item.author).sort());
	});

	test('Delete Review: 50 reviews deleted, each once', async () => {
		const { sb } = ctx;
		const ids = S.reviewIds(sb, ITEMS, 500);
		const before = shop(sb).reviews.liveCount;
		rateLimitTen(sb, 'deleteReview');
		const result = await runItems(sb, { resource: 'review', operation: 'delete', reviewId: '={{ $json.id }}' }, ids.map((id) => ({ id })));
		expect(result.items.map((item) => item.id).sort()).toEqual([...ids].sort());
		expect(shop(sb).reviews.liveCount).toBe(before - ITEMS);
		for (const id of ids) expect(shop(sb).reviews.rowOf(id)).toBe(-1);
		expect(requestsTo(sb, 'deleteReview').filter((request) => request.code === 0)).toHaveLength(ITEMS);
	});

	test('Create, Update and Delete Webhook: 50 each', async () => {
		const { sb } = ctx;
		const run = tag();
		const before = shop(sb).webhooks.length;
		rateLimitTen(sb, 'createWebhook');
		const created = await runItems(
			sb,
			{ resource: 'webhook', operation: 'create', topic: 'review/created', url: '={{ $json.url }}' },
			range(ITEMS).map((index) => ({ url: `https://hooks.example.com/${run}/${index}` })),
		);
		expect(shop(sb).webhooks.length).toBe(before + ITEMS);
		const ids = created.items.map((webhook) => webhook.id);
		expect(new Set(ids).size).toBe(ITEMS);

		sb.clearRequests();
		rateLimitTen(sb, 'updateWebhook');
		sb.setFault({ kind: 'status', status: 500, endpoint: 'updateWebhook', times: 5 }); // repeatable: retried
		await runItems(
			sb,
			{ resource: 'webhook', operation: 'update', webhookId: '={{ $json.id }}', topic: 'review/deleted', url: '={{ $json.url }}' },
			ids.map((id, index) => ({ id, url: `https://hooks.example.com/${run}/updated/${index}` })),
		);
		expect(requestsTo(sb, 'updateWebhook')).toHaveLength(ITEMS + 15);
		const byId = new Map(shop(sb).webhooks.map((webhook) => [webhook.id, webhook]));
		ids.forEach((id, index) => expect(byId.get(id)).toMatchObject({ topic: 'review/deleted', url: `https://hooks.example.com/${run}/updated/${index}` }));
		expect(shop(sb).webhooks.length).toBe(before + ITEMS);

		sb.clearRequests();
		rateLimitTen(sb, 'deleteWebhook');
		await runItems(sb, { resource: 'webhook', operation: 'delete', webhookId: '={{ $json.id }}' }, ids.map((id) => ({ id })));
		expect(shop(sb).webhooks.length).toBe(before);
		expect(requestsTo(sb, 'deleteWebhook').filter((request) => request.code === 0)).toHaveLength(ITEMS);
	});

	test('Unsubscribe: 50 email addresses', async () => {
		const { sb } = ctx;
		const run = tag();
		const before = sb.summary().shops[0].unsubscribes;
		rateLimitTen(sb, 'emailUnsubscribe');
		sb.setFault({ kind: 'reset', endpoint: 'emailUnsubscribe', times: 5 }); // repeatable: retried
		const emails = range(ITEMS).map((index) => `${run}-${index}@example.com`);
		await runItems(sb, { resource: 'customer', operation: 'unsubscribe', email: '={{ $json.email }}', emailType: 'review_request' }, emails.map((email) => ({ email })));
		expect(sb.summary().shops[0].unsubscribes).toBe(before + ITEMS);
		for (const email of emails) expect([...shop(sb).unsubscribes.get(email)]).toEqual(['review_request']);
	});

	test('Create and Delete Exclusion: 50 customers', async () => {
		const { sb } = ctx;
		const run = tag();
		const before = shop(sb).exclusions.length;
		const emails = range(ITEMS).map((index) => `${run}-${index}@example.com`);
		rateLimitTen(sb, 'createExclusion');
		await runItems(sb, { resource: 'customer', operation: 'createExclusion', email: '={{ $json.email }}' }, emails.map((email) => ({ email })));
		expect(shop(sb).exclusions.length).toBe(before + ITEMS);
		const excluded = shop(sb).exclusions.map((entry) => entry.exclusion.email);
		for (const email of emails) expect(excluded.filter((entry) => entry === email)).toHaveLength(1);

		sb.clearRequests();
		rateLimitTen(sb, 'deleteExclusion');
		await runItems(sb, { resource: 'customer', operation: 'deleteExclusion', email: '={{ $json.email }}' }, emails.map((email) => ({ email })));
		expect(shop(sb).exclusions.length).toBe(before);
		expect(requestsTo(sb, 'deleteExclusion').filter((request) => request.code === 0)).toHaveLength(ITEMS);
	});

	test('Revoke Token: 50 tokens revoked', async () => {
		const { sb } = ctx;
		const tokens = range(ITEMS).map(() => sb.issueToken().access_token);
		rateLimitTen(sb, 'revokeToken');
		sb.setFault({ kind: 'status', status: 502, endpoint: 'revokeToken', times: 5 }); // repeatable: retried
		await runItems(sb, { resource: 'platform', operation: 'revokeToken', tokenToRevoke: 'custom', token: '={{ $json.token }}' }, tokens.map((token) => ({ token })), { authentication: 'oAuth2' });
		for (const token of tokens) expect(sb.oauth.checkAccess(token).problem).toBe('access token revoked');
		expect(requestsTo(sb, 'revokeToken')).toHaveLength(ITEMS + 15);
	});

	test('Cancel Authorization: 50 items, each answered once', async () => {
		const { sb } = ctx;
		rateLimitTen(sb, 'cancelAuthorization');
		await runItems(sb, { resource: 'platform', operation: 'cancelAuthorization', shop: '={{ $json.shop }}' }, range(ITEMS).map((index) => ({ shop: index % 2 ? sb.demo.secondShop.shopId : sb.demo.secondShop.myshopifyDomain })), { authentication: 'oAuth2' });
		expect(requestsTo(sb, 'cancelAuthorization').filter((request) => request.code === 0)).toHaveLength(ITEMS);
	});
});

describe('20 concurrent executions of review Get Many', () => {
	test('each returns every review exactly once, in order, despite 429s and 500s', async () => {
		const { sb } = ctx;
		const table = shop(sb).reviews;
		const expected = [];
		// The sandbox lists newest first; rows were seeded oldest first, created ones after.
		for (let row = 0; row < table.size; row++) if (table.rowOf(table.idOf(row)) >= 0) expected.push({ id: table.idOf(row), created: table.get(row).created_at });
		expect(expected.length).toBeGreaterThan(900);
		sb.setFault({ kind: 'status', status: 429, retryAfter: 0, endpoint: 'getReviews', times: 10 });
		sb.setFault({ kind: 'status', status: 500, endpoint: 'getReviews', times: 10 });
		const results = await Promise.all(
			range(20).map((index) => S.run(sb, { resource: 'review', operation: 'getAll', returnAll: true }, { authentication: index % 2 ? 'oAuth2' : 'apiKey' })),
		);
		const pages = Math.ceil(expected.length / S.api.MAX_PAGE_SIZE);
		expect(requestsTo(sb, 'getReviews')).toHaveLength(20 * pages + 20);
		const first = results[0].items.map((review) => review.id);
		expect([...first].sort()).toEqual(expected.map((review) => review.id).sort());
		for (const result of results) {
			expect(result.error).toBeUndefined();
			const ids = result.items.map((review) => review.id);
			expect(ids).toHaveLength(expected.length);
			expect(new Set(ids).size).toBe(expected.length);
			expect(ids).toEqual(first);
		}
	}, 60000);
});
