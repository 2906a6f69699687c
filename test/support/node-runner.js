'use strict';
/**
 * Shared helpers for the tests of the main TrustWILL (Trustoo) node (test/node/*.test.js): run the
 * compiled node through the harness (n8n-core's real engine) against the sandbox with each
 * credential, and check what the sandbox received independently of the package's own code
 * (signatures are recomputed here with node:crypto; expected records come from the sandbox state
 * or from requests signed here by hand).
 *
 * The harness must be loaded before anything that loads n8n-core: require this module first.
 */
const { runNode } = require('../harness');

const crypto = require('node:crypto');
const path = require('node:path');

const { startSandbox } = require('../sandbox/server');

const ROOT = path.resolve(__dirname, '..', '..');
const NODE_FILE = 'dist/nodes/Trustoo/Trustoo.node.js';
const api = require(path.join(ROOT, 'dist/nodes/shared/api.js'));
const { Trustoo } = require(path.join(ROOT, NODE_FILE));

/**
 * Every way the node can authenticate. OAuth2 is run with both grant types: with an authorization
 * code the credential already holds tokens from `sb.issueToken()`; with client credentials n8n
 * fetches the token itself first.
 */
const AUTH_MODES = [
	{ label: 'API token (HMAC)', authentication: 'apiKey', kind: 'hmac' },
	{ label: 'OAuth2 (authorization code)', authentication: 'oAuth2', grantType: 'authorizationCode', kind: 'bearer' },
	{ label: 'OAuth2 (client credentials)', authentication: 'oAuth2', grantType: 'clientCredentials', kind: 'bearer' },
];
const OAUTH_MODES = AUTH_MODES.filter((mode) => mode.authentication === 'oAuth2');
const API_KEY_MODE = AUTH_MODES[0];

/** One sandbox per test file: `const ctx = useSandbox({reviewCount: 350})`, then `ctx.sb`. */
function useSandbox(options = {}) {
	const ctx = { sb: null };
	beforeAll(async () => {
		ctx.sb = await startSandbox(options);
		recordResponses(ctx.sb);
	});
	afterAll(async () => {
		if (ctx.sb) await ctx.sb.close();
	});
	beforeEach(() => {
		ctx.sb.clearRequests();
		ctx.sb.clearFaults();
	});
	return ctx;
}

/** Keeps each answer's text on its recorded request (`responseText`, `response`), to compare request ids. */
function recordResponses(sb) {
	const sendText = sb.sendText.bind(sb);
	sb.sendText = (res, status, text, headers, record) => {
		if (record) {
			record.responseText = text;
			try {
				record.response = JSON.parse(text);
			} catch {
				record.response = undefined;
			}
		}
		return sendText(res, status, text, headers, record);
	};
}

function shopOf(sb, shop = 'demo') {
	return shop === 'second' ? sb.demo.secondShop : sb.demo.shop;
}

/**
 * Credential data for a mode. `token` (OAuth2, authorization code): a token body from
 * `sb.issueToken()`; a fresh one is issued when left out. `connected: false` (authorization code):
 * a credential saved without "Connect my account", holding no token at all.
 */
function credentialsFor(sb, mode, { shop = 'demo', token, scopes, privateToken, clientSecret, connected = true } = {}) {
	if (mode.authentication === 'apiKey') {
		const tokens = shopOf(sb, shop);
		return {
			trustooApi: {
				publicToken: tokens.publicToken,
				privateToken: privateToken ?? tokens.privateToken,
				baseUrl: sb.url,
			},
		};
	}
	const data = {
		baseUrl: sb.url,
		clientId: sb.demo.oauth.clientId,
		clientSecret: clientSecret ?? sb.demo.oauth.clientSecret,
		grantType: mode.grantType,
	};
	// Without `scopes`: every scope the nodes use, the inferred ones too (the sandbox knows them all),
	// as for a platform that TrustWILL issued them to; the credential type's default leaves them out.
	data.scope = (scopes ?? api.ALL_SCOPES).join(' ');
	if (mode.grantType === 'authorizationCode' && connected) {
		data.oauthTokenData = token ?? sb.issueToken({ shop, ...(scopes ? { scopes } : {}) });
	}
	return { trustooOAuth2Api: data };
}

/**
 * Runs the node once through n8n-core. Returns the harness result plus `requests` (the API calls
 * the sandbox recorded during this run, without the OAuth2 token requests), `tokenRequests`,
 * `accessToken` (the Bearer token the credential ended up with) and `accessTokens` (every token it
 * used). Also checks that no secret of the run appears in its items or its error.
 */
async function run(sb, mode, parameters, options = {}) {
	const { credentials, credentialStore, inputItems, continueOnFail, credentialOptions } = options;
	const given = credentialStore ? undefined : (credentials ?? credentialsFor(sb, mode, credentialOptions));
	const tokenAtStart = (credentialStore?.trustooOAuth2Api?.data ?? given?.trustooOAuth2Api)?.oauthTokenData?.access_token;
	const before = sb.requests.length;
	const result = await runNode({
		nodeTypeFile: NODE_FILE,
		parameters: { authentication: mode.authentication, ...parameters },
		...(credentialStore ? { credentialStore } : { credentials: given }),
		inputItems,
		continueOnFail,
	});
	const recorded = sb.requests.slice(before);
	const oauthData = result.credentialStore.trustooOAuth2Api?.data?.oauthTokenData;
	const tokenRequests = recorded.filter((request) => request.endpoint === 'oauthToken');
	// Every access token the credential held during the run: the one it started with and those n8n
	// fetched (with client credentials, n8n fetches one per item whose request starts before any is stored).
	const accessTokens = [tokenAtStart, ...tokenRequests.map((request) => request.response?.access_token)];
	const outcome = {
		...result,
		requests: recorded.filter((request) => request.endpoint !== 'oauthToken'),
		tokenRequests,
		accessToken: oauthData?.access_token,
		accessTokens: [...new Set(accessTokens.filter(Boolean))],
		refreshToken: oauthData?.refresh_token,
	};
	// Every run of every test: no secret of the run in its items or its error.
	expectNoSecrets(sb, outcome, [...outcome.accessTokens, ...(given ? secretsOfCredentials(given) : [])]);
	return outcome;
}

function secretsOfCredentials(credentials) {
	const shop = credentials.trustooApi ?? {};
	const oauth = credentials.trustooOAuth2Api ?? {};
	return [shop.privateToken, oauth.clientSecret, oauth.oauthTokenData?.access_token, oauth.oauthTokenData?.refresh_token];
}

/** Runs and fails the test with the node's error if it failed. */
async function runOk(sb, mode, parameters, options) {
	const result = await run(sb, mode, parameters, options);
	if (result.error) {
		throw new Error(`node failed: ${result.error.message} | ${result.error.description ?? ''}`);
	}
	return result;
}

/**
 * The Error the node itself threw for the first item. n8n's RoutingNode re-wraps errors from
 * declarative preSend hooks as NodeApiError when the run fails, but keeps the original on the
 * item when the node continues on fail; so this runs with continueOnFail.
 */
async function originalError(sb, mode, parameters, options = {}) {
	const result = await run(sb, mode, parameters, { ...options, continueOnFail: true });
	const item = result.outputs[0]?.[0];
	return { ...result, original: item?.error, item: item?.json };
}

/** Query of a recorded request as an object of decoded values (`+` is a space, as the API reads it). */
function queryOf(request) {
	const entries = [...new URLSearchParams(request.rawQuery)];
	const keys = entries.map(([key]) => key);
	if (new Set(keys).size !== keys.length) throw new Error(`repeated query key in ${request.rawQuery}`);
	return Object.fromEntries(entries);
}

/** HMAC-SHA256 of Trustoo's string to sign, written here independently of nodes/shared/signature.ts. */
function trustooSign(privateToken, rawQuery, timestamp, rawBody) {
	const pairs = [...new URLSearchParams(rawQuery)];
	pairs.push(['timestamp', String(timestamp)]);
	pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	const canonical = pairs.map(([key, value]) => `${key}=${value}`).join('&');
	const message = rawBody ? `${canonical}|${rawBody}` : canonical;
	return crypto.createHmac('sha256', privateToken).update(message, 'utf8').digest('hex');
}

/** The request was HMAC-signed for `shop`: the three headers, a fresh timestamp, a valid Sign, no Authorization. */
function expectHmac(request, tokens) {
	expect(request.auth).toBe('hmac');
	expect(request.headers).not.toHaveProperty('authorization');
	expect(request.headers['public-token']).toBe(tokens.publicToken);
	expect(request.headers.timestamp).toMatch(/^\d{10}$/);
	expect(Math.abs(Number(request.headers.timestamp) - Date.now() / 1000)).toBeLessThan(120);
	expect(request.headers.sign).toMatch(/^[0-9a-f]{64}$/);
	expect(request.headers.sign).toBe(
		trustooSign(tokens.privateToken, request.rawQuery, request.headers.timestamp, request.rawBody),
	);
}

/** The request carried the credential's Bearer token (or one of them) and no HMAC headers. */
function expectBearer(request, accessTokens) {
	const tokens = [accessTokens].flat();
	expect(tokens.length).toBeGreaterThan(0);
	expect(request.auth).toBe('bearer');
	expect(request.headers.authorization).toMatch(/^Bearer \S+$/);
	expect(tokens).toContain(request.headers.authorization.slice('Bearer '.length));
	expect(request.headers).not.toHaveProperty('public-token');
	expect(request.headers).not.toHaveProperty('sign');
}

/** Pass as `query` or `body` to leave it unchecked (e.g. when the test checks it separately). */
const SKIP = Symbol('skip');

/**
 * Checks the single API request of a run: method, path, auth, exact query and body. `query` and
 * `body` are compared with toEqual (`body: null`: no body at all); pass SKIP to leave one out.
 */
function expectOneRequest(sb, result, mode, { endpoint, query = {}, body = null, shop = 'demo' }) {
	expect(result.requests).toHaveLength(1);
	const [request] = result.requests;
	expectRequest(sb, request, result, mode, { endpoint, query, body, shop });
	return request;
}

function expectRequest(sb, request, result, mode, { endpoint, query = {}, body = null, shop = 'demo' }) {
	const { method, path: endpointPath } = api.ENDPOINTS[endpoint];
	expect(request.method).toBe(method);
	expect(request.path).toBe(endpointPath);
	expect(request.endpoint).toBe(endpoint);
	if (query !== SKIP) expect(queryOf(request)).toEqual(query);
	if (body !== SKIP) {
		if (body === null) expect(request.rawBody).toBe('');
		else {
			expect(request.headers['content-type']).toMatch(/^application\/json/);
			expect(JSON.parse(request.rawBody)).toEqual(body);
		}
	}
	if (mode.kind === 'hmac') expectHmac(request, shopOf(sb, shop));
	else expectBearer(request, result.accessTokens);
	expect(request.code).toBe(0);
}

/**
 * A request signed here by hand (node:crypto + fetch), for setup and for reading the sandbox the way
 * an independent client would. Arrays in `query` are written `key[0]=..`. Resolves the envelope.
 */
async function signedFetch(sb, method, endpointPath, { query = {}, body, shop = 'demo' } = {}) {
	const tokens = shopOf(sb, shop);
	const params = new URLSearchParams();
	for (const [key, value] of Object.entries(query)) {
		if (Array.isArray(value)) value.forEach((entry, index) => params.append(`${key}[${index}]`, String(entry)));
		else if (value !== undefined) params.append(key, String(value));
	}
	const rawQuery = params.toString().replace(/\+/g, '%20');
	const rawBody = body === undefined ? '' : JSON.stringify(body);
	const timestamp = String(Math.floor(Date.now() / 1000));
	const headers = {
		Accept: 'application/json',
		'Public-Token': tokens.publicToken,
		Timestamp: timestamp,
		Sign: trustooSign(tokens.privateToken, rawQuery, timestamp, rawBody),
	};
	if (rawBody) headers['Content-Type'] = 'application/json';
	const response = await fetch(`${sb.url}${endpointPath}${rawQuery ? `?${rawQuery}` : ''}`, {
		method,
		headers,
		body: rawBody || undefined,
	});
	return await response.json();
}

/** Every page of a list endpoint, read with signedFetch. */
async function signedFetchAll(sb, endpoint, query = {}, shop = 'demo') {
	const { method, path: endpointPath } = api.ENDPOINTS[endpoint];
	const records = [];
	for (let page = 1; ; page++) {
		const envelope = await signedFetch(sb, method, endpointPath, {
			query: { ...query, page, page_size: api.MAX_PAGE_SIZE },
			shop,
		});
		if (envelope.code !== 0) throw new Error(`signedFetchAll ${endpoint}: ${envelope.code} ${envelope.message}`);
		records.push(...envelope.data.list);
		if (page >= envelope.data.page.total_page || envelope.data.list.length === 0) return records;
	}
}

/** The live reviews of a shop straight from the sandbox's table, newest first (row order is creation order). */
function liveReviews(sb, shop = 'demo') {
	const table = sb.state.shops[shop === 'second' ? 1 : 0].reviews;
	const reviews = [];
	for (let row = table.size - 1; row >= 0; row--) if (!table.deleted[row]) reviews.push(table.get(row));
	return reviews;
}

function shopState(sb, shop = 'demo') {
	return sb.state.shops[shop === 'second' ? 1 : 0];
}

/** The secrets a run had access to: private token, client secret, access and refresh tokens. */
function secretsOf(sb, result, extra = []) {
	const secrets = [sb.demo.shop.privateToken, sb.demo.secondShop.privateToken, sb.demo.oauth.clientSecret];
	for (const entry of Object.values(result.credentialStore ?? {})) {
		const data = entry.data ?? {};
		if (data.privateToken) secrets.push(data.privateToken);
		if (data.clientSecret) secrets.push(data.clientSecret);
		for (const update of [data.oauthTokenData, ...entry.updates.map((u) => u.data?.oauthTokenData ?? u.data)]) {
			if (update?.access_token) secrets.push(update.access_token);
			if (update?.refresh_token) secrets.push(update.refresh_token);
		}
	}
	return [...new Set([...secrets, ...extra].filter((secret) => typeof secret === 'string' && secret.length >= 8))];
}

/** What a user sees of a run: the output items, and the error's message, description, context and API response. */
function visibleText(result) {
	const parts = [JSON.stringify(result.outputs ?? [], (key, value) => (key === 'node' ? undefined : value))];
	for (const error of [result.error, ...(result.outputs?.[0] ?? []).map((item) => item.error)]) {
		if (!error) continue;
		parts.push(
			String(error.message),
			String(error.description ?? ''),
			JSON.stringify(error.context ?? {}),
			JSON.stringify(error.errorResponse ?? {}),
			JSON.stringify(error.messages ?? []),
		);
	}
	return parts.join('\n');
}

/** No secret (nor its URL-encoded form) appears in the items or the error. */
function expectNoSecrets(sb, result, extra = []) {
	const text = visibleText(result);
	for (const secret of secretsOf(sb, result, extra)) {
		expect(text.includes(secret)).toBe(false);
		expect(text.includes(encodeURIComponent(secret))).toBe(false);
	}
}

function description() {
	return new Trustoo().description;
}

/** Option values of a node parameter shown for `resource`/`operation`. */
function optionValues(name, resource, operation) {
	const property = description().properties.find(
		(p) =>
			p.name === name &&
			(!resource || p.displayOptions?.show?.resource?.includes(resource)) &&
			(!operation || p.displayOptions?.show?.operation?.includes(operation)),
	);
	if (!property) throw new Error(`no parameter ${name} for ${resource}/${operation}`);
	return property.options.map((option) => option.value);
}

module.exports = {
	api,
	NODE_FILE,
	SKIP,
	AUTH_MODES,
	OAUTH_MODES,
	API_KEY_MODE,
	useSandbox,
	credentialsFor,
	run,
	runOk,
	originalError,
	queryOf,
	trustooSign,
	expectHmac,
	expectBearer,
	expectOneRequest,
	expectRequest,
	signedFetch,
	signedFetchAll,
	liveReviews,
	shopState,
	shopOf,
	secretsOf,
	expectNoSecrets,
	description,
	optionValues,
};
