'use strict';
/**
 * No secret leaks: every operation, with each credential it supports, through every failure mode
 * (bad token, 401, 403, 429, 500, malformed JSON, timeout). The node's output items, the error
 * (message, description, context, messages, cause, stack), the run data and every log line must
 * not contain the Private Token, the Client Secret, the access token or the refresh token (neither
 * the configured ones nor the ones n8n fetched or refreshed during the run).
 */
const S = require('./support');

const crypto = require('node:crypto');
const { inspect } = require('node:util');

const ctx = S.useSandbox();
const originalConsole = { ...console };
afterAll(() => Object.assign(console, originalConsole));

/** Every API path except the OAuth2 token endpoint, which n8n needs to refresh tokens. */
const API_PATHS = /^\/api\/v1\/openapi\/(?!oauth\/token$)/;

const secret = (label) => `${label}-${crypto.randomBytes(12).toString('hex')}`;

const MODES = [
	{ name: 'bad token', badToken: true },
	{ name: 'HTTP 401', fault: { kind: 'status', status: 401 } },
	{ name: 'HTTP 403', fault: { kind: 'status', status: 403 } },
	{ name: 'HTTP 429', fault: { kind: 'status', status: 429, retryAfter: 0 } },
	{ name: 'HTTP 500', fault: { kind: 'status', status: 500 } },
	{ name: 'malformed JSON', fault: { kind: 'malformed' } },
	{ name: 'timeout', fault: { kind: 'delay', ms: 400 }, parameters: { requestOptions: { timeout: 100 } } },
];

/** (operation, credential) pairs; Revoke Token also with the credential's own tokens. */
function cases(sb) {
	const list = [];
	for (const operation of S.operations()) {
		for (const authentication of operation.credentials) {
			list.push({ operation, authentication, parameters: S.validParameters(sb, operation) });
			if (operation.operation === 'revokeToken') {
				for (const tokenToRevoke of ['accessToken', 'refreshToken']) list.push({ operation, authentication, parameters: { tokenToRevoke } });
			}
		}
	}
	return list;
}

/** Credentials whose secrets are all unique strings, so that any copy of them can be found. */
function credentialsFor(sb, authentication, mode) {
	if (authentication === 'apiKey') {
		return S.hmacCredentials(sb, mode.badToken ? { privateToken: secret('bad-private-token') } : {});
	}
	const tokens = mode.badToken
		? { access_token: secret('bad-access-token'), refresh_token: secret('bad-refresh-token'), token_type: 'Bearer' }
		: sb.issueToken();
	return S.oauthCredentials(sb, { oauthTokenData: tokens });
}

function secretsOf(credentials, credentialStore) {
	const values = [];
	for (const data of [...Object.values(credentials), ...Object.values(credentialStore).map((entry) => entry.data)]) {
		values.push(data.privateToken, data.clientSecret, data.oauthTokenData?.access_token, data.oauthTokenData?.refresh_token);
	}
	for (const entry of Object.values(credentialStore)) {
		for (const update of entry.updates) values.push(update.data?.access_token, update.data?.refresh_token);
	}
	return [...new Set(values.filter((value) => typeof value === 'string' && value.length >= 8))];
}

/** Everything a user, a log file or another node could see of a run. */
function visibleText(result) {
	const show = (value) => inspect(value, { depth: 14, showHidden: true, breakLength: Infinity, maxStringLength: Infinity, maxArrayLength: Infinity });
	const parts = [
		JSON.stringify(result.items),
		show(result.outputs),
		show(result.error),
		result.error ? JSON.stringify(result.error) : '',
		result.error?.description ?? '',
		show(result.error?.context),
		show(result.error?.messages),
		show(result.run?.data?.resultData),
		result.logs.map((entry) => `${entry.text} ${show(entry.meta)}`).join('\n'),
	];
	for (const error of S.itemErrors(result)) parts.push(show(error), JSON.stringify(error), error.description ?? '', show(error.context));
	return parts.join('\n');
}

describe.each(MODES)('$name: no secret in output, errors or logs', (mode) => {
	test('every operation, every credential', async () => {
		const { sb } = ctx;
		if (mode.fault) sb.setFault({ ...mode.fault, path: API_PATHS });
		const runs = cases(sb).map(async ({ operation, authentication, parameters }) => {
			const credentials = credentialsFor(sb, authentication, mode);
			const result = await S.run(
				sb,
				{ resource: operation.resource, operation: operation.operation, ...parameters, ...mode.parameters, options: { maxRetries: 1 } },
				{ authentication, credentials },
			);
			return { label: `${operation.resource}.${operation.operation} (${authentication}, ${JSON.stringify(parameters.tokenToRevoke ?? '')})`, result, credentials };
		});
		const results = await Promise.all(runs);
		const logs = S.logCollector.entries.map((entry) => `${entry.text} ${inspect(entry.meta, { depth: 10 })}`).join('\n');
		let failures = 0;
		for (const { label, result, credentials } of results) {
			failures += result.error ? 1 : 0;
			const secrets = secretsOf(credentials, result.credentialStore);
			expect(secrets.length).toBeGreaterThanOrEqual(1);
			const text = `${visibleText(result)}\n${logs}`;
			for (const value of secrets) {
				if (text.includes(value)) throw new Error(`${label}: a secret (${value.slice(0, 12)}…) appears in what the run shows`);
			}
		}
		// The mode really made the runs fail (a run may succeed only where n8n recovered, e.g. a refreshed token).
		expect(failures).toBeGreaterThan(results.length / 2);
		if (mode.fault?.kind === 'delay') await new Promise((resolve) => setTimeout(resolve, 500));
	}, 60000);
});
