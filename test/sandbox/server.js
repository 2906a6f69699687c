'use strict';
/**
 * The Trustoo (TrustWILL) Open API sandbox: a real HTTP server on 127.0.0.1 that follows
 * test/sandbox/CONTRACT.md. This module owns the HTTP plumbing, routing, request recording and
 * the JS control API; the rest lives in one module per concern (auth, oauth, handlers/*, faults,
 * deliveries, control, seed).
 *
 *   const { startSandbox } = require('./test/sandbox/server');
 *   const sandbox = await startSandbox({ seed: 42, reviewCount: 300 });
 *   ... sandbox.url, sandbox.demo, sandbox.requests, sandbox.setFault({...}) ...
 *   await sandbox.close();
 */
const http = require('node:http');
const { loadApi, buildRoutes } = require('./api');
const { authKind, authenticate } = require('./auth');
const { ApiError, CODES, RawResponse, envelope, invalidArgument } = require('./envelope');
const { splitUrl, readBody, parseQueryPairs, firstValues, parseBody } = require('./wire');
const { SandboxState } = require('./state');
const { OAuthStore } = require('./oauth');
const { Faults } = require('./faults');
const { Deliveries } = require('./deliveries');
const { Uploads } = require('./uploads');
const { handleControl } = require('./control');
const { parseReviewInput, deliveryRecord } = require('./handlers/reviews');
const { makeCustomerEvent } = require('./seed');
const handlers = require('./handlers');
const F = require('./fixtures');

const HOST = '127.0.0.1';
const DEFAULTS = {
	port: 0,
	seed: 42,
	reviewCount: 300,
	secondShopReviewCount: 25,
	accessTokenTtlSeconds: 3600,
	deliveryTimeoutMs: 5000,
	maxRecordedRequests: 10000,
};

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A successful list answer in the shape a `shape` fault names (faults.js); other answers as they are. */
function reshapeList(data, shape) {
	const paged = data !== null && typeof data === 'object' && Array.isArray(data.list);
	if (shape === 'wrapped-list') return Array.isArray(data) ? { list: data } : data;
	if (!paged) return data;
	if (shape === 'bare-list') return data.list;
	return { list: data.list }; // no-page-info, ignore-page
}
const JSON_TYPE = 'application/json; charset=utf-8';

class Sandbox {
	constructor(options = {}) {
		// `undefined` options fall back to the defaults (e.g. from unset environment variables).
		const given = Object.entries(options).filter(([, value]) => value !== undefined);
		this.options = { ...DEFAULTS, ...Object.fromEntries(given) };
		this.api = loadApi();
		this.routes = buildRoutes(this.api);
		/** Recorded API requests (not control requests), oldest first. */
		this.requests = [];
		this.faultStore = new Faults();
		/** Active faults (live array). */
		this.faults = this.faultStore.list;
		this.deliveryStore = new Deliveries({
			api: this.api,
			timeoutMs: this.options.deliveryTimeoutMs,
		});
		/** Webhook deliveries attempted so far (live array). */
		this.deliveries = this.deliveryStore.list;
		this.uploads = new Uploads();
		this.oauth = new OAuthStore({
			clients: F.CLIENTS,
			accessTokenTtlSeconds: this.options.accessTokenTtlSeconds,
		});
		this.currentState = this.seedState(this.options);
		this.server = http.createServer((req, res) => {
			this.onRequest(req, res).catch((error) => this.crash(res, error));
		});
		this.url = null;
		this.port = null;
	}

	/** The live state; replaced by `reset()`. */
	get state() {
		return this.currentState;
	}

	seedState({ seed, reviewCount, secondShopReviewCount }) {
		return new SandboxState(this.api, { seed, reviewCount, secondShopReviewCount });
	}

	/** Credentials and ids tests need (fixed test values, not secrets). */
	get demo() {
		const shopOf = (s) => ({
			publicToken: s.publicToken,
			privateToken: s.privateToken,
			shopId: s.shopId,
			myshopifyDomain: s.myshopifyDomain,
		});
		const clientOf = (c) => ({
			clientId: c.id,
			clientSecret: c.secret,
			redirectUri: c.redirectUris[0],
		});
		return {
			shop: shopOf(this.state.shops[0]),
			secondShop: shopOf(this.state.shops[1]),
			oauth: clientOf(F.CLIENTS[0]),
			restrictedOAuth: clientOf(F.CLIENTS[1]),
			products: this.state.shops[0].reviews.products.list
				.slice(1)
				.map(({ id, handle, title }) => ({ id, handle, title })),
		};
	}

	async listen() {
		await new Promise((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(this.options.port, HOST, () => {
				this.server.off('error', reject);
				resolve();
			});
		});
		this.port = this.server.address().port;
		this.url = `http://${HOST}:${this.port}`;
		return this;
	}

	/** Stops listening; in-flight deliveries get up to `deliveryTimeoutMs` to finish. */
	async close() {
		let timer;
		await Promise.race([
			this.deliveryStore.settle(),
			new Promise((resolve) => (timer = setTimeout(resolve, this.options.deliveryTimeoutMs))),
		]);
		clearTimeout(timer);
		await new Promise((resolve) => {
			this.server.close(() => resolve());
			this.server.closeAllConnections();
		});
	}

	// ---- requests -------------------------------------------------------------------------------

	async onRequest(req, res) {
		const { path, rawQuery } = splitUrl(req.url);
		let raw;
		try {
			raw = await readBody(req);
		} catch (error) {
			return this.send(
				res,
				error.status ?? 400,
				envelope(CODES.invalidArgument, `invalid argument: ${error.message}`, null),
			);
		}
		if (path === '/__sandbox' || path.startsWith('/__sandbox/'))
			return handleControl(this, req, res, { path, rawQuery, raw });
		return this.handleApi(req, res, path, rawQuery, raw.toString('utf8'));
	}

	async handleApi(req, res, path, rawQuery, rawBody) {
		const method = req.method;
		const route = this.routes.get(path) ?? null;
		const record = {
			method,
			path,
			endpoint: route ? route.key : null,
			query: {},
			rawQuery,
			headers: { ...req.headers },
			rawBody,
			body: null,
			auth: authKind(route, req.headers),
			code: null,
			httpStatus: null,
			time: Date.now(),
		};
		this.record(record);
		let pairs = null;
		try {
			pairs = parseQueryPairs(rawQuery);
			record.query = firstValues(pairs);
		} catch {
			// answered below, after faults: a bad query cannot be signed
		}
		const parsed = parseBody(rawBody, req.headers['content-type']);
		record.body = parsed.value;

		const fault = this.faultStore.take({ method, path, endpoint: record.endpoint });
		if (fault) {
			record.fault = fault.kind;
			const delay = fault.kind === 'delay' ? fault.ms : fault.delayMs;
			if (delay) await sleep(delay);
			if (fault.kind !== 'delay' && fault.kind !== 'shape') return this.applyFault(fault, req, res, record);
		}

		try {
			if (!route)
				throw new ApiError(CODES.notFound, `no such endpoint: ${path}`, { httpStatus: 404 });
			if (route.method !== method) {
				throw new ApiError(
					CODES.unimplemented,
					`${method} not allowed on ${path}; use ${route.method}`,
					{ httpStatus: 405, headers: { Allow: route.method } },
				);
			}
			if (!pairs) throw invalidArgument('query string has invalid percent-encoding');
			const ctx = {
				api: this.api,
				state: this.state,
				oauth: this.oauth,
				uploads: this.uploads,
				baseUrl: this.url,
				route,
				headers: req.headers,
				pairs,
				query: record.query,
				rawBody,
				body: parsed.value,
				bodyKind: parsed.kind,
				emit: (topic, shop, payload) => this.fire(topic, shop, payload),
			};
			ctx.auth = authenticate(ctx);
			ctx.shop = ctx.auth.shop ?? null;
			if (parsed.kind === 'invalid' && route.key !== 'oauthToken')
				throw invalidArgument('body is not valid JSON');
			if (route.auth !== 'platform' && (parsed.kind === 'form' || parsed.kind === 'other')) {
				throw invalidArgument('body must be JSON (Content-Type: application/json)');
			}
			const handler = handlers[route.key];
			if (!handler)
				throw new ApiError(CODES.unimplemented, `the sandbox has no handler for ${route.key}`, {
					httpStatus: 501,
				});
			if (fault?.kind === 'shape' && fault.shape === 'ignore-page') ctx.query = { ...ctx.query, page: '1' };
			const result = await handler(ctx);
			if (result instanceof RawResponse) return this.sendRaw(res, result, record);
			record.code = CODES.ok;
			const data = fault?.kind === 'shape' ? reshapeList(result, fault.shape) : result;
			return this.send(res, 200, envelope(CODES.ok, 'success', data), {}, record);
		} catch (error) {
			if (!(error instanceof ApiError)) throw error;
			record.code = error.code;
			record.message = error.message;
			return this.send(
				res,
				error.httpStatus,
				envelope(error.code, error.message, null),
				error.headers,
				record,
			);
		}
	}

	applyFault(fault, req, res, record) {
		switch (fault.kind) {
			case 'reset':
				req.socket.destroy();
				return undefined;
			case 'malformed': {
				const text = JSON.stringify(
					envelope(CODES.ok, 'success', { list: [{ id: '1', rating: 5 }] }),
				);
				return this.sendText(
					res,
					200,
					text.slice(0, Math.floor(text.length / 2)),
					{ 'Content-Type': JSON_TYPE },
					record,
				);
			}
			case 'code':
				record.code = fault.code;
				return this.send(res, 200, envelope(fault.code, fault.message, null), {}, record);
			case 'status': {
				const headers =
					fault.retryAfter !== undefined ? { 'Retry-After': String(fault.retryAfter) } : {};
				const [code, message] =
					fault.status === 429
						? [CODES.permissionDenied, 'too many requests']
						: [CODES.internal, `injected HTTP ${fault.status}`];
				if (fault.body !== undefined) {
					const text = typeof fault.body === 'string' ? fault.body : JSON.stringify(fault.body);
					return this.sendText(
						res,
						fault.status,
						text,
						{ 'Content-Type': JSON_TYPE, ...headers },
						record,
					);
				}
				record.code = code;
				return this.send(res, fault.status, envelope(code, message, null), headers, record);
			}
			default:
				throw new Error(`unknown fault kind ${fault.kind}`);
		}
	}

	record(entry) {
		if (this.options.maxRecordedRequests === 0) return;
		this.requests.push(entry);
		const excess = this.requests.length - this.options.maxRecordedRequests;
		if (excess > 0) this.requests.splice(0, excess);
	}

	send(res, status, payload, headers = {}, record) {
		return this.sendText(
			res,
			status,
			JSON.stringify(payload),
			{ 'Content-Type': JSON_TYPE, ...headers },
			record,
		);
	}

	sendRaw(res, raw, record) {
		if (raw.status < 400) record.code = CODES.ok;
		const location = raw.headers.Location;
		const error =
			raw.status >= 400
				? JSON.parse(raw.body).error
				: location && new URL(location).searchParams.get('error');
		if (error) {
			record.code = null;
			record.error = error;
		}
		const headers =
			raw.headers['Content-Type'] === 'application/json'
				? { ...raw.headers, 'Content-Type': JSON_TYPE }
				: raw.headers;
		return this.sendText(res, raw.status, raw.body, headers, record);
	}

	sendText(res, status, text, headers, record) {
		if (record) record.httpStatus = status;
		res.writeHead(status, { ...headers, 'Content-Length': Buffer.byteLength(text) });
		res.end(text);
	}

	/** Last resort: a bug in the sandbox answers 500 / code 13 rather than hanging the client. */
	crash(res, error) {
		const last = this.requests[this.requests.length - 1];
		if (last && last.httpStatus === null) last.httpStatus = 500;
		if (res.headersSent) return res.destroy();
		const text = JSON.stringify(
			envelope(CODES.internal, `sandbox internal error: ${error.message}`, null),
		);
		res.writeHead(500, { 'Content-Type': JSON_TYPE, 'Content-Length': Buffer.byteLength(text) });
		res.end(text);
	}

	// ---- webhook deliveries -------------------------------------------------------------------

	/** Delivers a topic to the shop's webhooks; HMAC webhooks sign with the private token, platform ones with the client secret. */
	fire(topic, shop, payload) {
		return this.deliveryStore.dispatch({
			shop,
			topic,
			record: payload,
			keyFor: (webhook) =>
				webhook.owner === 0
					? shop.privateToken
					: (this.oauth.clients.get(webhook.owner)?.secret ?? ''),
		});
	}

	waitForDeliveries(count, options) {
		return this.deliveryStore.waitFor(count, options);
	}

	settleDeliveries() {
		return this.deliveryStore.settle();
	}

	redeliver(index) {
		return this.deliveryStore.redeliver(index);
	}

	clearDeliveries() {
		this.deliveryStore.clear();
	}

	// ---- JS control API -----------------------------------------------------------------------

	clearRequests() {
		this.requests.length = 0;
	}

	/** `{kind: 'status'|'delay'|'malformed'|'code'|'reset', path?, endpoint?, method?, times?, ...}`; returns the fault. */
	setFault(spec) {
		return this.faultStore.set(spec);
	}

	clearFaults() {
		this.faultStore.clear();
	}

	expireAccessTokens() {
		this.oauth.expireAccessTokens();
	}

	/** Issues tokens without the OAuth flow (test shortcut); returns the RFC 6749 token body. */
	issueToken({ clientId = F.CLIENTS[0].id, shop = 'demo', scopes = this.api.ALL_SCOPES } = {}) {
		return this.oauth.issue(clientId, this.shopFor(shop).key, [...scopes]);
	}

	/**
	 * Reseeds shop data and clears requests, faults and deliveries. OAuth clients' tokens and
	 * grants survive (an n8n credential stays connected) unless `oauth: true`.
	 */
	reset({ oauth = false, ...options } = {}) {
		Object.assign(this.options, options);
		this.currentState = this.seedState(this.options);
		if (oauth)
			this.oauth = new OAuthStore({
				clients: F.CLIENTS,
				accessTokenTtlSeconds: this.options.accessTokenTtlSeconds,
			});
		this.clearRequests();
		this.clearFaults();
		this.clearDeliveries();
	}

	shopFor(shop) {
		if (shop && typeof shop === 'object') return shop;
		const found =
			this.state.shopByKey(shop ?? 'demo') ??
			this.state.findShop({ myshopifyDomain: shop }) ??
			this.state.findShop({ shopId: shop });
		if (!found) throw new Error(`unknown shop ${shop}`);
		return found;
	}

	/** A merchant edit of review `id` (any shop); fires review/updated. Resolves `{review, deliveries}`. */
	async updateReview(id, patch) {
		const found = this.state.findReview(id);
		if (!found) throw new Error(`review not found: ${id}`);
		let fields;
		try {
			fields = parseReviewInput(patch, this.api, { partial: true });
		} catch (error) {
			throw new Error(error.message);
		}
		const review = found.shop.reviews.update(found.row, fields);
		const deliveries = await this.fire(
			'review/updated',
			found.shop,
			deliveryRecord(found.shop, review),
		);
		return { review, deliveries };
	}

	/**
	 * Adds a customer event (`event_type` required; `os_type`, `event_source`, `customer_id`,
	 * `product_id`, `review_id` optional) and fires customer_event/created. Resolves `{event, deliveries}`.
	 */
	async addCustomerEvent(fields, { shop } = {}) {
		const target = this.shopFor(shop ?? fields.shop);
		if (typeof fields.event_type !== 'string' || fields.event_type === '')
			throw new Error('event_type is required');
		const entry = makeCustomerEvent(
			target,
			target.customerEvents.length,
			Math.floor(Date.now() / 1000),
			fields,
		);
		target.customerEvents.push(entry);
		const record = {
			...entry.event,
			my_shopify_domain: target.myshopifyDomain,
			shopify_shop_id: target.shopId,
		};
		const deliveries = await this.fire('customer_event/created', target, record);
		return { event: { ...entry.event }, deliveries };
	}

	summary() {
		return {
			url: this.url,
			...this.state.summary(),
			oauth: this.oauth.summary(),
			requests: this.requests.length,
			faults: this.faults.length,
			deliveries: {
				sent: this.deliveries.length,
				pending: this.deliveries.filter((d) => d.status === 'pending').length,
				skipped: this.deliveryStore.skipped.length,
			},
		};
	}
}

/** Starts a sandbox on 127.0.0.1 (port 0 = any free port); resolves with its handle. */
async function startSandbox(options) {
	return new Sandbox(options).listen();
}

module.exports = { startSandbox, Sandbox };
