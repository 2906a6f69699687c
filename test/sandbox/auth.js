'use strict';
/**
 * Request authentication, written independently of the package's signing code so that the two
 * check each other: HMAC (Public-Token / Timestamp / Sign), OAuth2 Bearer, platform credentials.
 */
const crypto = require('node:crypto');
const { ApiError, CODES, unauthenticated, permissionDenied } = require('./envelope');
const { safeEqual } = require('./oauth');

/** What the recorder calls the request's authentication, before checking it. */
function authKind(route, headers) {
	if (route && route.auth === 'platform') return 'platform';
	if ((headers.authorization ?? '').trim() !== '') return 'bearer';
	if (
		headers['public-token'] !== undefined ||
		headers.sign !== undefined ||
		headers.timestamp !== undefined
	)
		return 'hmac';
	return 'none';
}

/** `k=v` pairs (decoded) + `timestamp`, stably sorted by key (code units), `&`-joined; `|body` if any. */
function stringToSign(pairs, timestamp, rawBody) {
	const sorted = [...pairs, ['timestamp', timestamp]].sort((a, b) =>
		a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0,
	);
	const canonical = sorted.map(([key, value]) => `${key}=${value}`).join('&');
	return rawBody ? `${canonical}|${rawBody}` : canonical;
}

const hmacHex = (key, message) =>
	crypto.createHmac('sha256', key).update(message, 'utf8').digest('hex');

function verifyHmac({ headers, pairs, rawBody, state, api }) {
	const publicToken = headers['public-token'];
	const timestamp = headers.timestamp;
	const sign = headers.sign;
	const missing = [
		[publicToken, api.REQUEST_HEADERS.publicToken],
		[timestamp, api.REQUEST_HEADERS.timestamp],
		[sign, api.REQUEST_HEADERS.sign],
	]
		.filter(([value]) => value === undefined || value === '')
		.map(([, name]) => name);
	if (missing.length) throw unauthenticated(`missing header ${missing.join(', ')}`);
	const shop = state.byPublicToken.get(publicToken);
	if (!shop) throw unauthenticated('unknown public token');
	if (!/^\d{1,12}$/.test(timestamp))
		throw unauthenticated('invalid timestamp: unix seconds expected');
	if (Math.abs(Number(timestamp) - Date.now() / 1000) > api.TIMESTAMP_TOLERANCE_SECONDS) {
		throw unauthenticated(
			`timestamp expired: more than ${api.TIMESTAMP_TOLERANCE_SECONDS} s from server time`,
		);
	}
	const expected = hmacHex(shop.privateToken, stringToSign(pairs, timestamp, rawBody));
	if (!safeEqual(expected, sign)) throw unauthenticated('signature mismatch');
	return { kind: 'hmac', shop, platformId: 0 };
}

/** 401 + code 16, with the header that tells OAuth2 clients to refresh. */
const invalidToken = (message) =>
	unauthenticated(message, {
		httpStatus: 401,
		headers: { 'WWW-Authenticate': `Bearer error="invalid_token", error_description="${message}"` },
	});

function verifyBearer({ headers, state, oauth }) {
	const match = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization.trim());
	if (!match) throw invalidToken('authorization header must be "Bearer <access_token>"');
	const { token, problem } = oauth.checkAccess(match[1]);
	if (problem) throw invalidToken(problem);
	const shop = state.shopByKey(token.shopKey);
	if (!shop) throw invalidToken('access token revoked');
	return { kind: 'bearer', shop, platformId: token.clientId, scopes: token.scopes, token };
}

/** Code 8 unless the auth is HMAC (full access) or a Bearer token carrying `scope`. */
function requireScope(auth, scope) {
	if (auth.kind === 'bearer' && scope && !auth.scopes.includes(scope)) {
		throw permissionDenied(`access token lacks scope ${scope}`);
	}
}

const OAUTH_PROTOCOL_ENDPOINTS = new Set(['oauthToken', 'oauthAuthorize']);

/**
 * Authenticates a request for its route: `platform` routes check client credentials in their
 * handler; a non-empty Authorization header means OAuth2; anything else must be HMAC-signed.
 */
function authenticate(ctx) {
	const { route, headers } = ctx;
	if (route.auth === 'platform') {
		// Reference §2.1: a non-empty Authorization header makes Trustoo check a Bearer token, which
		// the platform endpoints of the Open API do not take. The OAuth2 protocol endpoints (token,
		// authorize) are left to RFC 6749 clients, which may send Basic client authentication.
		if (!OAUTH_PROTOCOL_ENDPOINTS.has(route.key) && (headers.authorization ?? '').trim() !== '') {
			throw unauthenticated(
				`${route.key} authenticates with client_id and client_secret; an Authorization header switches to Bearer token authentication, which it does not accept`,
			);
		}
		return { kind: 'platform' };
	}
	if ((headers.authorization ?? '').trim() !== '') {
		const auth = verifyBearer(ctx);
		requireScope(auth, route.scope);
		return auth;
	}
	if (route.auth === 'bearer')
		throw unauthenticated(`${route.key} needs an OAuth2 Bearer token (Authorization header)`);
	return verifyHmac(ctx);
}

/** The platform client named by client_id / client_secret, or code 16. */
function requirePlatformClient(oauth, clientId, clientSecret, { secretOptional = false } = {}) {
	const client = oauth.clients.get(String(clientId ?? ''));
	if (!client) throw new ApiError(CODES.unauthenticated, 'unknown client_id');
	if (secretOptional && (clientSecret === undefined || clientSecret === '')) return client;
	if (!oauth.authenticateClient(clientId, clientSecret))
		throw new ApiError(CODES.unauthenticated, 'invalid client_secret');
	return client;
}

module.exports = {
	authKind,
	authenticate,
	requireScope,
	requirePlatformClient,
	stringToSign,
	hmacHex,
};
