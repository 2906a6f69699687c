'use strict';
/** Platform management: disconnect (Bearer), authorization info, install status, cancel (client credentials). */
const { invalidArgument, permissionDenied } = require('../envelope');
const { requirePlatformClient } = require('../auth');
const p = require('../params');
const { isoTime } = require('../time');
const { namedShop } = require('./oauth');

/** The calling platform and the shop it asks about (query for GET, body for POST). */
function platformAndShop({ state, oauth, route, query, body }) {
	const params = route.method === 'GET' ? query : p.requireObjectBody(body);
	const client = requirePlatformClient(oauth, params.client_id, params.client_secret);
	const shop = namedShop(state, params);
	if (!shop) throw invalidArgument('shop_id or myshopify_domain is required');
	return { client, shop };
}

/** Ending an authorization also drops the webhooks that platform made for the shop. */
function endAuthorization(ctx, clientId, shop) {
	ctx.oauth.disconnect(clientId, shop.key);
	shop.webhooks = shop.webhooks.filter((w) => w.owner !== clientId);
}

function disconnect(ctx) {
	endAuthorization(ctx, ctx.auth.platformId, ctx.shop);
	return {};
}

function getAuthorizationInfo(ctx) {
	const { client, shop } = platformAndShop(ctx);
	const grant = ctx.oauth.grant(client.id, shop.key);
	const active = Boolean(grant && grant.active);
	return {
		is_authorized: active,
		authorized_at: active ? isoTime(Math.floor(grant.authorizedAt / 1000)) : '',
		granted_scopes: active ? [...grant.scopes].join(' ') : '',
		shop_id: shop.shopId,
		myshopify_domain: shop.myshopifyDomain,
	};
}

function getInstallStatus(ctx) {
	const { client, shop } = platformAndShop(ctx);
	// A platform-level permission (reference §4.3), configured per client.
	if (ctx.route.scope && !client.platformScopes.includes(ctx.route.scope)) {
		throw permissionDenied(`platform lacks scope ${ctx.route.scope}`);
	}
	const grant = ctx.oauth.grant(client.id, shop.key);
	const installed = Boolean(grant && grant.active);
	return {
		is_installed: installed ? 1 : 0,
		installed_at: installed ? isoTime(Math.floor(grant.installedAt / 1000)) : '',
	};
}

function cancelAuthorization(ctx) {
	const { client, shop } = platformAndShop(ctx);
	endAuthorization(ctx, client.id, shop);
	return {};
}

module.exports = {
	handlers: { disconnect, getAuthorizationInfo, getInstallStatus, cancelAuthorization },
};
