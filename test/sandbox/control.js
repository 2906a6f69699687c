'use strict';
/**
 * `/__sandbox/...`: control endpoints for tests that drive the sandbox from another process
 * (e.g. n8n). Plain JSON, no envelope, no auth (the server only listens on 127.0.0.1), not recorded.
 */
const { parseQueryPairs, firstValues } = require('./wire');
const { OSS_PREFIX } = require('./uploads');

/** Faults and records hold RegExps and Buffers; make them JSON-friendly. */
const faultJson = (fault) => ({
	...fault,
	path: fault.path instanceof RegExp ? String(fault.path) : fault.path,
});

class ControlError extends Error {
	constructor(status, message) {
		super(message);
		this.status = status;
	}
}

function parseJson(raw) {
	const text = raw.toString('utf8');
	if (text.trim() === '') return {};
	try {
		return JSON.parse(text);
	} catch {
		throw new ControlError(400, 'body must be JSON');
	}
}

/** [method, pattern, handler(sandbox, {params, query, body, raw, headers})] */
const ROUTES = [
	[
		'GET',
		/^\/__sandbox\/requests$/,
		(s, { query }) => ({
			requests: s.requests.filter(
				(r) =>
					(!query.endpoint || r.endpoint === query.endpoint) &&
					(!query.path || r.path === query.path),
			),
		}),
	],
	['DELETE', /^\/__sandbox\/requests$/, (s) => (s.clearRequests(), { ok: true })],
	['GET', /^\/__sandbox\/faults$/, (s) => ({ faults: s.faults.map(faultJson) })],
	[
		'POST',
		/^\/__sandbox\/faults$/,
		(s, { body }) => {
			const specs = Array.isArray(body) ? body : Array.isArray(body.faults) ? body.faults : [body];
			try {
				specs.forEach((spec) => s.setFault(spec));
			} catch (error) {
				throw new ControlError(400, error.message);
			}
			return { ok: true, faults: s.faults.map(faultJson) };
		},
	],
	['DELETE', /^\/__sandbox\/faults$/, (s) => (s.clearFaults(), { ok: true })],
	[
		'POST',
		/^\/__sandbox\/reset$/,
		(s, { body }) => (s.reset(body), { ok: true, summary: s.summary() }),
	],
	['GET', /^\/__sandbox\/state\/summary$/, (s) => s.summary()],
	['GET', /^\/__sandbox\/demo$/, (s) => ({ url: s.url, ...s.demo })],
	[
		'POST',
		/^\/__sandbox\/reviews\/([^/]+)\/update$/,
		async (s, { params, body }) => {
			try {
				return await s.updateReview(decodeURIComponent(params[0]), body);
			} catch (error) {
				throw new ControlError(/not found/.test(error.message) ? 404 : 400, error.message);
			}
		},
	],
	[
		'POST',
		/^\/__sandbox\/customer-events$/,
		async (s, { body }) => {
			try {
				return await s.addCustomerEvent(body);
			} catch (error) {
				throw new ControlError(400, error.message);
			}
		},
	],
	[
		'GET',
		/^\/__sandbox\/deliveries$/,
		(s) => ({ deliveries: s.deliveries, skipped: s.deliveryStore.skipped }),
	],
	['DELETE', /^\/__sandbox\/deliveries$/, (s) => (s.clearDeliveries(), { ok: true })],
	[
		'POST',
		/^\/__sandbox\/deliveries\/redeliver$/,
		async (s, { body }) => {
			try {
				return { delivery: await s.redeliver(body.index) };
			} catch (error) {
				throw new ControlError(404, error.message);
			}
		},
	],
	[
		'POST',
		/^\/__sandbox\/oauth\/expire-access-tokens$/,
		(s) => (s.expireAccessTokens(), { ok: true }),
	],
];

function reply(res, status, payload, headers = {}) {
	const text =
		typeof payload === 'string' || Buffer.isBuffer(payload) ? payload : JSON.stringify(payload);
	res.writeHead(status, {
		'Content-Type': 'application/json; charset=utf-8',
		...headers,
		'Content-Length': Buffer.byteLength(text),
	});
	res.end(text);
}

async function handleControl(sandbox, req, res, { path, rawQuery, raw }) {
	try {
		const query = firstValues(parseQueryPairs(rawQuery));
		if (path === OSS_PREFIX || path.startsWith(`${OSS_PREFIX}/`)) {
			const result = sandbox.uploads.handle(req.method, path, query, req.headers, raw);
			if (result.file)
				return reply(res, 200, result.file.bytes, { 'Content-Type': result.file.contentType });
			return reply(res, result.status, result.body);
		}
		for (const [method, pattern, handler] of ROUTES) {
			const match = pattern.exec(path);
			if (!match) continue;
			if (req.method !== method) continue;
			const body = method === 'GET' || method === 'DELETE' ? {} : parseJson(raw);
			return reply(res, 200, await handler(sandbox, { params: match.slice(1), query, body }));
		}
		throw new ControlError(404, `no control endpoint ${req.method} ${path}`);
	} catch (error) {
		if (!(error instanceof ControlError)) throw error;
		return reply(res, error.status, { error: error.message });
	}
}

module.exports = { handleControl };
