'use strict';
/**
 * Retries (transport/retry.ts, used by transport/request.ts): which failures are sent again for
 * which endpoints, the backoff and Retry-After waits, the Max Retries option, and a fresh
 * signature (new timestamp) on every attempt.
 */
const S = require('./support');

const { retry, api } = S;
const ctx = S.useSandbox();

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const requestsTo = (sb, endpoint) => sb.requests.filter((request) => request.endpoint === endpoint);

/** Each node operation once, with the credential it is run with here and its retry class. */
const OPERATIONS = S.operations().map((operation) => {
	const endpoint = S.endpointOfOperation(operation);
	return {
		...operation,
		endpoint,
		authentication: operation.credentials[0],
		retryClass: retry.RETRY_CLASSES[endpoint],
		label: `${operation.resource}.${operation.operation}`,
	};
});

describe('the retry table (one place: RETRY_CLASSES in retry.ts)', () => {
	test('classifies every endpoint, and every GET is a read', () => {
		expect(Object.keys(retry.RETRY_CLASSES).sort()).toEqual(Object.keys(api.ENDPOINTS).sort());
		for (const [name, endpoint] of Object.entries(api.ENDPOINTS)) {
			expect(['read', 'idempotent', 'write']).toContain(retry.RETRY_CLASSES[name]);
			if (endpoint.method === 'GET') expect([name, retry.RETRY_CLASSES[name]]).toEqual([name, 'read']);
			else expect([name, retry.RETRY_CLASSES[name]]).not.toEqual([name, 'read']);
		}
	});

	test('only Email Unsubscribe, Update Webhook and Revoke Token are repeatable writes (as the README says)', () => {
		const idempotent = Object.entries(retry.RETRY_CLASSES)
			.filter(([, retryClass]) => retryClass === 'idempotent')
			.map(([name]) => name)
			.sort();
		expect(idempotent).toEqual(['emailUnsubscribe', 'revokeToken', 'updateWebhook']);
	});

	test('every node operation sends to a classified endpoint', () => {
		expect(OPERATIONS.length).toBeGreaterThanOrEqual(23);
		for (const operation of OPERATIONS) expect([operation.label, operation.retryClass]).toEqual([operation.label, expect.any(String)]);
	});
});

describe('decideRetry and the backoff (pure functions)', () => {
	const { decideRetry, backoffDelay, parseRetryAfter, BACKOFF_BASE_MS, BACKOFF_MAX_MS, RETRY_AFTER_CAP_MS } = retry;
	const status = (code, retryAfterMs) => ({ kind: 'status', status: code, retryAfterMs });
	const network = (code) => ({ kind: 'network', code });

	test.each([
		['read', status(429), true],
		['read', status(500), true],
		['read', status(503), true],
		['read', network('ECONNRESET'), true],
		['read', network('ECONNABORTED'), true],
		['read', { kind: 'malformed' }, true],
		['read', { kind: 'trustooCode', code: 13 }, true],
		['read', status(400), false],
		['read', status(401), false],
		['read', status(403), false],
		['read', status(501), false],
		['read', { kind: 'trustooCode', code: 16 }, false],
		['read', { kind: 'trustooCode', code: 3 }, false],
		['read', network('CERT_HAS_EXPIRED'), false],
		['read', { kind: 'other' }, false],
		['idempotent', status(500), true],
		['idempotent', network('ETIMEDOUT'), true],
		['write', status(429), true],
		['write', network('ECONNREFUSED'), true],
		['write', network('ENOTFOUND'), true],
		['write', network('EAI_AGAIN'), true],
		['write', status(500), false],
		['write', status(502), false],
		['write', network('ECONNRESET'), false],
		['write', network('ECONNABORTED'), false],
		['write', network('ETIMEDOUT'), false],
		['write', { kind: 'malformed' }, false],
		['write', { kind: 'trustooCode', code: 13 }, false],
	])('%s after %j: retry %s', (retryClass, failure, expected) => {
		expect(decideRetry(retryClass, failure, 1, 3).retry).toBe(expected);
	});

	test('stops after Max Retries', () => {
		expect(decideRetry('read', status(500), 3, 3).retry).toBe(true);
		expect(decideRetry('read', status(500), 4, 3).retry).toBe(false);
		expect(decideRetry('read', status(500), 1, 0).retry).toBe(false);
	});

	test('exponential backoff with jitter, bounded', () => {
		expect(backoffDelay(1, () => 0)).toBe(BACKOFF_BASE_MS / 2);
		expect(backoffDelay(1, () => 1)).toBe(BACKOFF_BASE_MS);
		expect(backoffDelay(2, () => 0)).toBe(BACKOFF_BASE_MS);
		expect(backoffDelay(3, () => 1)).toBe(BACKOFF_BASE_MS * 4);
		expect(backoffDelay(30, () => 1)).toBe(BACKOFF_MAX_MS);
		expect(backoffDelay(30, () => 0)).toBe(BACKOFF_MAX_MS / 2);
		const delays = new Set(Array.from({ length: 20 }, () => backoffDelay(3)));
		expect(delays.size).toBeGreaterThan(1);
	});

	test('honours Retry-After (seconds or HTTP date) and gives up when it is longer than the cap', () => {
		expect(parseRetryAfter('2')).toBe(2000);
		expect(parseRetryAfter('0')).toBe(0);
		expect(parseRetryAfter(new Date(Date.now() + 5000).toUTCString())).toBeGreaterThan(3000);
		expect(parseRetryAfter('soon')).toBeUndefined();
		expect(decideRetry('write', status(429, 2000), 1, 3, () => 0)).toEqual({ retry: true, delayMs: 2000 });
		expect(decideRetry('read', status(429, RETRY_AFTER_CAP_MS + 1000), 1, 3)).toEqual({ retry: false, reason: 'retryAfterTooLong' });
	});

	test('Max Retries is clamped to 0..10', () => {
		expect(retry.clampMaxRetries(undefined)).toBe(retry.DEFAULT_MAX_RETRIES);
		expect(retry.clampMaxRetries(-2)).toBe(0);
		expect(retry.clampMaxRetries(99)).toBe(retry.MAX_RETRIES_LIMIT);
		expect(retry.clampMaxRetries(2.7)).toBe(2);
	});
});

describe('Options → Max Retries', () => {
	test('is a top-level node option shown for every operation, after the operation fields, default 3', () => {
		const { Trustoo } = require(S.NODE_FILE);
		const { properties } = new Trustoo().description;
		const index = properties.findIndex((property) => property.name === 'options');
		expect(index).toBe(properties.length - 1);
		expect(properties[index].displayOptions).toBeUndefined();
		const option = properties[index].options.find((entry) => entry.name === 'maxRetries');
		expect(option).toMatchObject({ type: 'number', default: 3 });
	});

	test.each([
		[undefined, 4],
		[0, 1],
		[1, 2],
		[5, 6],
	])('maxRetries %s: a permanent 500 on a read is sent %i times', async (maxRetries, attempts) => {
		const { sb } = ctx;
		sb.setFault({ kind: 'status', status: 500, endpoint: 'getRating' });
		const options = maxRetries === undefined ? {} : { options: { maxRetries } };
		const result = await S.run(sb, { resource: 'rating', operation: 'get', ...options });
		expect(result.error).toBeDefined();
		expect(requestsTo(sb, 'getRating')).toHaveLength(attempts);
		expect(result.error.context.attempts).toBe(attempts);
	}, 20000);
});

describe('a read recovers from transient failures', () => {
	test.each([
		['HTTP 500', { kind: 'status', status: 500 }],
		['HTTP 502', { kind: 'status', status: 502 }],
		['HTTP 503', { kind: 'status', status: 503 }],
		['HTTP 429', { kind: 'status', status: 429 }],
		['a reset connection', { kind: 'reset' }],
		['a cut-off JSON answer', { kind: 'malformed' }],
		['Trustoo code 13', { kind: 'code', code: 13, message: 'internal' }],
	])('%s twice, then success', async (_label, fault) => {
		const { sb } = ctx;
		sb.setFault({ ...fault, endpoint: 'getReviews', times: 2 });
		const result = await S.run(sb, { resource: 'review', operation: 'getAll', limit: 3 });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(3);
		expect(requestsTo(sb, 'getReviews')).toHaveLength(3);
	});

	test('a timeout, then success (Settings → Request Options → Timeout)', async () => {
		const { sb } = ctx;
		sb.setFault({ kind: 'delay', ms: 1200, endpoint: 'getRating', times: 1 });
		const result = await S.run(sb, { resource: 'rating', operation: 'get', requestOptions: { timeout: 250 } });
		expect(result.error).toBeUndefined();
		expect(result.items[0]).toHaveProperty('rating_value');
		expect(requestsTo(sb, 'getRating')).toHaveLength(2);
		await sleep(1000); // let the abandoned request finish in the sandbox
	});

	test('a refused connection, then success (the server comes up)', async () => {
		const port = await S.closedPort();
		const { publicToken, privateToken } = ctx.sb.demo.shop;
		let late;
		const started = sleep(60).then(async () => {
			late = await S.startSandbox({ port, seed: 7, reviewCount: 10 });
		});
		try {
			const result = await S.run(ctx.sb, { resource: 'rating', operation: 'get' }, {
				credentials: { trustooApi: { publicToken, privateToken, baseUrl: `http://127.0.0.1:${port}` } },
			});
			await started;
			expect(result.error).toBeUndefined();
			expect(late.requests.filter((request) => request.endpoint === 'getRating')).toHaveLength(1);
		} finally {
			await started;
			await late?.close();
		}
	});

	test('backoff waits grow exponentially, with jitter, within bounds', async () => {
		const { sb } = ctx;
		sb.setFault({ kind: 'status', status: 500, endpoint: 'getRating' });
		await S.run(sb, { resource: 'rating', operation: 'get' });
		const times = requestsTo(sb, 'getRating').map((request) => request.time);
		expect(times).toHaveLength(4);
		const gaps = times.slice(1).map((time, index) => time - times[index]);
		const base = retry.BACKOFF_BASE_MS;
		gaps.forEach((gap, index) => {
			const ceiling = base * 2 ** index;
			expect(gap).toBeGreaterThanOrEqual(ceiling / 2 - 5);
			expect(gap).toBeLessThan(ceiling + 1000); // bounded (with room for a slow CI machine)
		});
	}, 15000);
});

describe('Retry-After and fresh signatures', () => {
	test('429 with Retry-After: 1 twice: waits ≥ 1 s each time, and each attempt has a new timestamp and a valid Sign', async () => {
		const { sb } = ctx;
		sb.setFault({ kind: 'status', status: 429, retryAfter: 1, endpoint: 'getRating', times: 2 });
		const result = await S.run(sb, { resource: 'rating', operation: 'get', ratingOf: 'productId', productId: '123' });
		expect(result.error).toBeUndefined();
		const attempts = requestsTo(sb, 'getRating');
		expect(attempts.map((request) => request.httpStatus)).toEqual([429, 429, 200]);
		for (let index = 1; index < attempts.length; index++) {
			expect(attempts[index].time - attempts[index - 1].time).toBeGreaterThanOrEqual(1000);
			expect(Number(attempts[index].headers.timestamp)).toBeGreaterThan(Number(attempts[index - 1].headers.timestamp));
		}
		const { privateToken } = sb.demo.shop;
		for (const request of attempts) {
			expect(request.headers.sign).toBe(S.trustooSign(privateToken, request.rawQuery, request.headers.timestamp, request.rawBody));
		}
		expect(new Set(attempts.map((request) => request.headers.sign)).size).toBe(3);
	}, 15000);

	test('a POST retried after 429 is signed afresh over the same body', async () => {
		const { sb } = ctx;
		sb.setFault({ kind: 'status', status: 429, retryAfter: 1, endpoint: 'createReview', times: 1 });
		const result = await S.run(sb, { resource: 'review', operation: 'create', rating: 5, author: 'Signed twice' });
		expect(result.error).toBeUndefined();
		const [first, second] = requestsTo(sb, 'createReview');
		expect(second.rawBody).toBe(first.rawBody);
		expect(Number(second.headers.timestamp)).toBeGreaterThan(Number(first.headers.timestamp));
		const { privateToken } = sb.demo.shop;
		for (const request of [first, second]) {
			expect(request.headers.sign).toBe(S.trustooSign(privateToken, request.rawQuery, request.headers.timestamp, request.rawBody));
		}
	}, 10000);

	test('Retry-After: 0 retries at once', async () => {
		const { sb } = ctx;
		sb.setFault({ kind: 'status', status: 429, retryAfter: 0, endpoint: 'getRating', times: 3 });
		const started = Date.now();
		const result = await S.run(sb, { resource: 'rating', operation: 'get' });
		expect(result.error).toBeUndefined();
		expect(requestsTo(sb, 'getRating')).toHaveLength(4);
		expect(Date.now() - started).toBeLessThan(3 * retry.RETRY_AFTER_JITTER_MS + 1000);
	});

	test('a Retry-After beyond the cap is not waited for: the error says how long to wait', async () => {
		const { sb } = ctx;
		sb.setFault({ kind: 'status', status: 429, retryAfter: 120, endpoint: 'getRating' });
		const started = Date.now();
		const result = await S.run(sb, { resource: 'rating', operation: 'get' });
		expect(Date.now() - started).toBeLessThan(2000);
		expect(requestsTo(sb, 'getRating')).toHaveLength(1);
		expect(result.error.message).toBe('Trustoo is rate limiting these requests (HTTP 429)');
		expect(result.error.description).toMatch(/wait 120 s/);
		expect(result.error.description).toMatch(/longer than the node waits/);
	});

	test('OAuth2: a 429 is retried with the Bearer token', async () => {
		const { sb } = ctx;
		sb.setFault({ kind: 'status', status: 429, retryAfter: 0, endpoint: 'getReviews', times: 1 });
		const result = await S.run(sb, { resource: 'review', operation: 'getAll', limit: 2 }, { authentication: 'oAuth2' });
		expect(result.error).toBeUndefined();
		const attempts = requestsTo(sb, 'getReviews');
		expect(attempts).toHaveLength(2);
		for (const request of attempts) expect(request.auth).toBe('bearer');
	});

	test('OAuth2: an expired access token is still refreshed by n8n and the request succeeds', async () => {
		const { sb } = ctx;
		const credentials = S.oauthCredentials(sb);
		sb.expireAccessTokens();
		const result = await S.run(sb, { resource: 'review', operation: 'getAll', limit: 2 }, { authentication: 'oAuth2', credentials });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(2);
		expect(result.credentialStore.trustooOAuth2Api.data.oauthTokenData.access_token).not.toBe(
			credentials.trustooOAuth2Api.oauthTokenData.access_token,
		);
		expect(sb.requests.filter((request) => request.endpoint === 'oauthToken')).toHaveLength(1);
	});
});

describe('writes are not repeated once they may have reached Trustoo', () => {
	const ambiguous = [
		['HTTP 500', { kind: 'status', status: 500 }],
		['HTTP 503', { kind: 'status', status: 503 }],
		['a reset connection', { kind: 'reset' }],
		['a cut-off JSON answer', { kind: 'malformed' }],
		['Trustoo code 13', { kind: 'code', code: 13 }],
	];
	for (const operation of OPERATIONS) {
		const expected = operation.retryClass === 'write' ? 1 : 2;
		test.each(ambiguous)(`${operation.label} (${operation.retryClass}) after %s: sent ${expected} time(s)`, async (_label, fault) => {
			const { sb } = ctx;
			const parameters = { resource: operation.resource, operation: operation.operation, ...S.validParameters(sb, operation) };
			sb.setFault({ ...fault, endpoint: operation.endpoint, times: 1 });
			const result = await S.run(sb, parameters, { authentication: operation.authentication });
			expect(requestsTo(sb, operation.endpoint)).toHaveLength(expected);
			if (expected === 1) expect(result.error).toBeDefined();
		});

		test(`${operation.label} (${operation.retryClass}) after HTTP 429: sent again`, async () => {
			const { sb } = ctx;
			const parameters = { resource: operation.resource, operation: operation.operation, ...S.validParameters(sb, operation) };
			sb.setFault({ kind: 'status', status: 429, retryAfter: 0, endpoint: operation.endpoint, times: 1 });
			await S.run(sb, parameters, { authentication: operation.authentication });
			expect(requestsTo(sb, operation.endpoint)).toHaveLength(2);
		});
	}

	test('Create Review that times out is not sent again, and Trustoo created it exactly once', async () => {
		const { sb } = ctx;
		const author = `Timeout ${Date.now()}`;
		const before = sb.state.shops[0].reviews.liveCount;
		sb.setFault({ kind: 'delay', ms: 800, endpoint: 'createReview', times: 1 });
		const result = await S.run(sb, { resource: 'review', operation: 'create', rating: 3, author, requestOptions: { timeout: 200 } });
		expect(result.error.message).toBe('The request to Trustoo timed out');
		await sleep(900);
		expect(requestsTo(sb, 'createReview')).toHaveLength(1);
		expect(sb.state.shops[0].reviews.liveCount).toBe(before + 1);
	});

	test('Create Review after a refused connection is sent again (it never reached Trustoo)', async () => {
		const port = await S.closedPort();
		const { publicToken, privateToken } = ctx.sb.demo.shop;
		let late;
		const started = sleep(60).then(async () => {
			late = await S.startSandbox({ port, seed: 7, reviewCount: 10 });
		});
		try {
			const result = await S.run(ctx.sb, { resource: 'review', operation: 'create', rating: 5, author: 'Late server' }, {
				credentials: { trustooApi: { publicToken, privateToken, baseUrl: `http://127.0.0.1:${port}` } },
			});
			await started;
			expect(result.error).toBeUndefined();
			expect(late.requests.filter((request) => request.endpoint === 'createReview')).toHaveLength(1);
			expect(late.state.shops[0].reviews.liveCount).toBe(11);
		} finally {
			await started;
			await late?.close();
		}
	});

	test('a refused connection that never recovers: tried 1 + Max Retries times, then a clear error', async () => {
		const port = await S.closedPort();
		const { publicToken, privateToken } = ctx.sb.demo.shop;
		const result = await S.run(ctx.sb, { resource: 'review', operation: 'create', rating: 5, author: 'Nobody home', options: { maxRetries: 2 } }, {
			credentials: { trustooApi: { publicToken, privateToken, baseUrl: `http://127.0.0.1:${port}` } },
		});
		expect(result.error.message).toBe('The connection to Trustoo was refused');
		expect(result.error.context.attempts).toBe(3);
	});
});
