/**
 * Platform (OAuth2 only): getAuthorizationUrl, getAuthorizationInfo, getInstallStatus, disconnect,
 * cancelAuthorization and revokeToken with both OAuth2 grant types; and a clear error naming the
 * OAuth2 credential, with nothing sent, when run with the API token credential.
 */
const { NodeOperationError } = require('n8n-workflow');
const {
	api,
	API_KEY_MODE,
	OAUTH_MODES,
	useSandbox,
	run,
	runOk,
	originalError,
	queryOf,
	expectBearer,
	expectNoSecrets,
	credentialsFor,
} = require('../support/node-runner');

const ctx = useSandbox({ reviewCount: 20 });
const SCOPES = ['read_reviews', 'write_reviews', 'read_shop_install_status'];

/**
 * Method, path, platform auth, no HMAC headers, and Trustoo's success code. Client-authenticated
 * endpoints carry no Authorization header: Trustoo would check it as a Bearer token (reference §2.1).
 */
function expectPlatformRequest(request, endpoint) {
	const { method, path, auth } = api.ENDPOINTS[endpoint];
	expect(request.method).toBe(method);
	expect(request.path).toBe(path);
	expect(request.auth).toBe(auth === 'platform' ? 'platform' : 'bearer');
	expect(request.headers).not.toHaveProperty('public-token');
	expect(request.headers).not.toHaveProperty('sign');
	if (auth === 'platform') expect(request.headers).not.toHaveProperty('authorization');
	expect(request.code).toBe(0);
}

/** A request with only this Bearer token, sent here: Trustoo's verdict on the token. */
async function tokenAccepted(accessToken) {
	const response = await fetch(`${ctx.sb.url}${api.ENDPOINTS.getRating.path}?is_store_rating=1`, {
		headers: { Authorization: `Bearer ${accessToken}` },
	});
	const envelope = await response.json();
	return { status: response.status, code: envelope.code, accepted: response.status === 200 && envelope.code === 0 };
}

const grantOf = (shop = 'demo') => ctx.sb.oauth.grant(ctx.sb.demo.oauth.clientId, shop);

describe('platform with the API token credential', () => {
	test.each([
		['getAuthorizationUrl', { redirectUri: 'http://localhost:3000/oauth/callback' }],
		['getAuthorizationInfo', { shop: '59730165893' }],
		['getInstallStatus', { shop: '59730165893' }],
		['disconnect', {}],
		['cancelAuthorization', { shop: '59730165893' }],
		['revokeToken', { tokenToRevoke: 'custom', token: 'some-token-value' }],
	])('%s: a NodeOperationError naming the OAuth2 credential, nothing sent', async (operation, parameters) => {
		const full = { resource: 'platform', operation, ...parameters };
		const failed = await run(ctx.sb, API_KEY_MODE, full);
		expect(failed.error).toBeDefined();
		expect(failed.error.message).toMatch(/needs the TrustWILL \(Trustoo\) OAuth2 API credential/);
		expect(failed.error.description).toMatch(/Set Authentication to "OAuth2"/);
		const { original, item } = await originalError(ctx.sb, API_KEY_MODE, full);
		expect(original).toBeInstanceOf(NodeOperationError);
		expect(original.message).toMatch(/OAuth2 API credential/);
		expect(item.error).toMatch(/OAuth2 API credential/);
		expect(ctx.sb.requests).toHaveLength(0);
		expectNoSecrets(ctx.sb, failed);
	});
});

describe.each(OAUTH_MODES)('platform with $label', (mode) => {
	const options = () => ({ credentialOptions: { scopes: SCOPES } });

	test('getAuthorizationUrl: client ID (no secret), redirect URI, state and the credential’s scope; the URL works', async () => {
		const redirectUri = ctx.sb.demo.oauth.redirectUri;
		const result = await runOk(
			ctx.sb,
			mode,
			{ resource: 'platform', operation: 'getAuthorizationUrl', redirectUri, additionalFields: { state: 'xyz 123' } },
			options(),
		);

		expect(result.requests).toHaveLength(1);
		const [request] = result.requests;
		expectPlatformRequest(request, 'getAuthorizationUrl');
		expect(queryOf(request)).toEqual({
			client_id: ctx.sb.demo.oauth.clientId,
			redirect_uri: redirectUri,
			state: 'xyz 123',
			scope: SCOPES.join(' '),
		});
		expect(request.rawQuery).not.toContain('client_secret');
		expect(result.items).toHaveLength(1);
		const url = new URL(result.items[0].authorize_url);
		expect(`${url.origin}${url.pathname}`).toBe(`${ctx.sb.url}${api.ENDPOINTS.oauthAuthorize.path}`);
		expect(Object.fromEntries(url.searchParams)).toEqual({
			client_id: ctx.sb.demo.oauth.clientId,
			redirect_uri: redirectUri,
			state: 'xyz 123',
			scope: SCOPES.join(' '),
			response_type: 'code',
		});
		// Opening it gives the merchant's approval back to the redirect URI with a code and the state.
		const response = await fetch(result.items[0].authorize_url, { redirect: 'manual' });
		expect(response.status).toBe(302);
		const back = new URL(response.headers.get('location'));
		expect(`${back.origin}${back.pathname}`).toBe(redirectUri);
		expect(back.searchParams.get('state')).toBe('xyz 123');
		expect(back.searchParams.get('code')).toBeTruthy();
		expectNoSecrets(ctx.sb, result);
	});

	test('getAuthorizationUrl: the Scope field overrides the credential’s scope', async () => {
		const result = await runOk(
			ctx.sb,
			mode,
			{
				resource: 'platform',
				operation: 'getAuthorizationUrl',
				redirectUri: 'http://127.0.0.1:5678/rest/oauth2-credential/callback',
				additionalFields: { scope: 'read_reviews read_customer_events' },
			},
			options(),
		);
		expect(queryOf(result.requests[0])).toEqual({
			client_id: ctx.sb.demo.oauth.clientId,
			redirect_uri: 'http://127.0.0.1:5678/rest/oauth2-credential/callback',
			scope: 'read_reviews read_customer_events',
		});
		expect(new URL(result.items[0].authorize_url).searchParams.get('scope')).toBe('read_reviews read_customer_events');
	});

	test('getAuthorizationUrl: a scope the node does not know is sent, and Trustoo’s verdict becomes the error', async () => {
		// Trustoo's full list of scopes is not published, so the node leaves the names to Trustoo.
		const parameters = {
			resource: 'platform',
			operation: 'getAuthorizationUrl',
			redirectUri: ctx.sb.demo.oauth.redirectUri,
			additionalFields: { scope: 'read_reviews read_everything' },
		};
		const result = await run(ctx.sb, mode, parameters, options());
		expect(result.requests).toHaveLength(1);
		expect(queryOf(result.requests[0]).scope).toBe('read_reviews read_everything');
		expect(result.requests[0].code).toBe(3);
		expect(result.error.message).toBe('Trustoo rejected a parameter: invalid argument: scope has unknown values: read_everything');
		expect(result.error.context.trustooCode).toBe(3);
	});

	test.each([
		['shop ID', () => ctx.sb.demo.shop.shopId, 'shop_id'],
		['myshopify domain', () => ctx.sb.demo.shop.myshopifyDomain, 'myshopify_domain'],
	])('getAuthorizationInfo by %s: client credentials in the query; the grant Trustoo holds', async (_label, shop, key) => {
		const result = await runOk(ctx.sb, mode, { resource: 'platform', operation: 'getAuthorizationInfo', shop: shop() }, options());

		expect(result.requests).toHaveLength(1);
		const [request] = result.requests;
		expectPlatformRequest(request, 'getAuthorizationInfo');
		expect(queryOf(request)).toEqual({
			client_id: ctx.sb.demo.oauth.clientId,
			client_secret: ctx.sb.demo.oauth.clientSecret,
			[key]: shop(),
		});
		const grant = grantOf();
		expect(grant.active).toBe(true);
		expect(result.items).toHaveLength(1);
		expect(result.items[0]).toMatchObject({
			is_authorized: true,
			shop_id: ctx.sb.demo.shop.shopId,
			myshopify_domain: ctx.sb.demo.shop.myshopifyDomain,
		});
		expect(result.items[0].granted_scopes.split(' ').sort()).toEqual([...grant.scopes].sort());
		expect(Date.parse(result.items[0].authorized_at)).toBe(Math.floor(grant.authorizedAt / 1000) * 1000);
		expectNoSecrets(ctx.sb, result);
	});

	test('getAuthorizationInfo for a shop that has not authorized the platform', async () => {
		const result = await runOk(
			ctx.sb,
			mode,
			{ resource: 'platform', operation: 'getAuthorizationInfo', shop: ctx.sb.demo.secondShop.myshopifyDomain },
			options(),
		);
		expect(grantOf('second')?.active ?? false).toBe(false);
		expect(result.items).toEqual([
			{
				is_authorized: false,
				authorized_at: '',
				granted_scopes: '',
				shop_id: ctx.sb.demo.secondShop.shopId,
				myshopify_domain: ctx.sb.demo.secondShop.myshopifyDomain,
			},
		]);
	});

	test('getInstallStatus: client credentials in the query; installed for the demo shop', async () => {
		const result = await runOk(ctx.sb, mode, { resource: 'platform', operation: 'getInstallStatus', shop: ctx.sb.demo.shop.shopId }, options());

		expect(result.requests).toHaveLength(1);
		expectPlatformRequest(result.requests[0], 'getInstallStatus');
		expect(queryOf(result.requests[0])).toEqual({
			client_id: ctx.sb.demo.oauth.clientId,
			client_secret: ctx.sb.demo.oauth.clientSecret,
			shop_id: ctx.sb.demo.shop.shopId,
		});
		const grant = grantOf();
		expect(result.items).toEqual([{ is_installed: 1, installed_at: new Date(Math.floor(grant.installedAt / 1000) * 1000).toISOString().replace('.000Z', 'Z') }]);
	});

	test('disconnect: Bearer only, no body; then the token is refused', async () => {
		const result = await runOk(ctx.sb, mode, { resource: 'platform', operation: 'disconnect' }, options());
		const token = result.accessToken;
		expect(result.requests).toHaveLength(1);
		const [request] = result.requests;
		expectPlatformRequest(request, 'disconnect');
		expectBearer(request, token);
		expect(request.rawBody).toBe('');
		expect(request.rawQuery).toBe('');
		expect(result.items).toEqual([{ success: true }]);

		expect(grantOf().active).toBe(false);
		expect(await tokenAccepted(token)).toEqual({ status: 401, code: 16, accepted: false });
		expectNoSecrets(ctx.sb, result);

		// The node with the same credential: the old token gets HTTP 401.
		const again = await run(ctx.sb, mode, { resource: 'rating', operation: 'get', ratingOf: 'store' }, { credentialStore: result.credentialStore });
		expect(again.requests[0].headers.authorization).toBe(`Bearer ${token}`);
		expect(again.requests[0].httpStatus).toBe(401);
		if (mode.grantType === 'authorizationCode') {
			// The refresh token went with the disconnect: the merchant has to connect again.
			expect(again.error).toBeDefined();
			expect(again.items).toEqual([]);
		}
		expectNoSecrets(ctx.sb, again);
	});

	test('cancelAuthorization: client credentials and shop in the body; the grant ends', async () => {
		const issued = ctx.sb.issueToken({ shop: 'second', scopes: SCOPES });
		expect(grantOf('second').active).toBe(true);

		const result = await runOk(
			ctx.sb,
			mode,
			{ resource: 'platform', operation: 'cancelAuthorization', shop: ctx.sb.demo.secondShop.myshopifyDomain },
			options(),
		);

		expect(result.requests).toHaveLength(1);
		const [request] = result.requests;
		expectPlatformRequest(request, 'cancelAuthorization');
		expect(JSON.parse(request.rawBody)).toEqual({
			client_id: ctx.sb.demo.oauth.clientId,
			client_secret: ctx.sb.demo.oauth.clientSecret,
			myshopify_domain: ctx.sb.demo.secondShop.myshopifyDomain,
		});
		expect(result.items).toEqual([{ success: true }]);
		expect(grantOf('second').active).toBe(false);
		expect((await tokenAccepted(issued.access_token)).accepted).toBe(false);
		expectNoSecrets(ctx.sb, result, [issued.access_token, issued.refresh_token]);
	});

	/** A credential that already holds a token (with client credentials n8n fetches it on first use). */
	async function connectedStore() {
		const warmUp = await runOk(ctx.sb, mode, { resource: 'rating', operation: 'get', ratingOf: 'store' }, options());
		return { store: warmUp.credentialStore, tokens: warmUp.credentialStore.trustooOAuth2Api.data.oauthTokenData };
	}

	test('revokeToken: the credential’s access token; then it is refused', async () => {
		const { store, tokens } = await connectedStore();
		expect((await tokenAccepted(tokens.access_token)).accepted).toBe(true);

		const result = await runOk(ctx.sb, mode, { resource: 'platform', operation: 'revokeToken' }, { credentialStore: store });

		expect(result.requests).toHaveLength(1);
		const [request] = result.requests;
		expectPlatformRequest(request, 'revokeToken');
		expect(JSON.parse(request.rawBody)).toEqual({
			client_id: ctx.sb.demo.oauth.clientId,
			client_secret: ctx.sb.demo.oauth.clientSecret,
			token: tokens.access_token,
		});
		expect(result.items).toEqual([{ success: true }]);
		expect(await tokenAccepted(tokens.access_token)).toEqual({ status: 401, code: 16, accepted: false });
		expectNoSecrets(ctx.sb, result, [tokens.access_token, tokens.refresh_token]);
	});

	test('revokeToken: the credential’s refresh token (its access token goes with it)', async () => {
		const { store, tokens } = await connectedStore();

		const result = await runOk(
			ctx.sb,
			mode,
			{ resource: 'platform', operation: 'revokeToken', tokenToRevoke: 'refreshToken' },
			{ credentialStore: store },
		);

		expect(JSON.parse(result.requests[0].rawBody)).toEqual({
			client_id: ctx.sb.demo.oauth.clientId,
			client_secret: ctx.sb.demo.oauth.clientSecret,
			token: tokens.refresh_token,
		});
		expect(result.items).toEqual([{ success: true }]);
		expect((await tokenAccepted(tokens.access_token)).accepted).toBe(false);
		expectNoSecrets(ctx.sb, result, [tokens.access_token, tokens.refresh_token]);
	});

	test('revokeToken: another token entered in the node', async () => {
		const other = ctx.sb.issueToken({ scopes: SCOPES });
		expect((await tokenAccepted(other.access_token)).accepted).toBe(true);

		const result = await runOk(
			ctx.sb,
			mode,
			{ resource: 'platform', operation: 'revokeToken', tokenToRevoke: 'custom', token: ` ${other.access_token} ` },
			options(),
		);

		expect(JSON.parse(result.requests[0].rawBody)).toEqual({
			client_id: ctx.sb.demo.oauth.clientId,
			client_secret: ctx.sb.demo.oauth.clientSecret,
			token: other.access_token,
		});
		expect(result.items).toEqual([{ success: true }]);
		expect((await tokenAccepted(other.access_token)).accepted).toBe(false);
		expectNoSecrets(ctx.sb, result, [other.access_token, other.refresh_token]);
	});

	test('a wrong client secret: Trustoo’s code 16, a hint about the client credentials, without the secret', async () => {
		const wrongSecret = 'definitely-wrong-client-secret';
		const credentialOptions = { scopes: SCOPES, clientSecret: wrongSecret };
		const failed = await run(ctx.sb, mode, { resource: 'platform', operation: 'getInstallStatus', shop: ctx.sb.demo.shop.shopId }, { credentialOptions });
		// No token is fetched for a platform endpoint, so even with client credentials the one request is the platform call.
		expect(failed.tokenRequests).toHaveLength(0);
		expect(failed.requests).toHaveLength(1);
		expect(queryOf(failed.requests[0]).client_secret).toBe(wrongSecret);
		expect(failed.requests[0].code).toBe(16);
		expect(failed.error.message).toMatch(/Authentication failed: invalid client_secret/);
		expect(failed.error.description).toMatch(/Client ID and Client Secret/);
		expect(failed.error.description).not.toMatch(/reconnect/i);
		expect(failed.error.context.trustooCode).toBe(16);
		expectNoSecrets(ctx.sb, failed, [wrongSecret]);
	});

	test('client-authenticated operations fetch no access token and send no Authorization header', async () => {
		const result = await runOk(ctx.sb, mode, { resource: 'platform', operation: 'getInstallStatus', shop: ctx.sb.demo.shop.shopId }, options());
		expect(result.tokenRequests).toHaveLength(0);
		expect(result.requests).toHaveLength(1);
		expectPlatformRequest(result.requests[0], 'getInstallStatus');
	});
});

describe('platform with an authorization-code credential that was never connected', () => {
	// A platform onboards its first shop with Get Authorization URL: nothing may wait for a token.
	const mode = OAUTH_MODES.find((candidate) => candidate.grantType === 'authorizationCode');
	const unconnected = () => credentialsFor(ctx.sb, mode, { connected: false, scopes: SCOPES });

	test.each([
		['getAuthorizationUrl', { redirectUri: 'http://127.0.0.1:5678/rest/oauth2-credential/callback' }, (item) => expect(item.authorize_url).toMatch(/^http/)],
		['getAuthorizationInfo', { shop: '59730165893' }, (item) => expect(item).toHaveProperty('is_authorized')],
		['getInstallStatus', { shop: '59730165893' }, (item) => expect(item).toHaveProperty('is_installed')],
		['revokeToken', { tokenToRevoke: 'custom', token: 'an-unknown-token' }, (item) => expect(item).toEqual({ success: true })],
	])('%s runs with the client ID and secret alone', async (operation, parameters, checkItem) => {
		const result = await runOk(ctx.sb, mode, { resource: 'platform', operation, ...parameters }, { credentials: unconnected() });
		expect(result.tokenRequests).toHaveLength(0);
		expect(result.requests).toHaveLength(1);
		expectPlatformRequest(result.requests[0], operation);
		expect(result.items).toHaveLength(1);
		checkItem(result.items[0]);
	});

	test('disconnect needs the shop’s token: a clear error saying to connect the credential', async () => {
		const result = await run(ctx.sb, mode, { resource: 'platform', operation: 'disconnect' }, { credentials: unconnected() });
		expect(result.requests).toHaveLength(0);
		expect(result.error.message).toMatch(/not connected/);
		expect(result.error.description).toMatch(/Connect my account/);
	});
});
