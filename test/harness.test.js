/**
 * Proves the harness: a fixture declarative node runs through n8n-core's WorkflowExecute with the
 * package's compiled credentials, against a small local server started here.
 */
const { runNode, createCredentialStore, createCredentialTypes, HarnessCredentialsHelper } = require('./harness');

const { createHmac } = require('node:crypto');
const http = require('node:http');

const FIXTURE = 'test/harness/fixtures/EchoFixture.node.js';
const TOKEN_PATH = '/api/v1/openapi/oauth/token';
const PUBLIC_TOKEN = 'GfKu22TCaj4gULtrA3/OgA==';
const PRIVATE_TOKEN = 'test_private_token';
const CLIENT_ID = 'harness-client';
const CLIENT_SECRET = 'harness-client-secret';

/** Recomputes Trustoo's signature from what arrived on the wire, independently of the package. */
function expectedSign(request) {
	const query = request.url.split('?')[1] ?? '';
	const pairs = query === '' ? [] : query.split('&').map((pair) => pair.split('=').map(decodeURIComponent));
	pairs.push(['timestamp', request.headers.timestamp]);
	pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	const canonical = pairs.map(([key, value]) => `${key}=${value}`).join('&');
	const message = request.body ? `${canonical}|${request.body}` : canonical;
	return createHmac('sha256', PRIVATE_TOKEN).update(message, 'utf8').digest('hex');
}

/** Echo server with an OAuth2 token endpoint; `rejectTokens` answers 401 to those Bearer tokens. */
function startTestServer() {
	const state = { requests: [], tokenRequests: [], responses: [], issued: 0, rejectTokens: new Set() };

	const server = http.createServer((req, res) => {
		let body = '';
		req.setEncoding('utf8');
		req.on('data', (chunk) => (body += chunk));
		req.on('end', () => {
			const url = new URL(req.url, 'http://localhost');
			const send = (status, payload) => {
				res.writeHead(status, { 'Content-Type': 'application/json' });
				res.end(JSON.stringify(payload));
			};

			if (url.pathname === TOKEN_PATH) {
				const form = Object.fromEntries(new URLSearchParams(body));
				state.tokenRequests.push({ headers: req.headers, form });
				if (form.client_id !== CLIENT_ID || form.client_secret !== CLIENT_SECRET) {
					return send(400, { error: 'invalid_client' });
				}
				if (form.grant_type === 'refresh_token' && form.refresh_token !== 'refresh-1') {
					return send(400, { error: 'invalid_grant' });
				}
				state.issued += 1;
				return send(200, {
					access_token: `token-${state.issued}`,
					token_type: 'Bearer',
					expires_in: 3600,
					refresh_token: 'refresh-1',
					scope: form.scope ?? 'read_reviews',
				});
			}

			const request = { method: req.method, url: req.url, path: url.pathname, headers: req.headers, body };
			state.requests.push(request);
			const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
			if (bearer && state.rejectTokens.has(bearer)) {
				return send(401, { code: 16, message: 'invalid access token' });
			}
			if (url.pathname === '/status') {
				const status = Number(url.searchParams.get('code'));
				return send(status, { code: 3, message: `invalid argument: status ${status}` });
			}
			const payload = {
				code: 0,
				message: 'success',
				data: {
					method: req.method,
					query: Object.fromEntries(url.searchParams),
					body: body ? JSON.parse(body) : null,
					n: state.requests.length,
				},
			};
			state.responses.push(payload);
			return send(200, payload);
		});
	});

	return new Promise((resolve) => {
		server.listen(0, '127.0.0.1', () => {
			const baseUrl = `http://127.0.0.1:${server.address().port}`;
			const close = () => new Promise((done) => server.close(done));
			resolve({ ...state, state, baseUrl, close });
		});
	});
}

let server;
const apiCredentials = () => ({
	trustooApi: { publicToken: PUBLIC_TOKEN, privateToken: PRIVATE_TOKEN, baseUrl: `${server.baseUrl}/` },
});
const oauthCredentials = (extra = {}) => ({
	trustooOAuth2Api: {
		baseUrl: server.baseUrl,
		clientId: CLIENT_ID,
		clientSecret: CLIENT_SECRET,
		grantType: 'clientCredentials',
		scope: 'read_reviews write_reviews',
		...extra,
	},
});

beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	await server.close();
});
beforeEach(() => {
	const { state } = server;
	state.requests.length = 0;
	state.tokenRequests.length = 0;
	state.responses.length = 0;
	state.rejectTokens.clear();
});

describe('HMAC credential (trustooApi)', () => {
	test('GET is signed, sent without Authorization, and its answer is the output', async () => {
		const result = await runNode({
			nodeTypeFile: FIXTURE,
			parameters: { operation: 'get', page: 2, pageSize: 10, productIds: '123' },
			credentials: apiCredentials(),
		});

		expect(result.error).toBeUndefined();
		expect(server.requests).toHaveLength(1);
		const [request] = server.requests;
		expect(request.method).toBe('GET');
		expect(request.url).toBe('/echo?page=2&page_size=10&product_ids=123');
		expect(request.headers['public-token']).toBe(PUBLIC_TOKEN);
		expect(request.headers.timestamp).toMatch(/^\d{10}$/);
		expect(Math.abs(Number(request.headers.timestamp) - Date.now() / 1000)).toBeLessThan(60);
		expect(request.headers.sign).toBe(expectedSign(request));
		expect(request.headers).not.toHaveProperty('authorization');
		expect(result.items).toEqual([server.responses[0]]);
		expect(result.outputs).toHaveLength(1);
	});

	test('POST body is signed as `query|body` and sent byte-identical', async () => {
		const result = await runNode({
			nodeTypeFile: FIXTURE,
			parameters: { operation: 'post', url: 'https://example.com/webhook', topic: 'review/created' },
			credentials: apiCredentials(),
		});

		expect(result.error).toBeUndefined();
		const [request] = server.requests;
		expect(request.method).toBe('POST');
		expect(request.body).toBe('{"topic":"review/created","url":"https://example.com/webhook"}');
		expect(request.headers['content-type']).toBe('application/json');
		expect(request.headers.sign).toBe(expectedSign(request));
		expect(request.headers).not.toHaveProperty('authorization');
		expect(result.items).toEqual([server.responses[0]]);
	});

	describe('with the clock at the reference timestamp', () => {
		beforeEach(() => {
			// Fake only Date: the HTTP stack still needs real timers.
			jest.useFakeTimers({
				now: new Date(1700465771000),
				doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'],
			});
		});
		afterEach(() => jest.useRealTimers());

		test('the engine sends the reference Sign values', async () => {
			await runNode({ nodeTypeFile: FIXTURE, parameters: { operation: 'get', page: 1, pageSize: 10, productIds: '123' }, credentials: apiCredentials() });
			await runNode({ nodeTypeFile: FIXTURE, parameters: { operation: 'post', topic: 'review/created', url: 'https://example.com/webhook' }, credentials: apiCredentials() });

			const [get, post] = server.requests;
			expect(get.headers.timestamp).toBe('1700465771');
			expect(get.headers.sign).toBe('482c8b74b80af7df309486197c43b822e7c214ff6c30423438ea2a6b0a64be53');
			expect(post.headers.sign).toBe('7cdad4fe5f84de116c402b58ca3ccbc85ed96fbe3c272e64e381ca3ded5751f3');
		});
	});

	test('every input item is one request; expressions resolve per item', async () => {
		const result = await runNode({
			nodeTypeFile: FIXTURE,
			parameters: { operation: 'get', productIds: '={{ $json.productId }}' },
			inputItems: [{ json: { productId: '111' } }, { productId: '12345678901234567' }],
			credentials: apiCredentials(),
		});

		expect(result.error).toBeUndefined();
		expect(server.requests.map((request) => new URL(request.url, 'http://x').searchParams.get('product_ids'))).toEqual([
			'111',
			'12345678901234567',
		]);
		for (const request of server.requests) expect(request.headers.sign).toBe(expectedSign(request));
		expect(result.items).toHaveLength(2);
	});

	test('the private token appears in no log line', async () => {
		const result = await runNode({ nodeTypeFile: FIXTURE, parameters: { operation: 'get' }, credentials: apiCredentials() });
		expect(result.logs.length).toBeGreaterThan(0);
		expect(result.logs.some((entry) => entry.message.includes('Running node "Node"'))).toBe(true);
		expect(result.logs.map((entry) => entry.text).join('\n')).not.toContain(PRIVATE_TOKEN);
	});
});

describe('OAuth2 credential (trustooOAuth2Api)', () => {
	test('client_credentials: fetches a token, sends it as Bearer, and stores it', async () => {
		const result = await runNode({
			nodeTypeFile: FIXTURE,
			parameters: { authentication: 'oAuth2', operation: 'get', productIds: '9' },
			credentials: oauthCredentials(),
		});

		expect(result.error).toBeUndefined();
		// The token URL is the credential's `$self["baseUrl"]` expression default.
		expect(server.tokenRequests).toHaveLength(1);
		expect(server.tokenRequests[0].form).toEqual({
			grant_type: 'client_credentials',
			scope: 'read_reviews write_reviews',
			client_id: CLIENT_ID,
			client_secret: CLIENT_SECRET,
		});
		const [request] = server.requests;
		expect(request.headers.authorization).toBe('Bearer token-1');
		expect(request.headers).not.toHaveProperty('sign');
		expect(request.headers).not.toHaveProperty('public-token');
		expect(result.items).toEqual([server.responses[0]]);

		const stored = result.credentialStore.trustooOAuth2Api;
		expect(stored.data.oauthTokenData).toMatchObject({ access_token: 'token-1', refresh_token: 'refresh-1' });
		expect(stored.updates.map((update) => update.kind)).toEqual(['oauthTokenData']);
	});

	test('a stored token is reused from the credential store without a token request', async () => {
		const first = await runNode({ nodeTypeFile: FIXTURE, parameters: { authentication: 'oAuth2' }, credentials: oauthCredentials() });
		const second = await runNode({ nodeTypeFile: FIXTURE, parameters: { authentication: 'oAuth2' }, credentialStore: first.credentialStore });

		expect(second.error).toBeUndefined();
		expect(server.tokenRequests).toHaveLength(1);
		expect(server.requests.map((request) => request.headers.authorization)).toEqual([
			`Bearer ${first.credentialStore.trustooOAuth2Api.data.oauthTokenData.access_token}`,
			`Bearer ${first.credentialStore.trustooOAuth2Api.data.oauthTokenData.access_token}`,
		]);
	});

	test('client_credentials: a 401 fetches a new token, retries, and stores it', async () => {
		server.rejectTokens.add('expired-token');
		const result = await runNode({
			nodeTypeFile: FIXTURE,
			parameters: { authentication: 'oAuth2', operation: 'get' },
			credentials: oauthCredentials({ oauthTokenData: { access_token: 'expired-token', token_type: 'Bearer' } }),
		});

		expect(result.error).toBeUndefined();
		expect(server.tokenRequests.map((request) => request.form.grant_type)).toEqual(['client_credentials']);
		expect(server.requests.map((request) => request.headers.authorization)).toEqual([
			'Bearer expired-token',
			expect.stringMatching(/^Bearer token-\d+$/),
		]);
		const newToken = server.requests[1].headers.authorization.slice('Bearer '.length);
		const stored = result.credentialStore.trustooOAuth2Api;
		expect(stored.data.oauthTokenData.access_token).toBe(newToken);
		expect(stored.updates).toHaveLength(1);
		expect(result.items).toEqual([server.responses[0]]);
	});

	test('authorization code: a 401 refreshes with the refresh token', async () => {
		server.rejectTokens.add('old-token');
		const result = await runNode({
			nodeTypeFile: FIXTURE,
			parameters: { authentication: 'oAuth2', operation: 'get' },
			credentials: oauthCredentials({
				grantType: 'authorizationCode',
				oauthTokenData: { access_token: 'old-token', refresh_token: 'refresh-1', token_type: 'Bearer' },
			}),
		});

		expect(result.error).toBeUndefined();
		expect(server.tokenRequests).toHaveLength(1);
		expect(server.tokenRequests[0].form).toMatchObject({ grant_type: 'refresh_token', refresh_token: 'refresh-1' });
		expect(server.requests[1].headers.authorization).toMatch(/^Bearer token-\d+$/);
		expect(result.credentialStore.trustooOAuth2Api.data.oauthTokenData.access_token).toBe(
			server.requests[1].headers.authorization.slice('Bearer '.length),
		);
	});

	test('authorization code without a connected token fails as in n8n', async () => {
		const result = await runNode({
			nodeTypeFile: FIXTURE,
			parameters: { authentication: 'oAuth2' },
			credentials: oauthCredentials({ grantType: 'authorizationCode' }),
		});
		expect(result.error).toBeDefined();
		// n8n fills `oauthTokenData` with its `{}` default, so it fails at signing, not at "not connected".
		expect(result.error.message).toMatch(/Unable to sign without access token/);
		expect(server.requests).toHaveLength(0);
	});
});

describe('errors', () => {
	test('an HTTP error surfaces in `error` as the NodeApiError n8n throws', async () => {
		const result = await runNode({
			nodeTypeFile: FIXTURE,
			parameters: { operation: 'status', statusCode: 500 },
			credentials: apiCredentials(),
		});

		expect(result.items).toEqual([]);
		expect(result.error).toBeInstanceOf(Error);
		expect(result.error.constructor.name).toBe('NodeApiError');
		expect(result.error.httpCode).toBe('500');
		expect(result.error.message).toEqual(expect.any(String));
		expect(result.error.description).toBe('invalid argument: status 500');
		expect(result.error.context).toMatchObject({ itemIndex: 0, runIndex: 0 });
		expect(result.error.node.name).toBe('Node');
	});

	test('continueOnFail turns the failure into an error item', async () => {
		const result = await runNode({
			nodeTypeFile: FIXTURE,
			parameters: { operation: 'status', statusCode: 500 },
			credentials: apiCredentials(),
			continueOnFail: true,
			inputItems: [{ n: 1 }],
		});

		expect(result.error).toBeUndefined();
		expect(result.outputs[0]).toHaveLength(1);
		const [item] = result.outputs[0];
		expect(item.error).toBeInstanceOf(Error);
		expect(item.error.description).toBe('invalid argument: status 500');
		expect(result.items).toEqual([{ error: item.error.message }]);
	});

	test("onError 'continueErrorOutput' routes the error item to the error output", async () => {
		const result = await runNode({
			nodeTypeFile: FIXTURE,
			parameters: { operation: 'status', statusCode: 404 },
			credentials: apiCredentials(),
			onError: 'continueErrorOutput',
		});
		expect(result.error).toBeUndefined();
		expect(result.outputs[0]).toEqual([]);
		expect(result.outputs[1]).toHaveLength(1);
		expect(result.outputs[1][0].json.error).toEqual(expect.any(String));
	});

	test('on a 401 n8n re-authenticates once; both attempts are validly signed', async () => {
		const result = await runNode({
			nodeTypeFile: FIXTURE,
			parameters: { operation: 'status', statusCode: 401 },
			credentials: apiCredentials(),
		});
		expect(result.error.httpCode).toBe('401');
		expect(server.requests).toHaveLength(2);
		for (const request of server.requests) expect(request.headers.sign).toBe(expectedSign(request));
	});

	test('a node without the chosen credential fails with n8n’s message', async () => {
		const result = await runNode({ nodeTypeFile: FIXTURE, parameters: { authentication: 'oAuth2' }, credentials: apiCredentials() });
		expect(result.error.message).toMatch(/does not have any credentials set for "trustooOAuth2Api"/);
		expect(server.requests).toHaveLength(0);
	});
});

describe('HarnessCredentialsHelper', () => {
	test('applies defaults of the type and its `extends` parents and resolves `$self` expressions', async () => {
		const store = createCredentialStore({
			trustooOAuth2Api: { baseUrl: 'https://sandbox.example/', clientId: 'id', clientSecret: 'secret' },
		});
		const helper = new HarnessCredentialsHelper(createCredentialTypes(), store);
		const { id } = store.trustooOAuth2Api;
		const data = await helper.getDecrypted({ variables: {} }, { id, name: 'x' }, 'trustooOAuth2Api', 'manual');

		expect(helper.getParentTypes('trustooOAuth2Api')).toEqual(['oAuth2Api']);
		expect(data).toMatchObject({
			baseUrl: 'https://sandbox.example/',
			grantType: 'authorizationCode',
			authUrl: 'https://sandbox.example/api/v1/openapi/oauth/authorize',
			accessTokenUrl: 'https://sandbox.example/api/v1/openapi/oauth/token',
			authentication: 'body',
			authQueryParameters: '',
			clientId: 'id',
			clientSecret: 'secret',
		});
		expect(data.scope.split(' ')).toContain('read_reviews');
		// The raw stored data is untouched.
		expect(await helper.getDecrypted({}, { id }, 'trustooOAuth2Api', 'manual', undefined, true)).toEqual(store.trustooOAuth2Api.data);
	});

	test('fills trustooApi defaults (baseUrl) like n8n', async () => {
		const store = createCredentialStore({ trustooApi: { publicToken: 'p', privateToken: 'k' } });
		const helper = new HarnessCredentialsHelper(createCredentialTypes(), store);
		const data = await helper.getDecrypted({ variables: {} }, { id: store.trustooApi.id }, 'trustooApi', 'manual');
		expect(data).toEqual({ publicToken: 'p', privateToken: 'k', baseUrl: 'https://rapi.trustoo.io' });
		expect(helper.getParentTypes('trustooApi')).toEqual([]);
	});
});
