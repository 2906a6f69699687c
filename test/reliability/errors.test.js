'use strict';
/**
 * Error messages (transport/errors.ts): every Trustoo code of the reference's §9 and every
 * HTTP-level failure (DNS, refused connection, TLS, timeout, reset, unreadable answer, HTTP
 * statuses) becomes a message a merchant understands, with Trustoo's request ID when there is
 * one, and without stack traces. A timestamp rejected for clock skew says so.
 */
const S = require('./support');

const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const https = require('node:https');
const os = require('node:os');
const path = require('node:path');

const ctx = S.useSandbox();
const NO_RETRIES = { options: { maxRetries: 0 } };

/** Request id of the sandbox's answer to the last recorded request. */
const lastRequestId = (sb) => sb.requests[sb.requests.length - 1]?.response?.request_id;

function expectReadable(error) {
	expect(error).toBeDefined();
	expect(error.message).not.toMatch(S.STACK_TRACE);
	expect(error.description ?? '').not.toMatch(S.STACK_TRACE);
	expect(JSON.stringify(error.context)).not.toMatch(S.STACK_TRACE);
	// Not n8n's generic texts ("The service was not able to process your request", ...).
	expect(error.message).toMatch(/Trustoo|TrustWILL|Authentication failed|Not found|It already exists/);
}

describe('every Trustoo code (reference §9) has a message and the request ID', () => {
	const CODES = [
		[1, /^Trustoo canceled the request/],
		[3, /^Trustoo rejected a parameter/],
		[4, /^Trustoo did not finish the request in time/],
		[5, /^Not found/],
		[6, /^It already exists/],
		[8, /^Trustoo refused the operation/],
		[13, /^Trustoo had an internal error/],
		[16, /^Authentication failed/],
		[7, /^Trustoo returned error code 7/],
	];
	test.each(CODES)('code %i', async (code, title) => {
		const { sb } = ctx;
		sb.setFault({ kind: 'code', code, message: `sandbox says ${code}`, endpoint: 'getRating' });
		const result = await S.run(sb, { resource: 'rating', operation: 'get', ...NO_RETRIES });
		const { error } = result;
		expectReadable(error);
		expect(error.message).toMatch(title);
		expect(error.message).toContain(`sandbox says ${code}`);
		const requestId = lastRequestId(sb);
		expect(requestId).toMatch(/^[0-9a-f]{32}$/);
		expect(error.description).toContain(`Trustoo request ID: ${requestId}`);
		expect(error.description).toContain(`Trustoo code ${code}`);
		expect(error.context).toMatchObject({ trustooCode: code, requestId, itemIndex: 0 });
	});

	test('code 5 from the API itself: an unknown review', async () => {
		const result = await S.run(ctx.sb, { resource: 'review', operation: 'get', reviewId: '999999999999' });
		expectReadable(result.error);
		expect(result.error.message).toBe('Not found: review not found: 999999999999');
		expect(result.error.description).toContain(`Trustoo request ID: ${lastRequestId(ctx.sb)}`);
	});

	test('code 16 from the API itself: a wrong Private Token', async () => {
		const { sb } = ctx;
		const credentials = S.hmacCredentials(sb, { privateToken: 'not-the-private-token' });
		const result = await S.run(sb, { resource: 'rating', operation: 'get' }, { credentials });
		expectReadable(result.error);
		expect(result.error.message).toBe('Authentication failed: signature mismatch');
		expect(result.error.description).toMatch(/Public Token and Private Token/);
		expect(sb.requests).toHaveLength(1); // not retried
	});

	test('code 8 from the API itself: an OAuth2 token without the scope', async () => {
		const { sb } = ctx;
		const credentials = S.oauthCredentials(sb, { oauthTokenData: sb.issueToken({ scopes: ['read_orders'] }) });
		const result = await S.run(sb, { resource: 'review', operation: 'getAll', limit: 1 }, { authentication: 'oAuth2', credentials });
		expectReadable(result.error);
		expect(result.error.message).toBe('Trustoo refused the operation: access token lacks scope read_reviews');
		// The advice names the scope this operation needs (from api.ts), not only "a scope".
		expect(result.error.description).toMatch(/^The access token may lack the scope this operation needs, read_reviews: add it to the OAuth2 credential’s Scope and reconnect\./);
	});

	test('a duplicate webhook (code 6) from the API itself', async () => {
		const { sb } = ctx;
		const parameters = { resource: 'webhook', operation: 'create', topic: 'review/created', url: `https://hooks.example.com/dup-${Date.now()}` };
		expect((await S.run(sb, parameters)).error).toBeUndefined();
		const result = await S.run(sb, parameters);
		expectReadable(result.error);
		expect(result.error.message).toMatch(/^It already exists: webhook already exists/);
	});
});

describe('clock skew', () => {
	test('"timestamp expired" (code 16) is reported as a clock problem', async () => {
		const { sb } = ctx;
		sb.setFault({ kind: 'code', code: 16, message: 'timestamp expired: more than 900 s from server time', endpoint: 'getRating' });
		const result = await S.run(sb, { resource: 'rating', operation: 'get' });
		expectReadable(result.error);
		expect(result.error.message).toMatch(/^Trustoo rejected the request’s timestamp: the clock of this machine is wrong/);
		expect(result.error.description).toMatch(/15 minutes/);
		expect(result.error.description).toMatch(/NTP/);
		expect(result.error.description).toContain(`Trustoo request ID: ${lastRequestId(sb)}`);
		expect(sb.requests).toHaveLength(1);
	});

	describe('with this machine’s clock 20 minutes ahead of a sandbox in another process', () => {
		let child;
		let remote;
		beforeAll(async () => {
			const script = `require(${JSON.stringify(path.join(S.ROOT, 'test/sandbox/server.js'))}).startSandbox({ port: 0, reviewCount: 5 }).then((sb) => console.log(JSON.stringify({ url: sb.url, shop: sb.demo.shop })))`;
			child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
			remote = await new Promise((resolve, reject) => {
				let output = '';
				child.stdout.on('data', (chunk) => {
					output += chunk;
					if (output.includes('\n')) resolve(JSON.parse(output.split('\n')[0]));
				});
				child.on('exit', (code) => reject(new Error(`sandbox exited with ${code}`)));
			});
		});
		afterAll(() => child?.kill());
		afterEach(() => jest.useRealTimers());

		test('the message says the clock is wrong, and by how much', async () => {
			// Fake only Date: the HTTP stack still needs real timers.
			jest.useFakeTimers({
				now: Date.now() + 20 * 60 * 1000,
				doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'],
			});
			const credentials = { trustooApi: { publicToken: remote.shop.publicToken, privateToken: remote.shop.privateToken, baseUrl: remote.url } };
			const result = await S.run(ctx.sb, { resource: 'rating', operation: 'get' }, { credentials });
			expectReadable(result.error);
			expect(result.error.message).toMatch(/^Trustoo rejected the request’s timestamp: the clock of this machine is wrong/);
			expect(result.error.description).toMatch(/about 20 minutes ahead of Trustoo’s/);
			expect(result.error.context.attempts).toBe(1);
		});
	});
});

describe('HTTP statuses', () => {
	test.each([
		[401, 'Trustoo refused the credentials (HTTP 401)', /Public Token and Private Token/],
		[403, 'Trustoo refused the credentials (HTTP 403)', /Public Token and Private Token/],
		[429, 'Trustoo is rate limiting these requests (HTTP 429)', /Too many requests/],
		[500, 'Trustoo had a server error (HTTP 500)', /TrustWILL service failed/],
		[502, 'Trustoo had a server error (HTTP 502)', /TrustWILL service failed/],
		[503, 'Trustoo had a server error (HTTP 503)', /TrustWILL service failed/],
		// Other statuses: the envelope's code decides (the sandbox answers code 13 with them).
		[400, 'Trustoo had an internal error: injected HTTP 400', /TrustWILL support/],
	])('HTTP %i', async (status, message, description) => {
		const { sb } = ctx;
		sb.setFault({ kind: 'status', status, endpoint: 'getRating' });
		const result = await S.run(sb, { resource: 'rating', operation: 'get', ...NO_RETRIES });
		expectReadable(result.error);
		expect(result.error.message).toBe(message);
		expect(result.error.description).toMatch(description);
		expect(result.error.httpCode).toBe(String(status));
		expect(result.error.description).toContain(`Trustoo request ID: ${lastRequestId(sb)}`);
	});

	test('OAuth2: HTTP 401 asks to reconnect the credential', async () => {
		const { sb } = ctx;
		sb.setFault({ kind: 'status', status: 401, endpoint: 'getRating' });
		const result = await S.run(sb, { resource: 'rating', operation: 'get' }, { authentication: 'oAuth2' });
		expectReadable(result.error);
		expect(result.error.message).toBe('Trustoo refused the credentials (HTTP 401)');
		expect(result.error.description).toMatch(/reconnect the credential/);
	});

	test('OAuth2: a refresh token that Trustoo refuses asks to reconnect', async () => {
		const { sb } = ctx;
		const credentials = S.oauthCredentials(sb, { oauthTokenData: { access_token: 'expired-access-token', refresh_token: 'revoked-refresh-token', token_type: 'Bearer' } });
		const result = await S.run(sb, { resource: 'rating', operation: 'get' }, { authentication: 'oAuth2', credentials });
		expectReadable(result.error);
		expect(result.error.message).toBe('The OAuth2 access token for Trustoo could not be obtained or refreshed');
		expect(result.error.description).toMatch(/Reconnect the credential/);
	});

	test('a wrong Base URL (HTTP 404) points at the Base URL', async () => {
		const { sb } = ctx;
		const result = await S.run(sb, { resource: 'rating', operation: 'get' }, { credentials: S.hmacCredentials(sb, { baseUrl: `${sb.url}/v2` }) });
		expectReadable(result.error);
		expect(result.error.message).toBe('Trustoo answered with HTTP 404');
		expect(result.error.description).toMatch(/Base URL/);
	});
});

describe('network failures', () => {
	test('DNS: the host name does not resolve', async () => {
		const { sb } = ctx;
		const result = await S.run(sb, { resource: 'rating', operation: 'get', ...NO_RETRIES }, {
			credentials: S.hmacCredentials(sb, { baseUrl: 'http://trustoo-sandbox.invalid' }),
		});
		expectReadable(result.error);
		expect(result.error.message).toBe('The Trustoo host name could not be resolved (DNS)');
		expect(result.error.description).toMatch(/Base URL/);
		expect(['ENOTFOUND', 'EAI_AGAIN']).toContain(result.error.context.networkError);
	});

	test('a refused connection', async () => {
		const { sb } = ctx;
		const port = await S.closedPort();
		const result = await S.run(sb, { resource: 'rating', operation: 'get', ...NO_RETRIES }, {
			credentials: S.hmacCredentials(sb, { baseUrl: `http://127.0.0.1:${port}` }),
		});
		expectReadable(result.error);
		expect(result.error.message).toBe('The connection to Trustoo was refused');
		expect(result.error.context.networkError).toBe('ECONNREFUSED');
	});

	test('TLS: https:// to a server that does not speak TLS', async () => {
		const { sb } = ctx;
		const result = await S.run(sb, { resource: 'rating', operation: 'get' }, {
			credentials: S.hmacCredentials(sb, { baseUrl: sb.url.replace('http:', 'https:') }),
		});
		expectReadable(result.error);
		expect(result.error.message).toBe('The secure (TLS) connection to Trustoo failed');
		expect(result.error.context.attempts).toBe(1); // not worth repeating
		expect(sb.requests).toHaveLength(0);
	});

	const openssl = spawnSync('openssl', ['version']).status === 0;
	(openssl ? test : test.skip)('TLS: a certificate that cannot be verified', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trustoo-tls-'));
		const key = path.join(dir, 'key.pem');
		const cert = path.join(dir, 'cert.pem');
		const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1']);
		expect(made.status).toBe(0);
		const server = https.createServer({ key: fs.readFileSync(key), cert: fs.readFileSync(cert) }, (req, res) => res.end('{}'));
		await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
		try {
			const result = await S.run(ctx.sb, { resource: 'rating', operation: 'get' }, {
				credentials: S.hmacCredentials(ctx.sb, { baseUrl: `https://127.0.0.1:${server.address().port}` }),
			});
			expectReadable(result.error);
			expect(result.error.message).toBe('The secure (TLS) connection to Trustoo failed');
			expect(result.error.description).toMatch(/certificate/);
			expect(result.error.context.networkError).toMatch(/SELF_SIGNED|CERT/);
		} finally {
			await new Promise((resolve) => server.close(resolve));
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});

	test('a timeout (Settings → Request Options → Timeout)', async () => {
		const { sb } = ctx;
		sb.setFault({ kind: 'delay', ms: 600, endpoint: 'getRating' });
		const result = await S.run(sb, { resource: 'rating', operation: 'get', requestOptions: { timeout: 150 }, ...NO_RETRIES });
		expectReadable(result.error);
		expect(result.error.message).toBe('The request to Trustoo timed out');
		expect(result.error.description).toMatch(/Timeout/);
		await new Promise((resolve) => setTimeout(resolve, 600));
	});

	test('an interrupted connection', async () => {
		const { sb } = ctx;
		sb.setFault({ kind: 'reset', endpoint: 'getRating' });
		const result = await S.run(sb, { resource: 'rating', operation: 'get', ...NO_RETRIES });
		expectReadable(result.error);
		expect(result.error.message).toBe('The connection to Trustoo was interrupted');
	});

	test('an answer cut off halfway', async () => {
		const { sb } = ctx;
		sb.setFault({ kind: 'malformed', endpoint: 'getRating' });
		const result = await S.run(sb, { resource: 'rating', operation: 'get', ...NO_RETRIES });
		expectReadable(result.error);
		expect(result.error.message).toBe('Trustoo sent an answer that is not valid JSON');
	});

	test('after retries the error says how many times the node tried', async () => {
		const { sb } = ctx;
		sb.setFault({ kind: 'status', status: 500, endpoint: 'getRating' });
		const result = await S.run(sb, { resource: 'rating', operation: 'get', options: { maxRetries: 2 } });
		expect(result.error.description).toMatch(/The node tried 3 times\.$/);
	});

	test('with Continue On Fail, the error item carries the same message', async () => {
		const { sb } = ctx;
		sb.setFault({ kind: 'status', status: 503, endpoint: 'getRating' });
		const result = await S.run(sb, { resource: 'rating', operation: 'get', ...NO_RETRIES }, { continueOnFail: true });
		expect(result.error).toBeUndefined();
		const [error] = S.itemErrors(result);
		expect(error.message).toBe('Trustoo had a server error (HTTP 503)');
		expect(result.items[0].error).toBe('Trustoo had a server error (HTTP 503)');
	});
});

describe('other failures keep their cause, without addresses', () => {
	const errors = require(path.join(S.ROOT, 'dist/nodes/Trustoo/transport/errors.js'));
	const node = { id: '1', name: 'TrustWILL', type: 'n8n-nodes-trustoo.trustoo', typeVersion: 1, position: [0, 0], parameters: {} };

	test('an unknown failure: its message is quoted (one line), any URL in it is left out', () => {
		const thrown = new Error('socket hung up while sending\n to https://rapi.trustoo.io/api/v1/openapi/get_shop_install_status?client_secret=s3cr3t-value');
		const failure = errors.inspectHttpFailure(thrown);
		expect(failure).toEqual({ detail: 'socket hung up while sending to <address>' });
		const error = errors.httpError(node, failure);
		expect(error.message).toBe('The request to Trustoo failed');
		expect(error.description).toContain('n8n reported: “socket hung up while sending to <address>”');
		expect(JSON.stringify(error)).not.toContain('s3cr3t-value');
	});

	test('a network code still wins over the message', () => {
		const thrown = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
		expect(errors.inspectHttpFailure(thrown)).toEqual({ code: 'ECONNREFUSED' });
	});
});
