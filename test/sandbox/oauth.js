'use strict';
/**
 * OAuth2 bookkeeping for platforms: clients, authorization codes, access/refresh tokens and the
 * per-shop grants. Tokens look like the doc's examples (Base64 of 16 bytes, with `/`, `+`, `=`).
 */
const crypto = require('node:crypto');

const CODE_TTL_MS = 10 * 60 * 1000;
const REFRESH_TTL_MS = 30 * 86400 * 1000;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

const randomToken = () => crypto.randomBytes(16).toString('base64');
const grantKey = (clientId, shopKey) => `${clientId}|${shopKey}`;

function safeEqual(a, b) {
	const x = Buffer.from(String(a));
	const y = Buffer.from(String(b));
	return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/** Requested scopes, separated by spaces or commas (both are seen in the wild). */
function parseScopes(text) {
	return [
		...new Set(
			String(text ?? '')
				.split(/[\s,]+/)
				.filter(Boolean),
		),
	];
}

class OAuthStore {
	constructor({ clients, accessTokenTtlSeconds }) {
		this.clients = new Map(clients.map((c) => [c.id, { ...c }]));
		this.accessTokenTtlSeconds = accessTokenTtlSeconds;
		this.codes = new Map();
		/** token value → {value, type: 'access'|'refresh', clientId, shopKey, scopes, expiresAt, revoked, pair} */
		this.tokens = new Map();
		/** `${clientId}|${shopKey}` → {scopes, authorizedAt, installedAt, active} */
		this.grants = new Map();
	}

	/** The client if the id and secret match, else null (constant-time secret compare). */
	authenticateClient(clientId, clientSecret) {
		const client = this.clients.get(String(clientId ?? ''));
		return client && clientSecret !== undefined && safeEqual(client.secret, clientSecret)
			? client
			: null;
	}

	/** Registered redirect URIs, plus any loopback http(s) URL (n8n's callback port varies). */
	redirectAllowed(client, redirectUri) {
		if (client.redirectUris.includes(redirectUri)) return true;
		try {
			const url = new URL(redirectUri);
			return (
				(url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK_HOSTS.has(url.hostname)
			);
		} catch {
			return false;
		}
	}

	createCode({ clientId, shopKey, redirectUri, scopes }) {
		const code = randomToken();
		this.codes.set(code, {
			clientId,
			shopKey,
			redirectUri,
			scopes,
			expiresAt: Date.now() + CODE_TTL_MS,
			used: false,
		});
		return code;
	}

	/** `{grant}` or `{error, description}`; a code works once, for its client and redirect URI. */
	redeemCode(code, clientId, redirectUri) {
		const entry = this.codes.get(code);
		if (!entry || entry.clientId !== clientId)
			return { error: 'invalid_grant', description: 'unknown authorization code' };
		if (entry.used)
			return { error: 'invalid_grant', description: 'authorization code already used' };
		if (entry.expiresAt < Date.now())
			return { error: 'invalid_grant', description: 'authorization code expired' };
		if (entry.redirectUri !== redirectUri)
			return {
				error: 'invalid_grant',
				description: 'redirect_uri does not match the authorization request',
			};
		entry.used = true;
		return { grant: entry };
	}

	/** Issues an access + refresh token pair and records the shop's grant; returns the RFC 6749 body. */
	issue(clientId, shopKey, scopes) {
		const now = Date.now();
		const access = randomToken();
		const refresh = randomToken();
		const common = { clientId, shopKey, scopes: [...scopes], revoked: false };
		this.tokens.set(access, {
			...common,
			value: access,
			type: 'access',
			expiresAt: now + this.accessTokenTtlSeconds * 1000,
			pair: refresh,
		});
		this.tokens.set(refresh, {
			...common,
			value: refresh,
			type: 'refresh',
			expiresAt: now + REFRESH_TTL_MS,
			pair: access,
		});
		const key = grantKey(clientId, shopKey);
		const grant = this.grants.get(key);
		if (grant && grant.active) {
			for (const scope of scopes) grant.scopes.add(scope);
		} else {
			this.grants.set(key, {
				scopes: new Set(scopes),
				authorizedAt: now,
				installedAt: grant?.installedAt ?? now,
				active: true,
			});
		}
		return {
			access_token: access,
			token_type: 'Bearer',
			expires_in: this.accessTokenTtlSeconds,
			refresh_token: refresh,
			scope: scopes.join(' '),
		};
	}

	/** Rotates a refresh token: the old one stops working, a new pair is issued. */
	refresh(refreshToken, clientId, requestedScopes) {
		const entry = this.tokens.get(refreshToken);
		if (!entry || entry.type !== 'refresh' || entry.clientId !== clientId)
			return { error: 'invalid_grant', description: 'unknown refresh token' };
		if (entry.revoked)
			return { error: 'invalid_grant', description: 'refresh token revoked or already used' };
		if (entry.expiresAt < Date.now())
			return { error: 'invalid_grant', description: 'refresh token expired' };
		const extra = requestedScopes.filter((scope) => !entry.scopes.includes(scope));
		if (extra.length)
			return {
				error: 'invalid_scope',
				description: `scope exceeds the original grant: ${extra.join(' ')}`,
			};
		entry.revoked = true;
		return {
			body: this.issue(
				clientId,
				entry.shopKey,
				requestedScopes.length ? requestedScopes : entry.scopes,
			),
		};
	}

	/** `{token}` for a live access token, or `{problem}` saying why not. */
	checkAccess(value) {
		const entry = this.tokens.get(value);
		if (!entry || entry.type !== 'access') return { problem: 'invalid access token' };
		if (entry.revoked) return { problem: 'access token revoked' };
		if (entry.expiresAt <= Date.now()) return { problem: 'access token expired' };
		return { token: entry };
	}

	/** Revokes a token of this client (and its pair); unknown tokens are ignored as RFC 7009 says. */
	revoke(value, clientId) {
		const entry = this.tokens.get(value);
		if (!entry || entry.clientId !== clientId) return;
		entry.revoked = true;
		const pair = this.tokens.get(entry.pair);
		if (pair) pair.revoked = true;
	}

	/** Ends a platform's authorization for a shop: every token of that pair stops working. */
	disconnect(clientId, shopKey) {
		for (const entry of this.tokens.values()) {
			if (entry.clientId === clientId && entry.shopKey === shopKey) entry.revoked = true;
		}
		const grant = this.grants.get(grantKey(clientId, shopKey));
		if (grant) grant.active = false;
	}

	grant(clientId, shopKey) {
		return this.grants.get(grantKey(clientId, shopKey)) ?? null;
	}

	/** Test control: every access token issued so far is expired (refresh tokens keep working). */
	expireAccessTokens() {
		const past = Date.now() - 1000;
		for (const entry of this.tokens.values()) if (entry.type === 'access') entry.expiresAt = past;
	}

	summary() {
		const now = Date.now();
		const live = (type) =>
			[...this.tokens.values()].filter((t) => t.type === type && !t.revoked && t.expiresAt > now)
				.length;
		return {
			clients: [...this.clients.keys()],
			live_access_tokens: live('access'),
			live_refresh_tokens: live('refresh'),
			active_grants: [...this.grants.entries()].filter(([, g]) => g.active).map(([key]) => key),
		};
	}
}

module.exports = { OAuthStore, parseScopes, safeEqual };
