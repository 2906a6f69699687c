'use strict';
/**
 * n8n credentials that point at a Trustoo sandbox (test/sandbox), in the form
 * `n8n import:credentials` takes (decrypted `data`; n8n encrypts it on import).
 * The ids are fixed so that the example workflows (examples/*.json) find them.
 */
const path = require('node:path');

const PACKAGE_DIR = path.resolve(__dirname, '..');

const CREDENTIAL_IDS = Object.freeze({
	apiKey: 'trustooSandboxApi01',
	oAuth2: 'trustooSandboxOAuth01',
	oAuth2AuthorizationCode: 'trustooSandboxOAuth02',
});

const CREDENTIAL_NAMES = Object.freeze({
	apiKey: 'TrustWILL API token (sandbox)',
	oAuth2: 'TrustWILL OAuth2 client credentials (sandbox)',
	oAuth2AuthorizationCode: 'TrustWILL OAuth2 authorization code (sandbox)',
});

function allScopes() {
	// Every scope the nodes use, the inferred ones too: the sandbox knows them all (the credential
	// type's default leaves the inferred ones out).
	const { ALL_SCOPES } = require(path.join(PACKAGE_DIR, 'dist', 'nodes', 'shared', 'api.js'));
	return ALL_SCOPES.join(' ');
}

/** `{trustooApi: {id, name}}`-style reference for a node's `credentials`. */
function credentialRef(kind = 'apiKey') {
	const type = kind === 'apiKey' ? 'trustooApi' : 'trustooOAuth2Api';
	return { [type]: { id: CREDENTIAL_IDS[kind], name: CREDENTIAL_NAMES[kind] } };
}

/**
 * Credentials for a sandbox: `url` is its base URL, `demo` its `demo` member (or the answer of
 * `GET /__sandbox/demo`). `oauthTokenData`, when given, adds an authorization-code credential
 * that is already connected (tokens from `sandbox.issueToken()`).
 * `overrides` may change ids or names: `{apiKey: {id, name}, ...}`.
 */
function sandboxCredentials(url, demo, { oauthTokenData, overrides = {} } = {}) {
	const meta = (kind) => ({ id: CREDENTIAL_IDS[kind], name: CREDENTIAL_NAMES[kind], ...(overrides[kind] || {}) });
	const credentials = [
		{
			...meta('apiKey'),
			type: 'trustooApi',
			data: { publicToken: demo.shop.publicToken, privateToken: demo.shop.privateToken, baseUrl: url },
		},
		{
			...meta('oAuth2'),
			type: 'trustooOAuth2Api',
			data: {
				baseUrl: url,
				grantType: 'clientCredentials',
				clientId: demo.oauth.clientId,
				clientSecret: demo.oauth.clientSecret,
				scope: allScopes(),
			},
		},
	];
	if (oauthTokenData) {
		credentials.push({
			...meta('oAuth2AuthorizationCode'),
			type: 'trustooOAuth2Api',
			data: {
				baseUrl: url,
				grantType: 'authorizationCode',
				clientId: demo.oauth.clientId,
				clientSecret: demo.oauth.clientSecret,
				scope: allScopes(),
				oauthTokenData,
			},
		});
	}
	return credentials;
}

module.exports = { CREDENTIAL_IDS, CREDENTIAL_NAMES, credentialRef, sandboxCredentials };
