'use strict';
/**
 * The sandbox Trustoo API checked against its contract (test/sandbox/CONTRACT.md), with requests
 * signed by the package's own credential so that the sandbox's independent verifier and the
 * package's signer check each other.
 */
const crypto = require('node:crypto');
const http = require('node:http');
const axios = require('axios');

const { startSandbox } = require('./sandbox/server');
const { TrustooApi } = require('../dist/credentials/TrustooApi.credentials.js');
const { signRequest } = require('../dist/nodes/shared/signRequest.js');
const {
	encodeQuery,
	toQueryPairs,
	verifyDeliverySignature,
} = require('../dist/nodes/shared/signature.js');
const api = require('../dist/nodes/shared/api.js');

const { ENDPOINTS } = api;

let sandbox;
let shop;
let client;

beforeAll(async () => {
	sandbox = await startSandbox();
	shop = sandbox.demo.shop;
	client = sandbox.demo.oauth;
});

afterAll(async () => {
	await sandbox.close();
});

beforeEach(() => {
	sandbox.clearFaults();
});

// ---- helpers ---------------------------------------------------------------------------------

const parse = (text) => {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
};

/** Sends request options as n8n would after `authenticate()`; never throws on HTTP status. */
async function send(options, extra = {}) {
	const response = await axios({
		method: options.method,
		baseURL: options.baseURL,
		url: options.url,
		headers: options.headers,
		data: options.body,
		validateStatus: () => true,
		transformResponse: (r) => r,
		...extra,
	});
	return {
		status: response.status,
		headers: response.headers,
		text: response.data,
		json: parse(response.data),
	};
}

function requestOptions(key, { qs, body } = {}) {
	const endpoint = ENDPOINTS[key];
	return { method: endpoint.method, baseURL: sandbox.url, url: endpoint.path, qs, body };
}

/** Signs with the package's TrustooApi credential (or `signRequest` at `now`) and sends. */
async function signedOptions(key, { qs, body, tokens = shop, now } = {}) {
	const options = requestOptions(key, { qs, body });
	if (now) return signRequest(tokens, options, now);
	return new TrustooApi().authenticate(
		{ publicToken: tokens.publicToken, privateToken: tokens.privateToken, baseUrl: sandbox.url },
		options,
	);
}

async function hmac(key, options) {
	return send(await signedOptions(key, options));
}

function withQuery(path, qs) {
	const query = encodeQuery(toQueryPairs(qs));
	return query ? `${path}?${query}` : path;
}

function bearer(key, token, { qs, body } = {}) {
	const endpoint = ENDPOINTS[key];
	return send({
		method: endpoint.method,
		baseURL: sandbox.url,
		url: withQuery(endpoint.path, qs),
		headers: {
			Authorization: `Bearer ${token}`,
			...(body ? { 'Content-Type': 'application/json' } : {}),
		},
		body: body ? JSON.stringify(body) : undefined,
	});
}

/** Platform endpoints: client credentials in the query (GET) or JSON body (POST). */
function platform(key, params, extra) {
	const endpoint = ENDPOINTS[key];
	const get = endpoint.method === 'GET';
	return send(
		{
			method: endpoint.method,
			baseURL: sandbox.url,
			url: get ? withQuery(endpoint.path, params) : endpoint.path,
			headers: get ? {} : { 'Content-Type': 'application/json' },
			body: get ? undefined : JSON.stringify(params),
		},
		extra,
	);
}

function tokenRequest(params, { form = true, basic } = {}) {
	const headers = {
		'Content-Type': form ? 'application/x-www-form-urlencoded' : 'application/json',
	};
	if (basic)
		headers.Authorization = `Basic ${Buffer.from(`${basic.clientId}:${basic.clientSecret}`).toString('base64')}`;
	return send({
		method: 'POST',
		baseURL: sandbox.url,
		url: ENDPOINTS.oauthToken.path,
		headers,
		body: form ? new URLSearchParams(params).toString() : JSON.stringify(params),
	});
}

const control = (method, path, body) =>
	send({
		method,
		baseURL: sandbox.url,
		url: `/__sandbox/${path}`,
		headers: { 'Content-Type': 'application/json' },
		body: body && JSON.stringify(body),
	});

function clientCredentials(scope) {
	return tokenRequest({
		grant_type: 'client_credentials',
		client_id: client.clientId,
		client_secret: client.clientSecret,
		...(scope ? { scope } : {}),
	});
}

function expectEnvelope(response, code = 0) {
	expect(response.json).toEqual(
		expect.objectContaining({
			code,
			message: expect.any(String),
			time: expect.any(Number),
			request_id: expect.stringMatching(/^[0-9a-f]{32}$/),
		}),
	);
	return response.json.data;
}

// ---- shapes (CONTRACT.md, Objects) -------------------------------------------------------------

const PLAIN_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const ID = /^\d+$/;

function expectFlags(object, names) {
	for (const name of names) expect([0, 1]).toContain(object[name]);
}

function expectReview(review) {
	expect(review).toEqual({
		id: expect.stringMatching(ID),
		product_id: expect.stringMatching(ID),
		product_handle: expect.any(String),
		rating: expect.any(Number),
		author: expect.any(String),
		author_email: expect.any(String),
		author_country: expect.any(String),
		title: expect.any(String),
		content: expect.any(String),
		item_type: expect.any(String),
		source: expect.any(String),
		tag: expect.any(String),
		order_id: expect.any(String),
		commented_at: expect.stringMatching(PLAIN_TIME),
		created_at: expect.stringMatching(ISO_TIME),
		is_verified: expect.any(Number),
		is_featured: expect.any(Number),
		is_published: expect.any(Number),
		is_top: expect.any(Number),
		media: expect.any(Array),
		reply:
			review.reply === null
				? null
				: { content: expect.any(String), reply_at: expect.stringMatching(PLAIN_TIME) },
	});
	expect(review.rating).toBeGreaterThanOrEqual(1);
	expect(review.rating).toBeLessThanOrEqual(5);
	expect(api.REVIEW_SOURCES).toContain(review.source);
	expectFlags(review, ['is_verified', 'is_featured', 'is_published', 'is_top']);
	for (const media of review.media) {
		expect(media).toEqual({
			url: expect.any(String),
			thumbnail_url: expect.any(String),
			type: expect.any(Number),
			is_published: expect.any(Number),
		});
		expect([1, 2]).toContain(media.type);
	}
}

function expectPage(data, itemCheck) {
	expect(data).toEqual({
		page: {
			page: expect.any(Number),
			page_size: expect.any(Number),
			total_page: expect.any(Number),
			count: expect.any(Number),
		},
		list: expect.any(Array),
	});
	expect(data.page.total_page).toBe(Math.ceil(data.page.count / data.page.page_size));
	data.list.forEach(itemCheck);
}

const expectRating = (data) =>
	expect(data).toEqual({
		rating_value: expect.stringMatching(/^(0|\d\.\d)$/),
		review_count: expect.any(Number),
		star1_count: expect.any(Number),
		star2_count: expect.any(Number),
		star3_count: expect.any(Number),
		star4_count: expect.any(Number),
		star5_count: expect.any(Number),
	});

const expectWebhook = (w) =>
	expect(w).toEqual({
		id: expect.stringMatching(ID),
		topic: expect.any(String),
		url: expect.any(String),
		created_at: expect.any(String),
		updated_at: expect.any(String),
	});

const expectOrder = (o) => {
	expect(o).toEqual({
		id: expect.any(String),
		order_id: expect.stringMatching(ID),
		order_name: expect.stringMatching(/^#\d+$/),
		customer_id: expect.any(String),
		customer_email: expect.any(String),
		customer_name: expect.any(String),
		type: expect.any(Number),
		sent_at: expect.any(String),
		created_at: expect.stringMatching(ISO_TIME),
	});
	expect([1, 2, 3, 4, 5, 6]).toContain(o.type);
};

const expectCustomerEvent = (e) =>
	expect(e).toEqual({
		id: expect.any(String),
		event_type: expect.any(String),
		os_type: expect.any(String),
		event_source: expect.any(String),
		customer_id: expect.any(String),
		product_id: expect.any(String),
		review_id: expect.any(String),
		created_at: expect.stringMatching(ISO_TIME),
	});

const expectExclusion = (x) =>
	expect(x).toEqual({
		customer_id: expect.any(String),
		first_name: expect.any(String),
		last_name: expect.any(String),
		email: expect.any(String),
		phone: expect.any(String),
		created_at: expect.any(String),
		updated_at: expect.any(String),
	});

// ---- HMAC --------------------------------------------------------------------------------------

describe('HMAC signature', () => {
	test('a signed GET is accepted', async () => {
		const response = await hmac('getRating', { qs: { is_store_rating: 1 } });
		expect(response.status).toBe(200);
		expectRating(expectEnvelope(response, 0));
	});

	test('a signed POST is accepted, with UTF-8 content signed byte for byte', async () => {
		const response = await hmac('createReview', {
			body: {
				product_id: sandbox.demo.products[0].id,
				rating: 5,
				author: 'Zoë Ünal',
				content: 'Très bien 😊 — "quoted" & <tagged>',
				source: 'ChatWILL',
			},
		});
		const review = expectEnvelope(response, 0);
		expectReview(review);
		expect(review.content).toBe('Très bien 😊 — "quoted" & <tagged>');
	});

	test('query values with spaces, &, +, = and non-ASCII survive encoding and signing', async () => {
		const response = await hmac('getReviews', {
			qs: {
				keyword: 'Très bien & co=1+2',
				ratings: [5, 4],
				sources: ['CSV uploaded', 'Store front'],
			},
		});
		expectEnvelope(response, 0);
	});

	test('a tampered body is rejected with code 16', async () => {
		const signed = await signedOptions('createReview', { body: { rating: 5, author: 'Mallory', source: 'Shop' } });
		signed.body = signed.body.replace('"rating":5', '"rating":1');
		const response = await send(signed);
		expect(response.status).toBe(200);
		expect(expectEnvelope(response, 16)).toBeNull();
		expect(response.json.message).toMatch(/signature mismatch/);
	});

	test('a tampered query is rejected with code 16', async () => {
		const signed = await signedOptions('getReviews', { qs: { page: 1, page_size: 5 } });
		signed.url = signed.url.replace('page=1', 'page=2');
		const response = await send(signed);
		expectEnvelope(response, 16);
		expect(response.json.message).toMatch(/signature mismatch/);
	});

	test('a stale or future timestamp is rejected with code 16', async () => {
		for (const offsetMinutes of [-16, 16]) {
			const response = await hmac('getRating', {
				qs: { is_store_rating: 1 },
				now: new Date(Date.now() + offsetMinutes * 60000),
			});
			expectEnvelope(response, 16);
			expect(response.json.message).toMatch(/timestamp expired/);
		}
		// 14 minutes off is still inside the 900 s window.
		expectEnvelope(
			await hmac('getRating', {
				qs: { is_store_rating: 1 },
				now: new Date(Date.now() - 14 * 60000),
			}),
			0,
		);
	});

	test('an unknown public token, a wrong private token and missing headers are rejected', async () => {
		const unknown = await hmac('getRating', {
			qs: { is_store_rating: 1 },
			tokens: { publicToken: 'AAAAAAAAAAAAAAAAAAAAAA==', privateToken: shop.privateToken },
		});
		expectEnvelope(unknown, 16);
		expect(unknown.json.message).toMatch(/unknown public token/);

		const wrongKey = await hmac('getRating', {
			qs: { is_store_rating: 1 },
			tokens: { publicToken: shop.publicToken, privateToken: 'not-the-key' },
		});
		expect(wrongKey.json.message).toMatch(/signature mismatch/);

		const signed = await signedOptions('getRating', { qs: { is_store_rating: 1 } });
		delete signed.headers.Sign;
		const missing = await send(signed);
		expectEnvelope(missing, 16);
		expect(missing.json.message).toMatch(/missing header Sign/);
	});

	test('each shop sees only its own data', async () => {
		const second = sandbox.demo.secondShop;
		const demoReview = (await hmac('getReviews', { qs: { page_size: 1 } })).json.data.list[0];
		const response = await hmac('getReview', {
			qs: { [api.REVIEW_ID_QUERY_PARAM]: demoReview.id },
			tokens: second,
		});
		expectEnvelope(response, 5);
		const secondList = expectEnvelope(
			await hmac('getReviews', { qs: { page_size: 100 }, tokens: second }),
			0,
		);
		expect(secondList.page.count).toBe(sandbox.state.shops[1].reviews.liveCount);
		expect(
			secondList.list.every((r) => !sandbox.demo.products.some((p) => p.id === r.product_id)),
		).toBe(true);
	});
});

// ---- OAuth2 ------------------------------------------------------------------------------------

describe('OAuth2', () => {
	const redirectUri = 'http://localhost:3000/oauth/callback';

	async function authorizationCode(state, scope = 'read_reviews write_reviews') {
		const urlResponse = await platform('getAuthorizationUrl', {
			client_id: client.clientId,
			redirect_uri: redirectUri,
			state,
			scope,
		});
		const { authorize_url: authorizeUrl } = expectEnvelope(urlResponse, 0);
		const redirect = await send({ method: 'GET', url: authorizeUrl }, { maxRedirects: 0 });
		expect(redirect.status).toBe(302);
		const location = new URL(redirect.headers.location);
		expect(`${location.origin}${location.pathname}`).toBe(redirectUri);
		expect(location.searchParams.get('state')).toBe(state);
		return location.searchParams.get('code');
	}

	test('authorization_code: authorize redirect, code exchange (form + Basic), single-use code', async () => {
		const state = 'xyz+/= state';
		const code = await authorizationCode(state);
		expect(code).toBeTruthy();

		const exchange = { grant_type: 'authorization_code', code, redirect_uri: redirectUri };
		const token = await tokenRequest(exchange, { basic: client });
		expect(token.status).toBe(200);
		expect(token.headers['content-type']).toMatch(/^application\/json/);
		expect(token.json).toEqual({
			access_token: expect.any(String),
			token_type: 'Bearer',
			expires_in: 3600,
			refresh_token: expect.any(String),
			scope: 'read_reviews write_reviews',
		});
		expectPage(
			expectEnvelope(
				await bearer('getReviews', token.json.access_token, { qs: { page_size: 3, ratings: [5] } }),
				0,
			),
			expectReview,
		);

		const again = await tokenRequest(exchange, { basic: client });
		expect(again.status).toBe(400);
		expect(again.json).toEqual({
			error: 'invalid_grant',
			error_description: expect.stringMatching(/already used/),
		});
	});

	test('authorization_code: redirect_uri must match the authorize request', async () => {
		const code = await authorizationCode('s1');
		const response = await tokenRequest({
			grant_type: 'authorization_code',
			code,
			redirect_uri: 'http://localhost:3000/other',
			client_id: client.clientId,
			client_secret: client.clientSecret,
		});
		expect(response.json.error).toBe('invalid_grant');
	});

	test('authorize rejects an unknown client and an unregistered redirect_uri without redirecting', async () => {
		const badClient = await send(
			{
				method: 'GET',
				baseURL: sandbox.url,
				url: withQuery(ENDPOINTS.oauthAuthorize.path, {
					client_id: 'nobody',
					redirect_uri: redirectUri,
					response_type: 'code',
				}),
			},
			{ maxRedirects: 0 },
		);
		expect(badClient.status).toBe(400);
		const badRedirect = await send(
			{
				method: 'GET',
				baseURL: sandbox.url,
				url: withQuery(ENDPOINTS.oauthAuthorize.path, {
					client_id: client.clientId,
					redirect_uri: 'https://evil.example.com/cb',
					response_type: 'code',
				}),
			},
			{ maxRedirects: 0 },
		);
		expect(badRedirect.status).toBe(400);
		expectEnvelope(badRedirect, 3);
	});

	test('client_credentials (comma-separated scope, JSON body), then refresh rotates the refresh token', async () => {
		const issued = await tokenRequest(
			{
				grant_type: 'client_credentials',
				client_id: client.clientId,
				client_secret: client.clientSecret,
				scope: 'read_reviews,read_orders',
			},
			{ form: false },
		);
		expect(issued.status).toBe(200);
		expect(issued.json.scope).toBe('read_reviews read_orders');
		expectEnvelope(await bearer('getOrders', issued.json.access_token), 0);

		const refreshed = await tokenRequest({
			grant_type: 'refresh_token',
			refresh_token: issued.json.refresh_token,
			client_id: client.clientId,
			client_secret: client.clientSecret,
		});
		expect(refreshed.status).toBe(200);
		expect(refreshed.json.access_token).not.toBe(issued.json.access_token);
		expect(refreshed.json.refresh_token).not.toBe(issued.json.refresh_token);
		expect(refreshed.json.scope).toBe('read_reviews read_orders');
		expectEnvelope(await bearer('getReviews', refreshed.json.access_token), 0);

		const reused = await tokenRequest({
			grant_type: 'refresh_token',
			refresh_token: issued.json.refresh_token,
			client_id: client.clientId,
			client_secret: client.clientSecret,
		});
		expect(reused.status).toBe(400);
		expect(reused.json.error).toBe('invalid_grant');
	});

	test('client_credentials is refused for a client not allowed to use it, and bad secrets are invalid_client', async () => {
		const restricted = sandbox.demo.restrictedOAuth;
		const refused = await tokenRequest({
			grant_type: 'client_credentials',
			client_id: restricted.clientId,
			client_secret: restricted.clientSecret,
		});
		expect(refused.json.error).toBe('unauthorized_client');
		const badSecret = await tokenRequest({
			grant_type: 'client_credentials',
			client_id: client.clientId,
			client_secret: 'wrong',
		});
		expect(badSecret.status).toBe(400);
		expect(badSecret.json.error).toBe('invalid_client');
	});

	test('a token without the endpoint scope gets code 8', async () => {
		const { json: token } = await clientCredentials('read_reviews');
		const orders = await bearer('getOrders', token.access_token);
		expect(orders.status).toBe(200);
		expectEnvelope(orders, 8);
		expect(orders.json.message).toBe('access token lacks scope read_orders');
		// createWebhook needs the topic's scope.
		const webhook = await bearer('createWebhook', token.access_token, {
			body: { topic: 'review/created', url: 'https://hooks.example.com/hook' },
		});
		expect(webhook.json.message).toBe('access token lacks scope write_reviews');
	});

	test('expired, revoked, unknown and disconnected tokens get HTTP 401 + code 16; refresh recovers from expiry', async () => {
		const { json: token } = await clientCredentials();
		expectEnvelope(await bearer('getReviews', token.access_token), 0);

		sandbox.expireAccessTokens();
		const expired = await bearer('getReviews', token.access_token);
		expect(expired.status).toBe(401);
		expectEnvelope(expired, 16);
		expect(expired.json.message).toMatch(/expired/);
		expect(expired.headers['www-authenticate']).toMatch(/invalid_token/);

		const refreshed = await tokenRequest(
			{ grant_type: 'refresh_token', refresh_token: token.refresh_token },
			{ basic: client },
		);
		expectEnvelope(await bearer('getReviews', refreshed.json.access_token), 0);

		expectEnvelope(
			await platform('revokeToken', {
				client_id: client.clientId,
				client_secret: client.clientSecret,
				token: refreshed.json.access_token,
			}),
			0,
		);
		expect((await bearer('getReviews', refreshed.json.access_token)).status).toBe(401);

		expect((await bearer('getReviews', 'bm90LWEtdG9rZW4=')).status).toBe(401);

		const { json: other } = await clientCredentials();
		expectEnvelope(await bearer('disconnect', other.access_token), 0);
		expect((await bearer('getReviews', other.access_token)).status).toBe(401);
	});

	test('disconnect requires a Bearer token; platform endpoints refuse one (reference §2.1)', async () => {
		expectEnvelope(await hmac('disconnect'), 16);
		const { json: token } = await clientCredentials();
		const infoRequest = (headers) =>
			send({
				method: 'GET',
				baseURL: sandbox.url,
				url: withQuery(ENDPOINTS.getAuthorizationInfo.path, {
					client_id: client.clientId,
					client_secret: client.clientSecret,
					shop_id: shop.shopId,
				}),
				headers,
			});
		expect(expectEnvelope(await infoRequest({}), 0).is_authorized).toBe(true);
		// A non-empty Authorization header makes Trustoo check a Bearer token, valid or not.
		for (const authorization of ['Bearer garbage', `Bearer ${token.access_token}`]) {
			const refused = await infoRequest({ Authorization: authorization });
			expect(expectEnvelope(refused, 16)).toBeNull();
			expect(refused.json.message).toMatch(/client_id and client_secret/);
		}
		const badSecret = await platform('getAuthorizationInfo', {
			client_id: client.clientId,
			client_secret: 'nope',
			shop_id: shop.shopId,
		});
		expectEnvelope(badSecret, 16);
		expect(token.access_token).toBeTruthy();
	});

	test('webhooks made with a Bearer token are isolated from HMAC webhooks', async () => {
		const { json: token } = await clientCredentials();
		const url = 'https://hooks.example.com/platform-hook';
		const created = expectEnvelope(
			await bearer('createWebhook', token.access_token, { body: { topic: 'review/deleted', url } }),
			0,
		);
		const platformList = expectEnvelope(await bearer('getWebhooks', token.access_token), 0);
		expect(platformList.map((w) => w.id)).toEqual([created.id]);
		const shopList = expectEnvelope(await hmac('getWebhooks'), 0);
		expect(shopList.map((w) => w.id)).not.toContain(created.id);
		expectEnvelope(await hmac('deleteWebhook', { body: { id: created.id } }), 5);
		expectEnvelope(
			await bearer('deleteWebhook', token.access_token, { body: { id: created.id } }),
			0,
		);
	});
});

// ---- every endpoint ------------------------------------------------------------------------------

describe('every endpoint in ENDPOINTS', () => {
	const creds = () => ({ client_id: client.clientId, client_secret: client.clientSecret });
	const anyReviewId = async () =>
		(await hmac('getReviews', { qs: { page_size: 1 } })).json.data.list[0].id;

	/** key → [send a valid request, check `data`] */
	const cases = {
		oauthAuthorize: [
			() =>
				send(
					{
						method: 'GET',
						baseURL: sandbox.url,
						url: withQuery(ENDPOINTS.oauthAuthorize.path, {
							client_id: client.clientId,
							redirect_uri: 'http://127.0.0.1:5678/rest/oauth2-credential/callback',
							state: 'st',
							scope: 'read_reviews',
							response_type: 'code',
						}),
					},
					{ maxRedirects: 0 },
				),
			(response) => {
				expect(response.status).toBe(302);
				const location = new URL(response.headers.location);
				expect(location.searchParams.get('code')).toBeTruthy();
				expect(location.searchParams.get('state')).toBe('st');
			},
		],
		oauthToken: [
			() => tokenRequest({ grant_type: 'client_credentials', ...creds() }),
			(response) => {
				expect(response.status).toBe(200);
				expect(response.json).toEqual({
					access_token: expect.any(String),
					token_type: 'Bearer',
					expires_in: expect.any(Number),
					refresh_token: expect.any(String),
					scope: api.ALL_SCOPES.join(' '),
				});
			},
		],
		getAuthorizationUrl: [
			() =>
				platform('getAuthorizationUrl', {
					client_id: client.clientId,
					redirect_uri: 'http://localhost:3000/oauth/callback',
					state: '1',
					scope: 'read_reviews',
				}),
			(data) => expect(new URL(data.authorize_url).pathname).toBe(ENDPOINTS.oauthAuthorize.path),
		],
		revokeToken: [
			() => platform('revokeToken', { ...creds(), token: sandbox.issueToken().access_token }),
			(data) => expect(data).toEqual({}),
		],
		disconnect: [
			() => bearer('disconnect', sandbox.issueToken().access_token),
			(data) => expect(data).toEqual({}),
		],
		getAuthorizationInfo: [
			() => (
				sandbox.issueToken(),
				platform('getAuthorizationInfo', { ...creds(), myshopify_domain: shop.myshopifyDomain })
			),
			(data) =>
				expect(data).toEqual({
					is_authorized: true,
					authorized_at: expect.stringMatching(ISO_TIME),
					granted_scopes: expect.any(String),
					shop_id: shop.shopId,
					myshopify_domain: shop.myshopifyDomain,
				}),
		],
		getInstallStatus: [
			() => (
				sandbox.issueToken(),
				platform('getInstallStatus', { ...creds(), shop_id: shop.shopId })
			),
			(data) =>
				expect(data).toEqual({ is_installed: 1, installed_at: expect.stringMatching(ISO_TIME) }),
		],
		cancelAuthorization: [
			() => (
				sandbox.issueToken(),
				platform('cancelAuthorization', { ...creds(), shop_id: shop.shopId })
			),
			(data) => expect(data).toEqual({}),
		],
		createWebhook: [
			() =>
				hmac('createWebhook', {
					body: { topic: 'review/updated', url: 'https://hooks.example.com/every-endpoint' },
				}),
			expectWebhook,
		],
		updateWebhook: [
			async () => {
				const created = (
					await hmac('createWebhook', {
						body: { topic: 'review/deleted', url: 'https://hooks.example.com/to-update' },
					})
				).json.data;
				return hmac('updateWebhook', {
					body: {
						id: created.id,
						topic: 'review/deleted',
						url: 'https://hooks.example.com/updated',
					},
				});
			},
			(data) => {
				expectWebhook(data);
				expect(data.url).toBe('https://hooks.example.com/updated');
			},
		],
		deleteWebhook: [
			async () => {
				const created = (
					await hmac('createWebhook', {
						body: { topic: 'review/deleted', url: 'https://hooks.example.com/to-delete' },
					})
				).json.data;
				return hmac('deleteWebhook', { body: { id: created.id } });
			},
			(data) => expect(data).toEqual({ id: expect.stringMatching(ID) }),
		],
		getWebhooks: [
			() => hmac('getWebhooks'),
			(data) => {
				expect(Array.isArray(data)).toBe(true);
				expect(data.length).toBeGreaterThan(0);
				data.forEach(expectWebhook);
			},
		],
		getReview: [
			async () => hmac('getReview', { qs: { [api.REVIEW_ID_QUERY_PARAM]: await anyReviewId() } }),
			expectReview,
		],
		getReviews: [
			() => hmac('getReviews', { qs: { page: 1, page_size: 10 } }),
			(data) => expectPage(data, expectReview),
		],
		createReview: [
			() => hmac('createReview', { body: { rating: 4, author: 'Store fan', source: 'Shop' } }),
			(data) => {
				expectReview(data);
				expect(data.product_id).toBe('0');
				expect(data.source).toBe('Shop');
			},
		],
		deleteReview: [
			async () =>
				hmac('deleteReview', {
					body: {
						id: (await hmac('createReview', { body: { rating: 1, author: 'Temp', source: 'Shop' } })).json.data.id,
					},
				}),
			(data) => expect(data).toEqual({ id: expect.stringMatching(ID) }),
		],
		getRating: [
			() => hmac('getRating', { qs: { product_id: sandbox.demo.products[0].id } }),
			expectRating,
		],
		getImageUploadCredentials: [
			() => hmac('getImageUploadCredentials'),
			(data) =>
				expect(data).toEqual({
					access_id: expect.any(String),
					host: expect.stringMatching(/^http:\/\/127\.0\.0\.1:/),
					expire: expect.stringMatching(/^\d+$/),
					signature: expect.any(String),
					policy: expect.any(String),
					dir: expect.any(String),
					callback: expect.any(String),
				}),
		],
		getVideoUploadUrl: [
			() => hmac('getVideoUploadUrl', { qs: { file_name: 'clip 1.mp4' } }),
			(data) =>
				expect(data).toEqual({
					upload_url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:/),
					video_url: expect.any(String),
					expire: expect.stringMatching(/^\d+$/),
				}),
		],
		getOrders: [
			() => hmac('getOrders', { qs: { type: 3 } }),
			(data) => {
				expectPage(data, expectOrder);
				expect(data.list.every((o) => o.type === 3 && o.sent_at !== '')).toBe(true);
			},
		],
		getCustomerEvents: [
			() => hmac('getCustomerEvents', { qs: { event_type: 'VIEW_REVIEW' } }),
			(data) => expectPage(data, expectCustomerEvent),
		],
		emailUnsubscribe: [
			() =>
				hmac('emailUnsubscribe', {
					body: { email: 'someone@example.com', email_type: 'review_request' },
				}),
			(data) =>
				expect(data).toEqual({ email: 'someone@example.com', email_type: 'review_request' }),
		],
		createExclusion: [
			() => hmac('createExclusion', { body: { email: 'new.person@example.com' } }),
			expectExclusion,
		],
		deleteExclusion: [
			async () => {
				const excluded = (await hmac('getExclusions')).json.data.list[0];
				return hmac('deleteExclusion', {
					body: excluded.customer_id
						? { customer_id: excluded.customer_id }
						: { email: excluded.email },
				});
			},
			(data) => expect(data).toEqual({}),
		],
		getExclusions: [
			() => hmac('getExclusions', { qs: { page_size: 5 } }),
			(data) => expectPage(data, expectExclusion),
		],
	};

	test.each(Object.keys(ENDPOINTS))(
		'%s answers a valid request with code 0 and the documented shape',
		async (key) => {
			const testCase = cases[key];
			if (!testCase) throw new Error(`no test request for endpoint ${key}: add one to this table`);
			sandbox.clearRequests();
			const [request, check] = testCase;
			const response = await request();
			const last = sandbox.requests[sandbox.requests.length - 1];
			expect(last.endpoint).toBe(key);
			expect(last.code).toBe(0);
			if (key === 'oauthAuthorize' || key === 'oauthToken') return check(response);
			expect(response.status).toBe(200);
			return check(expectEnvelope(response, 0));
		},
	);

	test('every endpoint has a sandbox handler (a missing one answers 501 / code 12)', () => {
		const handlers = require('./sandbox/handlers');
		expect(Object.keys(ENDPOINTS).filter((key) => typeof handlers[key] !== 'function')).toEqual([]);
	});
});

// ---- filters, pagination, validation ----------------------------------------------------------

describe('lists, filters and validation', () => {
	test('getReviews filters by product, store, ratings, sources and keyword, and sorts', async () => {
		const product = sandbox.demo.products[1];
		const byProduct = expectEnvelope(
			await hmac('getReviews', { qs: { product_ids: [product.id], page_size: 100 } }),
			0,
		);
		expect(byProduct.list.length).toBeGreaterThan(0);
		expect(
			byProduct.list.every(
				(r) => r.product_id === product.id && r.product_handle === product.handle,
			),
		).toBe(true);

		const store = expectEnvelope(
			await hmac('getReviews', { qs: { is_store_review: 1, page_size: 100 } }),
			0,
		);
		expect(store.list.length).toBeGreaterThan(0);
		expect(store.list.every((r) => r.product_id === '0')).toBe(true);

		const low = expectEnvelope(
			await hmac('getReviews', {
				qs: { ratings: [1, 2], sources: ['Amazon', 'Shop', 'Email request'], page_size: 100 },
			}),
			0,
		);
		expect(
			low.list.every(
				(r) => [1, 2].includes(r.rating) && ['Amazon', 'Shop', 'Email request'].includes(r.source),
			),
		).toBe(true);

		const keyword = expectEnvelope(
			await hmac('getReviews', { qs: { keyword: 'QUALITY', page_size: 100 } }),
			0,
		);
		expect(keyword.list.length).toBeGreaterThan(0);
		expect(
			keyword.list.every((r) =>
				`${r.author} ${r.title} ${r.content}`.toLowerCase().includes('quality'),
			),
		).toBe(true);

		const desc = expectEnvelope(await hmac('getReviews', { qs: { page_size: 50 } }), 0).list;
		const asc = expectEnvelope(
			await hmac('getReviews', { qs: { page_size: 50, sort_by: 'created-ascending' } }),
			0,
		).list;
		const times = (list) => list.map((r) => r.created_at);
		expect(times(desc)).toEqual([...times(desc)].sort().reverse());
		expect(times(asc)).toEqual([...times(asc)].sort());
	});

	test('seeded data covers every rating, source, store reviews, media and replies', async () => {
		const all = [];
		for (let page = 1; ; page++) {
			const data = expectEnvelope(
				await hmac('getReviews', { qs: { page, page_size: api.MAX_PAGE_SIZE } }),
				0,
			);
			all.push(...data.list);
			if (page >= data.page.total_page) break;
		}
		expect(all.length).toBe(sandbox.state.demoShop.reviews.liveCount);
		expect(new Set(all.map((r) => r.rating))).toEqual(new Set([1, 2, 3, 4, 5]));
		expect(new Set(all.map((r) => r.source))).toEqual(new Set(api.REVIEW_SOURCES));
		expect(all.some((r) => r.product_id === '0')).toBe(true);
		expect(all.some((r) => r.media.some((m) => m.type === 1))).toBe(true);
		expect(all.some((r) => r.media.some((m) => m.type === 2))).toBe(true);
		expect(all.some((r) => r.reply !== null)).toBe(true);
		expect(new Set(all.map((r) => r.id)).size).toBe(all.length);

		const orders = expectEnvelope(await hmac('getOrders', { qs: { page_size: 100 } }), 0).list;
		expect(new Set(orders.map((o) => o.type))).toEqual(new Set([1, 2, 3, 4, 5, 6]));
		const events = expectEnvelope(
			await hmac('getCustomerEvents', { qs: { page_size: 100, os_type: 'MACOS' } }),
			0,
		).list;
		expect(new Set(events.map((e) => e.event_type))).toEqual(new Set(api.CUSTOMER_EVENT_TYPES));
		expect(new Set(events.map((e) => e.event_source))).toEqual(new Set(api.CUSTOMER_EVENT_SOURCES));
	});

	test('pagination: defaults, total_page, page_size above MAX_PAGE_SIZE is code 3', async () => {
		const first = expectEnvelope(await hmac('getReviews'), 0);
		expect(first.page).toEqual({
			page: 1,
			page_size: 20,
			total_page: Math.ceil(first.page.count / 20),
			count: first.page.count,
		});
		expect(first.list).toHaveLength(20);
		const beyond = expectEnvelope(await hmac('getReviews', { qs: { page: 10000 } }), 0);
		expect(beyond.list).toEqual([]);
		const tooBig = await hmac('getReviews', { qs: { page_size: api.MAX_PAGE_SIZE + 1 } });
		expectEnvelope(tooBig, 3);
		expect(tooBig.json.message).toMatch(/page_size/);
	});

	test('orders filter by sent time and creation time in either format', async () => {
		const all = expectEnvelope(
			await hmac('getOrders', { qs: { page_size: 100, sort_by: 'created-ascending' } }),
			0,
		).list;
		const middle = all[30].created_at;
		const later = expectEnvelope(
			await hmac('getOrders', {
				qs: { page_size: 100, start_time: middle.replace('T', ' ').replace('Z', '') },
			}),
			0,
		).list;
		expect(later.length).toBe(30);
		const sent = expectEnvelope(
			await hmac('getOrders', { qs: { page_size: 100, start_sent_at: '2000-01-01T00:00:00Z' } }),
			0,
		).list;
		expect(sent.every((o) => o.sent_at !== '')).toBe(true);
		expectEnvelope(await hmac('getOrders', { qs: { start_time: 'yesterday' } }), 3);
		expectEnvelope(await hmac('getOrders', { qs: { type: 7 } }), 3);
	});

	test('validation errors are code 3 naming the field; missing entities 5; duplicates 6', async () => {
		const cases = [
			['createReview', { body: { rating: 6, author: 'A', source: 'Shop' } }, /rating must be 1 to 5/],
			['createReview', { body: { rating: 5, author: 'A' } }, /source is required/],
			['createReview', { body: { rating: 5, source: 'Shop' } }, /author/],
			['createReview', { body: { rating: 5, author: 'A', source: 'Nowhere' } }, /source/],
			['createReview', { body: { rating: 5, author: 'A', source: 'Shop', media: { images: ['x'] } } }, /media/],
			['getReviews', { qs: { ratings: [0] } }, /ratings/],
			['getReviews', { qs: { sort_by: 'newest' } }, /sort_by/],
			['getRating', { qs: {} }, /product_id/],
			[
				'createWebhook',
				{ body: { topic: 'order/created', url: 'https://hooks.example.com/x' } },
				/topic/,
			],
			['createWebhook', { body: { topic: 'review/created', url: 'not a url' } }, /url/],
			['emailUnsubscribe', { body: { email: 'a@example.com', email_type: 'spam' } }, /email_type/],
			['createExclusion', { body: { email: 'a@example.com', customer_id: '1' } }, /exactly one/],
			['getVideoUploadUrl', { qs: {} }, /file_name/],
		];
		for (const [key, options, message] of cases) {
			const response = await hmac(key, options);
			expectEnvelope(response, 3);
			expect(response.json.message).toMatch(message);
		}
		// A plain (non-indexed) array parameter is refused, so an encoding slip shows up.
		const signed = await signedOptions('getReviews', { qs: { ratings: '5' } });
		expectEnvelope(await send(signed), 3);

		expectEnvelope(await hmac('getReview', { qs: { [api.REVIEW_ID_QUERY_PARAM]: '1' } }), 5);
		expectEnvelope(await hmac('deleteReview', { body: { id: '1' } }), 5);
		expectEnvelope(await hmac('deleteWebhook', { body: { id: '99999' } }), 5);
		expectEnvelope(
			await hmac('deleteExclusion', { body: { email: 'never.excluded@example.com' } }),
			5,
		);

		const hook = { topic: 'review/created', url: 'https://hooks.example.com/duplicate' };
		expectEnvelope(await hmac('createWebhook', { body: hook }), 0);
		expectEnvelope(await hmac('createWebhook', { body: hook }), 6);
		expectEnvelope(await hmac('createExclusion', { body: { customer_id: '777' } }), 0);
		expectEnvelope(await hmac('createExclusion', { body: { customer_id: '777' } }), 6);
	});

	test('a deleted review is gone from lists and ratings', async () => {
		const created = expectEnvelope(
			await hmac('createReview', {
				body: { rating: 2, author: 'Short-lived', source: 'Shop', product_id: sandbox.demo.products[2].id },
			}),
			0,
		);
		const before = expectEnvelope(
			await hmac('getRating', { qs: { product_handle: sandbox.demo.products[2].handle } }),
			0,
		);
		expectEnvelope(await hmac('deleteReview', { body: { id: created.id } }), 0);
		const after = expectEnvelope(
			await hmac('getRating', { qs: { product_handle: sandbox.demo.products[2].handle } }),
			0,
		);
		expect(after.review_count).toBe(before.review_count - 1);
		expect(after.star2_count).toBe(before.star2_count - 1);
		expectEnvelope(await hmac('getReview', { qs: { [api.REVIEW_ID_QUERY_PARAM]: created.id } }), 5);
	});

	test('seeding is deterministic and handles 100 000 reviews quickly', async () => {
		const started = Date.now();
		const big = await startSandbox({ reviewCount: 100000, seed: 42 });
		const same = await startSandbox({ seed: 42 });
		const other = await startSandbox({ seed: 7 });
		try {
			expect(Date.now() - started).toBeLessThan(5000);
			const table = big.state.demoShop.reviews;
			expect(table.liveCount).toBe(100000);
			const t = Date.now();
			const page = table.query({ ratings: new Set([1]), offset: 5000, limit: 100 });
			expect(page.rows).toHaveLength(100);
			expect(Date.now() - t).toBeLessThan(500);
			// Same seed and count, same data; another seed differs.
			const firstRows = (s) =>
				s.state.demoShop.reviews
					.query({ ascending: true, limit: 50 })
					.rows.map((row) => s.state.demoShop.reviews.get(row));
			expect(firstRows(same)).toEqual(firstRows(sandbox));
			expect(firstRows(other)).not.toEqual(firstRows(sandbox));
		} finally {
			await big.close();
			await same.close();
			await other.close();
		}
	});
});

describe('media uploads stay on the sandbox', () => {
	test('an image goes to the OSS-style host with the issued policy; a video to its pre-signed URL', async () => {
		const creds = expectEnvelope(await hmac('getImageUploadCredentials'), 0);
		const form = new FormData();
		const key = `${creds.dir}photo.jpeg`;
		for (const [name, value] of Object.entries({
			key,
			policy: creds.policy,
			OSSAccessKeyId: creds.access_id,
			Signature: creds.signature,
			callback: creds.callback,
		})) {
			form.append(name, value);
		}
		form.append(
			'file',
			new Blob([Buffer.from('jpeg-bytes')], { type: 'image/jpeg' }),
			'photo.jpeg',
		);
		const upload = await axios.post(creds.host, form, { validateStatus: () => true });
		expect(upload.status).toBe(200);
		expect(upload.data).toEqual({ filename: key, size: 10, mimeType: 'image/jpeg' });
		const stored = await axios.get(`${creds.host}/${key}`, { responseType: 'text' });
		expect(stored.data).toBe('jpeg-bytes');

		const forged = new FormData();
		forged.append('key', key);
		forged.append('policy', creds.policy);
		forged.append('OSSAccessKeyId', creds.access_id);
		forged.append('Signature', 'forged');
		forged.append('file', new Blob(['x']), 'x.jpeg');
		expect((await axios.post(creds.host, forged, { validateStatus: () => true })).status).toBe(403);

		const video = expectEnvelope(
			await hmac('getVideoUploadUrl', { qs: { file_name: 'clip.mp4' } }),
			0,
		);
		const put = await axios.put(video.upload_url, Buffer.from('mp4-bytes'), {
			headers: { 'Content-Type': 'video/mp4' },
			validateStatus: () => true,
		});
		expect(put.status).toBe(200);
		expect((await axios.get(video.video_url, { responseType: 'text' })).data).toBe('mp4-bytes');
	});
});

// ---- faults and recording ------------------------------------------------------------------------

describe('fault injection', () => {
	const rating = () => hmac('getRating', { qs: { is_store_rating: 1 } });

	test('429 with Retry-After, once', async () => {
		sandbox.setFault({
			endpoint: 'getRating',
			kind: 'status',
			status: 429,
			retryAfter: 7,
			times: 1,
		});
		const limited = await rating();
		expect(limited.status).toBe(429);
		expect(limited.headers['retry-after']).toBe('7');
		expectEnvelope(await rating(), 0);
	});

	test('500 for a path and method, `times` requests long', async () => {
		sandbox.setFault({
			path: ENDPOINTS.getRating.path,
			method: 'GET',
			kind: 'status',
			status: 500,
			times: 2,
		});
		expect((await rating()).status).toBe(500);
		expect((await rating()).status).toBe(500);
		expect((await rating()).status).toBe(200);
	});

	test('malformed JSON, injected code, delay and connection reset', async () => {
		sandbox.setFault({ endpoint: 'getRating', kind: 'malformed', times: 1 });
		const malformed = await rating();
		expect(malformed.status).toBe(200);
		expect(() => JSON.parse(malformed.text)).toThrow();

		sandbox.setFault({
			endpoint: 'getRating',
			kind: 'code',
			code: 13,
			message: 'internal error',
			times: 1,
		});
		const coded = await rating();
		expectEnvelope(coded, 13);
		expect(coded.json.message).toBe('internal error');

		sandbox.setFault({ endpoint: 'getRating', kind: 'delay', ms: 300, times: 1 });
		const started = Date.now();
		expectEnvelope(await rating(), 0);
		expect(Date.now() - started).toBeGreaterThanOrEqual(290);

		sandbox.setFault({ endpoint: 'getRating', kind: 'reset', times: 1 });
		await expect(rating()).rejects.toThrow(/socket hang up|ECONNRESET/);
		expectEnvelope(await rating(), 0);
	});

	test('faults can be set and cleared over HTTP', async () => {
		const set = await control('POST', 'faults', {
			path: ENDPOINTS.getRating.path,
			kind: 'status',
			status: 503,
		});
		expect(set.status).toBe(200);
		expect((await rating()).status).toBe(503);
		expect((await rating()).status).toBe(503);
		expect((await control('DELETE', 'faults')).status).toBe(200);
		expectEnvelope(await rating(), 0);
		expect((await control('POST', 'faults', { kind: 'explode' })).status).toBe(400);
	});
});

describe('request recording', () => {
	test('records query (raw keys), raw query, headers, raw and parsed body, auth and outcome', async () => {
		sandbox.clearRequests();
		await hmac('getReviews', { qs: { ratings: [5, 4], keyword: 'a b' } });
		const signed = await signedOptions('createReview', { body: { rating: 3, author: 'Recorder', source: 'Shop' } });
		await send(signed);
		await tokenRequest({
			grant_type: 'client_credentials',
			client_id: client.clientId,
			client_secret: 'bad',
		});

		const [get, post, token] = sandbox.requests;
		expect(get).toMatchObject({
			method: 'GET',
			path: ENDPOINTS.getReviews.path,
			endpoint: 'getReviews',
			query: { 'ratings[0]': '5', 'ratings[1]': '4', keyword: 'a b' },
			rawQuery: 'keyword=a%20b&ratings%5B0%5D=5&ratings%5B1%5D=4',
			auth: 'hmac',
			code: 0,
			httpStatus: 200,
			rawBody: '',
			body: null,
		});
		expect(get.headers['public-token']).toBe(shop.publicToken);
		expect(typeof get.time).toBe('number');
		expect(post).toMatchObject({
			method: 'POST',
			rawBody: signed.body,
			body: { rating: 3, author: 'Recorder' },
			code: 0,
			auth: 'hmac',
		});
		expect(token).toMatchObject({
			endpoint: 'oauthToken',
			auth: 'platform',
			httpStatus: 400,
			error: 'invalid_client',
		});

		const overHttp = await control('GET', 'requests');
		expect(overHttp.json.requests).toHaveLength(3);
		await control('DELETE', 'requests');
		expect(sandbox.requests).toHaveLength(0);
	});

	test('control endpoints: summary, demo, reset (OAuth survives unless asked)', async () => {
		const summary = (await control('GET', 'state/summary')).json;
		expect(summary.shops[0]).toMatchObject({
			shop_id: shop.shopId,
			reviews: sandbox.state.demoShop.reviews.liveCount,
		});
		expect((await control('GET', 'demo')).json.shop.publicToken).toBe(shop.publicToken);

		const other = await startSandbox({ reviewCount: 50 });
		try {
			const call = (key, token, options) => {
				const endpoint = ENDPOINTS[key];
				return send({
					method: endpoint.method,
					baseURL: other.url,
					url: withQuery(endpoint.path, options?.qs),
					headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
					body: options?.body && JSON.stringify(options.body),
				});
			};
			const { access_token: token } = other.issueToken();
			expectEnvelope(
				await call('createReview', token, { body: { rating: 5, author: 'Before reset', source: 'Shop' } }),
				0,
			);
			expect(other.state.demoShop.reviews.liveCount).toBe(51);
			const reset = await send({
				method: 'POST',
				baseURL: other.url,
				url: '/__sandbox/reset',
				headers: { 'Content-Type': 'application/json' },
				body: '{}',
			});
			expect(reset.json.summary.shops[0].reviews).toBe(50);
			expectEnvelope(await call('getReviews', token), 0);
			other.reset({ oauth: true });
			expect((await call('getReviews', token)).status).toBe(401);
		} finally {
			await other.close();
		}
	});
});

// ---- webhook deliveries ------------------------------------------------------------------------

describe('webhook deliveries', () => {
	let receiver;
	let received;
	let receiverUrl;

	beforeAll(async () => {
		received = [];
		receiver = http.createServer((req, res) => {
			const chunks = [];
			req.on('data', (c) => chunks.push(c));
			req.on('end', () => {
				received.push({
					url: req.url,
					headers: req.headers,
					body: Buffer.concat(chunks).toString('utf8'),
				});
				res.writeHead(200, { 'Content-Type': 'application/json' });
				res.end('{"code":0,"message":"success"}');
			});
		});
		await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
		receiverUrl = `http://127.0.0.1:${receiver.address().port}`;
	});

	afterAll(() => new Promise((resolve) => receiver.close(resolve)));

	beforeEach(() => {
		received.length = 0;
		sandbox.clearDeliveries();
	});

	const verify = (delivery, key) => {
		const h = delivery.headers;
		return verifyDeliverySignature(
			key,
			h['open-trustoo-webhook-timestamp'],
			delivery.body,
			h['open-trustoo-webhook-sign'],
		);
	};
	const independentSign = (key, timestamp, body) =>
		crypto.createHmac('sha256', key).update(`timestamp=${timestamp}|${body}`, 'utf8').digest('hex');

	test('review/created is delivered, signed with the private token, and can be redelivered', async () => {
		const hook = expectEnvelope(
			await hmac('createWebhook', {
				body: { topic: 'review/created', url: `${receiverUrl}/created` },
			}),
			0,
		);
		const review = expectEnvelope(
			await hmac('createReview', {
				body: { rating: 5, author: 'Hooked Ünïcode', source: 'Shop', product_id: sandbox.demo.products[0].id },
			}),
			0,
		);
		const [delivery] = await sandbox.waitForDeliveries(1);
		expect(delivery).toMatchObject({
			topic: 'review/created',
			webhookId: hook.id,
			status: 'delivered',
			httpStatus: 200,
		});

		expect(received).toHaveLength(1);
		const got = received[0];
		expect(got.url).toBe('/created');
		expect(got.headers['content-type']).toBe('application/json');
		expect(got.headers['open-trustoo-webhook-public-token']).toBe(shop.publicToken);
		expect(got.headers['open-trustoo-webhook-requestid']).toMatch(/^[0-9a-f]{32}$/);
		expect(got.headers['open-trustoo-webhook-sign']).toBe(
			independentSign(shop.privateToken, got.headers['open-trustoo-webhook-timestamp'], got.body),
		);
		expect(verify(got, shop.privateToken)).toEqual({ valid: true });
		const body = JSON.parse(got.body);
		expect(body.list).toHaveLength(1);
		expect(body.list[0]).toEqual({
			...review,
			my_shopify_domain: shop.myshopifyDomain,
			shopify_shop_id: shop.shopId,
		});

		const again = await sandbox.redeliver();
		expect(again.redeliveryOf).toBe(0);
		expect(received).toHaveLength(2);
		expect(received[1].body).toBe(got.body);
		expect(received[1].headers['open-trustoo-webhook-requestid']).toBe(
			got.headers['open-trustoo-webhook-requestid'],
		);
		expect(verify(received[1], shop.privateToken)).toEqual({ valid: true });

		expectEnvelope(await hmac('deleteWebhook', { body: { id: hook.id } }), 0);
	});

	test('review/updated (control endpoint) and review/deleted; Bearer webhooks are signed with the client secret', async () => {
		const { json: token } = await clientCredentials();
		expectEnvelope(
			await hmac('createWebhook', {
				body: { topic: 'review/updated', url: `${receiverUrl}/updated` },
			}),
			0,
		);
		expectEnvelope(
			await bearer('createWebhook', token.access_token, {
				body: { topic: 'review/deleted', url: `${receiverUrl}/deleted` },
			}),
			0,
		);
		const review = expectEnvelope(
			await hmac('createReview', { body: { rating: 3, author: 'Edited later', source: 'Shop' } }),
			0,
		);

		const updated = await control('POST', `reviews/${review.id}/update`, {
			rating: 1,
			content: 'Changed my mind',
		});
		expect(updated.status).toBe(200);
		expect(updated.json.review).toMatchObject({
			id: review.id,
			rating: 1,
			content: 'Changed my mind',
		});
		expect(updated.json.deliveries).toHaveLength(1);
		const updatedDelivery = received.find((r) => r.url === '/updated');
		expect(JSON.parse(updatedDelivery.body).list[0]).toMatchObject({ id: review.id, rating: 1 });
		expect(verify(updatedDelivery, shop.privateToken)).toEqual({ valid: true });

		expectEnvelope(await hmac('deleteReview', { body: { id: review.id } }), 0);
		await sandbox.waitForDeliveries(2);
		const deleted = received.find((r) => r.url === '/deleted');
		expect(verify(deleted, client.clientSecret)).toEqual({ valid: true });
		expect(verify(deleted, shop.privateToken)).toEqual({ valid: false, reason: 'bad-signature' });

		expectEnvelope(await bearer('disconnect', token.access_token), 0);
	});

	test('customer_event/created via addCustomerEvent; a refused connection is recorded, not fatal', async () => {
		const closed = http.createServer();
		await new Promise((resolve) => closed.listen(0, '127.0.0.1', resolve));
		const deadUrl = `http://127.0.0.1:${closed.address().port}/gone`;
		await new Promise((resolve) => closed.close(resolve));

		expectEnvelope(
			await hmac('createWebhook', {
				body: { topic: 'customer_event/created', url: `${receiverUrl}/events` },
			}),
			0,
		);
		expectEnvelope(
			await hmac('createWebhook', { body: { topic: 'customer_event/created', url: deadUrl } }),
			0,
		);
		const { event, deliveries } = await sandbox.addCustomerEvent({
			event_type: 'CLICK_MEDIA',
			os_type: 'IOS',
			event_source: 'STOREFRONT',
		});
		expectCustomerEvent(event);
		expect(deliveries.map((d) => d.status).sort()).toEqual(['delivered', 'failed']);
		expect(deliveries.find((d) => d.status === 'failed').error).toBe('ECONNREFUSED');
		expect(
			sandbox.deliveryStore.skipped.some((s) => s.url.startsWith('https://hooks.example.com')),
		).toBe(true);
		expect(JSON.parse(received.find((r) => r.url === '/events').body).list[0]).toMatchObject({
			event_type: 'CLICK_MEDIA',
			shopify_shop_id: shop.shopId,
		});
		expectEnvelope(await rating(), 0);

		function rating() {
			return hmac('getRating', { qs: { is_all_rating: 1 } });
		}
	});
});
