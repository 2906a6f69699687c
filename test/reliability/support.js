'use strict';
/**
 * Shared helpers for the reliability tests (retries, errors, secrets, validation, fuzzing, load):
 * the compiled TrustWILL (Trustoo) node run through the harness (n8n-core's real engine) against
 * the sandbox API. Signatures are recomputed here with node:crypto, independently of the package.
 *
 * Load the harness before anything that loads n8n-core: require this module first.
 */
const { runNode, logCollector } = require('../harness');

const crypto = require('node:crypto');
const net = require('node:net');
const path = require('node:path');

const { startSandbox } = require('../sandbox/server');
const { listOperations } = require('../support/operations');

const ROOT = path.resolve(__dirname, '..', '..');
/**
 * The compiled package under test: dist/, or another build (for example one with a behaviour
 * deliberately broken, to check that these tests catch it) named by TRUSTOO_RELIABILITY_DIST.
 */
const DIST = path.resolve(ROOT, process.env.TRUSTOO_RELIABILITY_DIST ?? 'dist');
const NODE_FILE = path.join(DIST, 'nodes/Trustoo/Trustoo.node.js');
const api = require(path.join(DIST, 'nodes/shared/api.js'));
const retry = require(path.join(DIST, 'nodes/Trustoo/transport/retry.js'));

const LOOPBACK_REDIRECT = 'http://127.0.0.1:5678/rest/oauth2-credential/callback';

/** Keeps each answer's parsed body on its recorded request (`response`), e.g. to read its request_id. */
function recordResponses(sb) {
	const sendText = sb.sendText.bind(sb);
	sb.sendText = (res, status, text, headers, record) => {
		if (record) {
			try {
				record.response = JSON.parse(text);
			} catch {
				record.response = undefined;
			}
		}
		return sendText(res, status, text, headers, record);
	};
	return sb;
}

/** One sandbox per test file: `const ctx = useSandbox({...})`, then `ctx.sb`. */
function useSandbox(options = {}) {
	const ctx = { sb: null };
	beforeAll(async () => {
		ctx.sb = recordResponses(await startSandbox({ port: 0, seed: 7, reviewCount: 120, ...options }));
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

function hmacCredentials(sb, overrides = {}) {
	const { publicToken, privateToken } = sb.demo.shop;
	return { trustooApi: { publicToken, privateToken, baseUrl: sb.url, ...overrides } };
}

/** OAuth2 credential already connected (authorization code) with a fresh token pair. */
function oauthCredentials(sb, overrides = {}) {
	return {
		trustooOAuth2Api: {
			baseUrl: sb.url,
			clientId: sb.demo.oauth.clientId,
			clientSecret: sb.demo.oauth.clientSecret,
			grantType: 'authorizationCode',
			oauthTokenData: sb.issueToken(),
			...overrides,
		},
	};
}

function credentialsFor(sb, authentication, overrides) {
	return authentication === 'oAuth2' ? oauthCredentials(sb, overrides) : hmacCredentials(sb, overrides);
}

/**
 * Runs the node once. `parameters` are node parameters (resource and operation included);
 * `authentication` picks the credential unless `credentials` is given.
 */
async function run(sb, parameters, { authentication = 'apiKey', credentials, ...options } = {}) {
	return await runNode({
		nodeTypeFile: NODE_FILE,
		parameters: { authentication, ...parameters },
		credentials: credentials ?? credentialsFor(sb, authentication),
		...options,
	});
}

/** The first live review ids of the demo shop (seeded rows). */
function reviewIds(sb, count = 1, from = 0) {
	const table = sb.state.shops[0].reviews;
	const ids = [];
	for (let row = from; row < table.size && ids.length < count; row++) {
		if (table.rowOf(table.idOf(row)) >= 0) ids.push(table.idOf(row));
	}
	return ids;
}

/** A webhook of the demo shop made over HMAC (owner 0), seeded or created here. */
function hmacWebhookId(sb) {
	const shop = sb.state.shops[0];
	let webhook = shop.webhooks.find((entry) => entry.owner === 0);
	if (!webhook) {
		webhook = { id: sb.state.nextWebhookId(), topic: 'review/created', url: 'https://hooks.example.com/a', owner: 0, created: 1, updated: 1 };
		shop.webhooks.push(webhook);
	}
	return webhook.id;
}

/**
 * Parameters that pass the node's own checks for each operation (`resource.operation`), given a
 * sandbox for IDs. Some requests may still fail at Trustoo (a deleted ID, a duplicate), which is
 * fine where only the transport is under test.
 */
function validParameters(sb, { resource, operation }) {
	const key = `${resource}.${operation}`;
	const unique = crypto.randomBytes(4).toString('hex');
	switch (key) {
		case 'customer.createExclusion':
			return { email: `excluded-${unique}@example.com` };
		case 'customer.deleteExclusion':
			return { email: `excluded-${unique}@example.com` };
		case 'customer.getExclusions':
		case 'customerEvent.getAll':
		case 'order.getAll':
		case 'review.getAll':
		case 'webhook.getAll':
			return { limit: 5 };
		case 'customer.unsubscribe':
			return { email: `unsubscribed-${unique}@example.com`, emailType: 'review_request' };
		case 'media.getImageUploadCredentials':
			return {};
		case 'media.getVideoUploadUrl':
			return { fileName: 'unboxing.mp4' };
		case 'platform.cancelAuthorization':
		case 'platform.getAuthorizationInfo':
		case 'platform.getInstallStatus':
			return { shop: sb.demo.shop.shopId };
		case 'platform.disconnect':
			return {};
		case 'platform.getAuthorizationUrl':
			return { redirectUri: LOOPBACK_REDIRECT, additionalFields: { state: 'xyz' } };
		case 'platform.revokeToken':
			return { tokenToRevoke: 'custom', token: sb.issueToken().access_token };
		case 'rating.get':
			return { ratingOf: 'store' };
		case 'review.create':
			return { productId: '', rating: 4, author: `Tester ${unique}`, additionalFields: { title: 'Good', content: 'Nice tee' } };
		case 'review.delete':
		case 'review.get':
			return { reviewId: reviewIds(sb)[0] };
		case 'webhook.create':
			return { topic: 'review/created', url: `https://hooks.example.com/${unique}` };
		case 'webhook.update':
			return { webhookId: hmacWebhookId(sb), topic: 'review/updated', url: `https://hooks.example.com/${unique}` };
		case 'webhook.delete':
			return { webhookId: hmacWebhookId(sb) };
		default:
			throw new Error(`no valid parameters for ${key}`);
	}
}

/** Every operation of the node, with the credential types it runs with. */
function operations() {
	return listOperations();
}

/** ENDPOINTS key of an operation, from its routing path. */
function endpointOfOperation(operation) {
	return Object.entries(api.ENDPOINTS).find(([, endpoint]) => endpoint.path === operation.path)[0];
}

/** HMAC-SHA256 of Trustoo's string to sign, written here independently of the package. */
function trustooSign(privateToken, rawQuery, timestamp, rawBody) {
	const pairs = [...new URLSearchParams(rawQuery ?? '')];
	pairs.push(['timestamp', String(timestamp)]);
	pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	const canonical = pairs.map(([key, value]) => `${key}=${value}`).join('&');
	const message = rawBody ? `${canonical}|${rawBody}` : canonical;
	return crypto.createHmac('sha256', privateToken).update(message, 'utf8').digest('hex');
}

/** A TCP port on 127.0.0.1 that nothing listens on (it was free a moment ago). */
async function closedPort() {
	const server = net.createServer();
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address();
	await new Promise((resolve) => server.close(resolve));
	return port;
}

/** The error of each failed item when the node continued on fail (`outputs[0]` entries with `error`). */
function itemErrors(result) {
	return (result.outputs[0] ?? []).filter((item) => item.error).map((item) => item.error);
}

/** A stack trace line such as "    at Foo (file.js:1:2)". */
const STACK_TRACE = /\n\s+at\s|\bat\s\S+\s\(?[^()\s]+:\d+:\d+\)?/;

module.exports = {
	api,
	retry,
	ROOT,
	NODE_FILE,
	LOOPBACK_REDIRECT,
	STACK_TRACE,
	logCollector,
	runNode,
	startSandbox,
	recordResponses,
	useSandbox,
	hmacCredentials,
	oauthCredentials,
	credentialsFor,
	run,
	reviewIds,
	hmacWebhookId,
	validParameters,
	operations,
	endpointOfOperation,
	trustooSign,
	closedPort,
	itemErrors,
};
