/**
 * Trustoo's error codes 3, 5 and 16 — from real causes and injected — become NodeApiErrors with
 * Trustoo's code, message and request ID; Continue On Fail turns a failing item into an output item
 * while the other items still succeed; no secret reaches an item or an error.
 */
const { NodeApiError, NodeOperationError } = require('n8n-workflow');
const {
	api,
	AUTH_MODES,
	API_KEY_MODE,
	useSandbox,
	run,
	runOk,
	queryOf,
	expectNoSecrets,
	liveReviews,
	credentialsFor,
} = require('../support/node-runner');

const ctx = useSandbox({ reviewCount: 30 });
const UNKNOWN_REVIEW_ID = '3100099999';

/** The single recorded answer that failed (non-zero code), with the envelope the sandbox sent. */
function failedAnswer(result) {
	const failed = result.requests.filter((request) => request.code !== 0);
	expect(failed).toHaveLength(1);
	expect(failed[0].response).toBeDefined();
	return failed[0].response;
}

/** A NodeApiError carrying Trustoo's code, message and request ID, for the item that failed. */
function expectTrustooError(error, envelope, { itemIndex = 0 } = {}) {
	expect(error).toBeInstanceOf(NodeApiError);
	expect(envelope.code).not.toBe(0);
	expect(envelope.request_id).toMatch(/^[0-9a-f]{32}$/);
	expect(error.message).toContain(envelope.message);
	expect(error.description).toContain(`Trustoo code ${envelope.code}`);
	expect(error.description).toContain(envelope.request_id);
	expect(error.context.trustooCode).toBe(envelope.code);
	expect(error.context.requestId).toBe(envelope.request_id);
	expect(error.context.itemIndex).toBe(itemIndex);
}

describe('code 16: authentication', () => {
	test('a wrong private token (real cause): hint about the tokens and the clock', async () => {
		const wrongPrivateToken = 'pvt_wrong_but_plausible_Zq7x+Lm2==';
		const result = await run(
			ctx.sb,
			API_KEY_MODE,
			{ resource: 'review', operation: 'get', reviewId: liveReviews(ctx.sb)[0].id },
			{ credentialOptions: { privateToken: wrongPrivateToken } },
		);

		const envelope = failedAnswer(result);
		expect(envelope.code).toBe(16);
		expect(envelope.message).toMatch(/signature mismatch/);
		expectTrustooError(result.error, envelope);
		expect(result.error.message).toMatch(/^Authentication failed/);
		expect(result.error.description).toMatch(/Public Token/);
		expect(result.error.description).toMatch(/Private Token/);
		expect(result.error.description).toMatch(/clock/);
		expect(result.items).toEqual([]);
		expectNoSecrets(ctx.sb, result, [wrongPrivateToken]);
	});

	test.each(AUTH_MODES)('injected code 16 with $label', async (mode) => {
		ctx.sb.setFault({ kind: 'code', code: 16, message: 'token not accepted (injected)', endpoint: 'getRating' });
		const result = await run(ctx.sb, mode, { resource: 'rating', operation: 'get', ratingOf: 'all' });

		const envelope = failedAnswer(result);
		expect(envelope).toMatchObject({ code: 16, message: 'token not accepted (injected)' });
		expectTrustooError(result.error, envelope);
		expect(result.error.message).toBe('Authentication failed: token not accepted (injected)');
		expectNoSecrets(ctx.sb, result);
	});
});

describe('code 5: not found', () => {
	test.each(AUTH_MODES)('an unknown review ID (real cause) with $label', async (mode) => {
		const result = await run(ctx.sb, mode, { resource: 'review', operation: 'get', reviewId: UNKNOWN_REVIEW_ID });

		expect(queryOf(result.requests[0])).toEqual({ [api.REVIEW_ID_QUERY_PARAM]: UNKNOWN_REVIEW_ID });
		const envelope = failedAnswer(result);
		expect(envelope).toMatchObject({ code: 5, message: `review not found: ${UNKNOWN_REVIEW_ID}` });
		expectTrustooError(result.error, envelope);
		expect(result.error.message).toBe(`Not found: review not found: ${UNKNOWN_REVIEW_ID}`);
		expect(result.error.description).toMatch(/Check the ID/);
		expectNoSecrets(ctx.sb, result);
	});

	test('deleting a webhook that does not exist (real cause)', async () => {
		const result = await run(ctx.sb, API_KEY_MODE, { resource: 'webhook', operation: 'delete', webhookId: '987654' });
		const envelope = failedAnswer(result);
		expect(envelope).toMatchObject({ code: 5, message: 'webhook not found: 987654' });
		expectTrustooError(result.error, envelope);
	});

	test('injected code 5', async () => {
		ctx.sb.setFault({ kind: 'code', code: 5, message: 'shop not found (injected)' });
		const result = await run(ctx.sb, API_KEY_MODE, { resource: 'order', operation: 'getAll', limit: 5 });
		const envelope = failedAnswer(result);
		expectTrustooError(result.error, envelope);
		expect(result.error.message).toBe('Not found: shop not found (injected)');
	});
});

describe('code 3: invalid parameter', () => {
	test.each(AUTH_MODES)('a keyword longer than Trustoo accepts (real cause) with $label', async (mode) => {
		const keyword = 'x'.repeat(300);
		const result = await run(ctx.sb, mode, { resource: 'review', operation: 'getAll', limit: 5, filters: { keyword } });

		expect(queryOf(result.requests[0]).keyword).toBe(keyword);
		const envelope = failedAnswer(result);
		expect(envelope.code).toBe(3);
		expect(envelope.message).toMatch(/keyword must be at most 255 characters/);
		expectTrustooError(result.error, envelope);
		expect(result.error.message).toMatch(/^Trustoo rejected a parameter: .*keyword/);
		expectNoSecrets(ctx.sb, result);
	});

	test('injected code 3 on a write', async () => {
		ctx.sb.setFault({ kind: 'code', code: 3, message: 'invalid argument: url is blocked (injected)', endpoint: 'createWebhook' });
		const result = await run(ctx.sb, API_KEY_MODE, {
			resource: 'webhook',
			operation: 'create',
			topic: 'review/created',
			url: 'https://hooks.example.net/blocked',
		});
		expect(result.requests).toHaveLength(1); // a write is not repeated after Trustoo answered
		const envelope = failedAnswer(result);
		expectTrustooError(result.error, envelope);
		expect(result.error.message).toBe('Trustoo rejected a parameter: invalid argument: url is blocked (injected)');
	});
});

describe('Continue On Fail', () => {
	test.each(AUTH_MODES)('one unknown review among several, with $label: an error item, the others succeed', async (mode) => {
		const reviews = liveReviews(ctx.sb).slice(0, 3);
		const inputIds = [reviews[0].id, UNKNOWN_REVIEW_ID, reviews[1].id, reviews[2].id];
		const result = await run(
			ctx.sb,
			mode,
			{ resource: 'review', operation: 'get', reviewId: '={{ $json.reviewId }}' },
			{ inputItems: inputIds.map((reviewId) => ({ reviewId })), continueOnFail: true },
		);

		expect(result.error).toBeUndefined();
		expect(result.requests).toHaveLength(4);
		expect(result.items).toHaveLength(4);
		expect(result.items[0]).toEqual(reviews[0]);
		expect(result.items[2]).toEqual(reviews[1]);
		expect(result.items[3]).toEqual(reviews[2]);
		expect(result.items[1]).toEqual({ error: `Not found: review not found: ${UNKNOWN_REVIEW_ID}` });
		const failedItem = result.outputs[0][1];
		const envelope = failedAnswer(result);
		expectTrustooError(failedItem.error, envelope, { itemIndex: 1 });
		expect(result.outputs[0].map((item) => item.pairedItem)).toEqual([0, 1, 2, 3].map((item) => ({ item })));
		expectNoSecrets(ctx.sb, result);
	});

	test('an item stopped before sending (bad input) among good ones', async () => {
		const review = liveReviews(ctx.sb)[5];
		const result = await run(
			ctx.sb,
			API_KEY_MODE,
			{ resource: 'review', operation: 'get', reviewId: '={{ $json.reviewId }}' },
			{ inputItems: [{ reviewId: 'not-a-number' }, { reviewId: review.id }], continueOnFail: true },
		);

		expect(result.requests).toHaveLength(1);
		expect(result.items).toHaveLength(2);
		expect(result.items[0].error).toMatch(/Review ID "not-a-number"/);
		expect(result.outputs[0][0].error).toBeInstanceOf(NodeOperationError);
		expect(result.items[1]).toEqual(review);
	});

	test('without Continue On Fail the run fails with the failing item’s error', async () => {
		const review = liveReviews(ctx.sb)[0];
		const result = await run(
			ctx.sb,
			API_KEY_MODE,
			{ resource: 'review', operation: 'get', reviewId: '={{ $json.reviewId }}' },
			{ inputItems: [{ reviewId: review.id }, { reviewId: UNKNOWN_REVIEW_ID }] },
		);

		expect(result.items).toEqual([]);
		const envelope = failedAnswer(result);
		expectTrustooError(result.error, envelope, { itemIndex: 1 });
	});

	test('an injected code on a list request becomes an error item, not a partial list', async () => {
		ctx.sb.setFault({ kind: 'code', code: 13, message: 'internal (injected)', endpoint: 'getCustomerEvents' });
		const result = await run(
			ctx.sb,
			API_KEY_MODE,
			{ resource: 'customerEvent', operation: 'getAll', returnAll: true, options: { maxRetries: 0 } },
			{ continueOnFail: true },
		);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		expect(result.items[0].error).toMatch(/internal \(injected\)/);
	});
});

describe('secrets never reach items or errors', () => {
	test('OAuth2 token refresh after expiry: new tokens stored, none in the output', async () => {
		const mode = AUTH_MODES.find((m) => m.grantType === 'authorizationCode');
		const credentials = credentialsFor(ctx.sb, mode);
		const first = credentials.trustooOAuth2Api.oauthTokenData;
		ctx.sb.expireAccessTokens();

		const result = await runOk(ctx.sb, mode, { resource: 'rating', operation: 'get', ratingOf: 'store' }, { credentials });

		expect(result.tokenRequests).toHaveLength(1);
		expect(result.accessToken).not.toBe(first.access_token);
		// Refused with the expired token (HTTP 401), then accepted with the refreshed one.
		const last = result.requests[result.requests.length - 1];
		const before = result.requests.slice(0, -1);
		expect(before).toHaveLength(1);
		for (const request of before) {
			expect(request.httpStatus).toBe(401);
			expect(request.headers.authorization).toBe(`Bearer ${first.access_token}`);
		}
		expect(last.httpStatus).toBe(200);
		expect(last.headers.authorization).toBe(`Bearer ${result.accessToken}`);
		expect(result.tokenRequests[0].body).toMatchObject({ grant_type: 'refresh_token', refresh_token: first.refresh_token });
		expect(result.items).toHaveLength(1);
		expectNoSecrets(ctx.sb, result, [first.access_token, first.refresh_token]);
	});

	test('an access token Trustoo refuses (revoked, no refresh possible): error without tokens', async () => {
		const mode = AUTH_MODES.find((m) => m.grantType === 'authorizationCode');
		const token = ctx.sb.issueToken();
		const revoke = await fetch(`${ctx.sb.url}${api.ENDPOINTS.revokeToken.path}`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ client_id: ctx.sb.demo.oauth.clientId, client_secret: ctx.sb.demo.oauth.clientSecret, token: token.refresh_token }),
		});
		expect((await revoke.json()).code).toBe(0);

		const result = await run(ctx.sb, mode, { resource: 'review', operation: 'getAll', limit: 3 }, { credentialOptions: { token } });
		expect(result.error).toBeDefined();
		expect(result.items).toEqual([]);
		expectNoSecrets(ctx.sb, result, [token.access_token, token.refresh_token]);
	});
});

describe('errors that n8n raises before anything is sent', () => {
	// An authorization-code credential that was saved without "Connect my account".
	const mode = AUTH_MODES.find((m) => m.grantType === 'authorizationCode');
	const unconnected = () => credentialsFor(ctx.sb, mode, { connected: false, scopes: ['read_reviews'] });

	test('an OAuth2 credential that is not connected: says so and how to connect, not "check the Base URL"', async () => {
		const result = await run(ctx.sb, mode, { resource: 'review', operation: 'getAll', limit: 3 }, { credentials: unconnected() });
		expect(ctx.sb.requests).toHaveLength(0);
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error.message).toBe('The OAuth2 credential is not connected to a TrustWILL store yet');
		expect(result.error.description).toMatch(/Connect my account/);
		expect(result.error.description).not.toMatch(/Base URL/);
	});

	test('with Continue On Fail every item gets that error, and nothing is sent', async () => {
		const result = await run(
			ctx.sb,
			mode,
			{ resource: 'rating', operation: 'get', ratingOf: 'store' },
			{ credentials: unconnected(), continueOnFail: true, inputItems: [{ json: {} }, { json: {} }] },
		);
		expect(ctx.sb.requests).toHaveLength(0);
		expect(result.items).toHaveLength(2);
		for (const item of result.items) expect(item.error).toMatch(/not connected/);
	});
});

describe('the OAuth2 credential’s default scope', () => {
	const path = require('node:path');
	const { TrustooOAuth2Api } = require(path.resolve(__dirname, '../../dist/credentials/TrustooOAuth2Api.credentials.js'));
	const scopeField = new TrustooOAuth2Api().properties.find((property) => property.name === 'scope');
	const defaultScopes = scopeField.default.split(' ');
	const mode = AUTH_MODES.find((m) => m.grantType === 'authorizationCode');

	test('holds the documented scopes only; the hint names the inferred ones and their operations', () => {
		expect(defaultScopes.sort()).toEqual(['read_customer_events', 'read_reviews', 'read_shop_install_status', 'write_customers', 'write_reviews']);
		expect(scopeField.description).toMatch(/Order → Get Many needs read_orders/);
		expect(scopeField.description).toMatch(/Customer → Get Exclusions read_customers/);
	});

	test('a token for it reads reviews; Get Orders is refused with advice naming read_orders', async () => {
		const token = ctx.sb.issueToken({ scopes: defaultScopes });
		const credentials = credentialsFor(ctx.sb, mode, { token, scopes: defaultScopes });
		const reviews = await run(ctx.sb, mode, { resource: 'review', operation: 'getAll', limit: 2 }, { credentials });
		expect(reviews.error).toBeUndefined();
		expect(reviews.items).toHaveLength(2);

		const orders = await run(ctx.sb, mode, { resource: 'order', operation: 'getAll', limit: 2 }, { credentials });
		expect(failedAnswer(orders)).toMatchObject({ code: 8, message: 'access token lacks scope read_orders' });
		expect(orders.error.description).toMatch(/needs, read_orders: add it to the OAuth2 credential’s Scope and reconnect/);
	});
});
