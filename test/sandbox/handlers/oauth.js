'use strict';
/**
 * OAuth2 endpoints: the authorize redirect (auto-approved, no merchant login), the token endpoint
 * (RFC 6749 JSON, no envelope), the authorize-URL helper and token revocation.
 */
const { ApiError, CODES, RawResponse, invalidArgument } = require('../envelope');
const { requirePlatformClient } = require('../auth');
const { parseScopes } = require('../oauth');
const p = require('../params');

/** Code 3 unless every scope is one the API knows. */
function knownScopes(api, text) {
	const scopes = parseScopes(text);
	const unknown = scopes.filter((scope) => !api.ALL_SCOPES.includes(scope));
	return { scopes: scopes.length ? scopes : [...api.ALL_SCOPES], unknown };
}

/** The shop named by shop_id / myshopify_domain, or null when neither is given. */
function namedShop(state, params) {
	const shopId = p.idString(params.shop_id, 'shop_id');
	const myshopifyDomain = p.string(params.myshopify_domain, 'myshopify_domain') || undefined;
	if (shopId === undefined && myshopifyDomain === undefined) return null;
	const shop = state.findShop({ shopId, myshopifyDomain });
	if (!shop) throw new ApiError(CODES.notFound, `shop not found: ${shopId ?? myshopifyDomain}`);
	return shop;
}

function withQuery(url, params) {
	const target = new URL(url);
	for (const [key, value] of Object.entries(params))
		if (value !== undefined) target.searchParams.append(key, value);
	return target.toString();
}

/** Errors that cannot be redirected (bad client or redirect_uri) answer HTTP 400 with an envelope. */
function checkRedirect(oauth, client, redirectUri) {
	if (!redirectUri)
		throw new ApiError(CODES.invalidArgument, 'invalid argument: redirect_uri is required', {
			httpStatus: 400,
		});
	if (!oauth.redirectAllowed(client, redirectUri)) {
		throw new ApiError(
			CODES.invalidArgument,
			'invalid argument: redirect_uri is not registered for this client',
			{ httpStatus: 400 },
		);
	}
}

/** Auto-approves for the demo shop (or the shop named by `myshopify_domain` / `shop_id`, a sandbox extension). */
function oauthAuthorize({ api, state, oauth, query }) {
	const client = oauth.clients.get(query.client_id ?? '');
	if (!client) throw new ApiError(CODES.unauthenticated, 'unknown client_id', { httpStatus: 400 });
	checkRedirect(oauth, client, query.redirect_uri);
	const back = (params) =>
		new RawResponse(302, '', {
			Location: withQuery(query.redirect_uri, { ...params, state: query.state }),
		});
	if (query.response_type !== 'code')
		return back({
			error: 'unsupported_response_type',
			error_description: 'response_type must be code',
		});
	const { scopes, unknown } = knownScopes(api, query.scope);
	if (unknown.length)
		return back({
			error: 'invalid_scope',
			error_description: `unknown scope ${unknown.join(' ')}`,
		});
	let shop;
	try {
		shop = namedShop(state, query) ?? state.demoShop;
	} catch (error) {
		return back({ error: 'access_denied', error_description: error.message });
	}
	const code = oauth.createCode({
		clientId: client.id,
		shopKey: shop.key,
		redirectUri: query.redirect_uri,
		scopes,
	});
	return back({ code });
}

const tokenError = (error, description) =>
	new RawResponse(400, { error, error_description: description }, { 'Cache-Control': 'no-store' });

/** Client credentials from the body, else from HTTP Basic (raw or form-encoded, RFC 6749 §2.3.1). */
function tokenClient(oauth, params, authorization) {
	if (params.client_secret !== undefined)
		return oauth.authenticateClient(params.client_id, params.client_secret);
	const basic = /^Basic\s+(\S+)$/i.exec((authorization ?? '').trim());
	if (!basic) return null;
	const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	if (colon < 0) return null;
	const formDecode = (text) => {
		try {
			return decodeURIComponent(text.replace(/\+/g, ' '));
		} catch {
			return text;
		}
	};
	const [id, secret] = [decoded.slice(0, colon), decoded.slice(colon + 1)];
	const client =
		oauth.authenticateClient(id, secret) ??
		oauth.authenticateClient(formDecode(id), formDecode(secret));
	// A client_id in the body must name the same client as the Basic header.
	return client && (params.client_id === undefined || params.client_id === client.id)
		? client
		: null;
}

function oauthToken({ api, state, oauth, body, bodyKind, headers }) {
	if (
		!['json', 'form'].includes(bodyKind) ||
		body === null ||
		typeof body !== 'object' ||
		Array.isArray(body)
	) {
		return tokenError('invalid_request', 'body must be JSON or application/x-www-form-urlencoded');
	}
	const params = Object.fromEntries(
		Object.entries(body).map(([k, v]) => [
			k,
			v === null || v === undefined ? undefined : String(v),
		]),
	);
	const client = tokenClient(oauth, params, headers.authorization);
	if (!client) return tokenError('invalid_client', 'unknown client_id or wrong client_secret');
	const requested = knownScopes(api, params.scope);
	if (requested.unknown.length)
		return tokenError('invalid_scope', `unknown scope ${requested.unknown.join(' ')}`);
	const ok = (tokens) =>
		new RawResponse(200, tokens, { 'Cache-Control': 'no-store', Pragma: 'no-cache' });

	switch (params.grant_type) {
		case 'authorization_code': {
			if (!params.code) return tokenError('invalid_request', 'code is required');
			if (!params.redirect_uri) return tokenError('invalid_request', 'redirect_uri is required');
			const { grant, error, description } = oauth.redeemCode(
				params.code,
				client.id,
				params.redirect_uri,
			);
			return grant
				? ok(oauth.issue(client.id, grant.shopKey, grant.scopes))
				: tokenError(error, description);
		}
		case 'refresh_token': {
			if (!params.refresh_token) return tokenError('invalid_request', 'refresh_token is required');
			const {
				body: tokens,
				error,
				description,
			} = oauth.refresh(params.refresh_token, client.id, parseScopes(params.scope));
			return tokens ? ok(tokens) : tokenError(error, description);
		}
		case 'client_credentials': {
			if (!client.allowClientCredentials)
				return tokenError('unauthorized_client', 'this client may not use client_credentials');
			let shop;
			try {
				shop = namedShop(state, params) ?? state.demoShop;
			} catch (error) {
				return tokenError('invalid_request', error.message);
			}
			return ok(oauth.issue(client.id, shop.key, requested.scopes));
		}
		case undefined:
		case '':
			return tokenError('invalid_request', 'grant_type is required');
		default:
			return tokenError(
				'unsupported_grant_type',
				`grant_type ${params.grant_type} is not supported`,
			);
	}
}

function getAuthorizationUrl({ api, oauth, query, baseUrl }) {
	const client = requirePlatformClient(oauth, query.client_id, query.client_secret, {
		secretOptional: true,
	});
	if (!query.redirect_uri) throw invalidArgument('redirect_uri is required');
	if (!oauth.redirectAllowed(client, query.redirect_uri))
		throw invalidArgument('redirect_uri is not registered for this client');
	const { unknown } = knownScopes(api, query.scope);
	if (unknown.length) throw invalidArgument(`scope has unknown values: ${unknown.join(' ')}`);
	const authorizeUrl = withQuery(`${baseUrl}${api.ENDPOINTS.oauthAuthorize.path}`, {
		client_id: client.id,
		redirect_uri: query.redirect_uri,
		state: query.state,
		scope: query.scope,
		response_type: 'code',
	});
	return { authorize_url: authorizeUrl };
}

function revokeToken({ oauth, body }) {
	const b = p.requireObjectBody(body);
	const client = requirePlatformClient(oauth, b.client_id, b.client_secret);
	const token = p.string(b.token, 'token', { required: true });
	oauth.revoke(token, client.id);
	return {};
}

module.exports = {
	handlers: { oauthAuthorize, oauthToken, getAuthorizationUrl, revokeToken },
	namedShop,
};
