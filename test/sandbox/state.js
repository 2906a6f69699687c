'use strict';
/** The sandbox's in-memory data: two shops seeded from one seed, plus lookups across them. */
const F = require('./fixtures');
const { seedShop } = require('./seed');

class SandboxState {
	/**
	 * @param api the compiled nodes/shared/api.js
	 * @param options `{seed, reviewCount, secondShopReviewCount}`
	 */
	constructor(api, { seed, reviewCount, secondShopReviewCount }) {
		this.seed = seed;
		this.reviewCount = reviewCount;
		let webhookId = 18; // the doc's example webhook id is "19"
		const nextWebhookId = () => String(++webhookId);
		this.nextWebhookId = nextWebhookId;
		this.shops = F.SHOPS.map((definition, index) =>
			seedShop(definition, {
				api,
				seed,
				reviewCount: index === 0 ? reviewCount : secondShopReviewCount,
				nextWebhookId,
			}),
		);
		this.byPublicToken = new Map(this.shops.map((shop) => [shop.publicToken, shop]));
	}

	get demoShop() {
		return this.shops[0];
	}

	shopByKey(key) {
		return this.shops.find((shop) => shop.key === key) ?? null;
	}

	/** A shop by `shop_id` and/or `myshopify_domain` (both must agree when both are given). */
	findShop({ shopId, myshopifyDomain }) {
		return (
			this.shops.find(
				(shop) =>
					(shopId === undefined || shop.shopId === shopId) &&
					(myshopifyDomain === undefined || shop.myshopifyDomain === myshopifyDomain.toLowerCase()),
			) ?? null
		);
	}

	/** `{shop, row}` of a live review id in any shop, or null. */
	findReview(id) {
		for (const shop of this.shops) {
			const row = shop.reviews.rowOf(String(id));
			if (row >= 0) return { shop, row };
		}
		return null;
	}

	summary() {
		return {
			seed: this.seed,
			shops: this.shops.map((shop) => ({
				key: shop.key,
				shop_id: shop.shopId,
				myshopify_domain: shop.myshopifyDomain,
				products: shop.reviews.products.list.length - 1,
				reviews: shop.reviews.liveCount,
				orders: shop.orders.length,
				customer_events: shop.customerEvents.length,
				exclusions: shop.exclusions.length,
				webhooks: shop.webhooks.length,
				unsubscribes: [...shop.unsubscribes.values()].reduce((n, types) => n + types.size, 0),
			})),
		};
	}
}

module.exports = { SandboxState };
