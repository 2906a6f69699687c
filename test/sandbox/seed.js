'use strict';
/**
 * Deterministic seeding of one shop's data (everything but reviews, see reviewTable.js).
 * Every documented enum value appears: each review-request status, each event type / OS / source.
 */
const { Random, mix } = require('./prng');
const F = require('./fixtures');
const { isoTime } = require('./time');
const { ReviewTable } = require('./reviewTable');

const ORDER_COUNT = 60;
const EXTRA_EVENTS = 45;
const EXCLUSION_COUNT = 8;
const CUSTOMER_COUNT = 30;
const ORDERS_START = Date.UTC(2026, 0, 5) / 1000;
const EVENTS_START = Date.UTC(2026, 2, 1) / 1000;
const FIXTURE_TIME = Date.UTC(2025, 8, 1, 9, 30) / 1000; // webhooks and exclusions

function seedCustomers(r, shop) {
	return Array.from({ length: CUSTOMER_COUNT }, (_, k) => {
		const first = F.FIRST_NAMES[k % F.FIRST_NAMES.length];
		const last = F.LAST_NAMES[(k * 3 + shop.salt) % F.LAST_NAMES.length];
		return {
			id: `23044${shop.salt}${String(610359590 + k * 7919).padStart(9, '0')}`,
			first_name: first,
			last_name: last,
			email: `${first}.${last}.${k}@example.com`.toLowerCase().replace('ü', 'u'),
			phone: `+1555${r.digits(7)}`,
		};
	});
}

/** Orders in every review-request status 1..6; only statuses 3..5 have been sent. */
function seedOrders(r, shop, customers) {
	return Array.from({ length: ORDER_COUNT }, (_, k) => {
		const customer = customers[r.int(customers.length)];
		const type = 1 + (k % 6);
		const created = ORDERS_START + k * 6 * 3600 + r.int(3600);
		const sent = type >= 3 && type <= 5 ? created + 3 * 86400 + r.int(86400) : null;
		return {
			created,
			sent,
			order: {
				id: String(shop.salt * 100000 + k + 1),
				order_id: `5${shop.salt}${r.digits(11)}`,
				order_name: `#${1001 + k}`,
				customer_id: customer.id,
				customer_email: customer.email,
				customer_name: `${customer.first_name} ${customer.last_name}`,
				type,
				sent_at: sent === null ? '' : isoTime(sent),
				created_at: isoTime(created),
			},
		};
	});
}

/** Every event_type × os_type × event_source combination once, then some random ones. */
function seedCustomerEvents(r, shop, api, customers, reviews) {
	const types = api.CUSTOMER_EVENT_TYPES;
	// The documented values and one of the "etc." ones the docs leave out.
	const oses = [...api.CUSTOMER_EVENT_OS_TYPES, 'MACOS'];
	const sources = api.CUSTOMER_EVENT_SOURCES;
	const combos = types.length * oses.length * sources.length;
	const events = [];
	for (let k = 0; k < combos + EXTRA_EVENTS; k++) {
		const combo = k < combos;
		const eventType = combo ? types[k % types.length] : r.pick(types);
		const reviewRow = reviews.size ? r.int(reviews.size) : -1;
		events.push(
			makeCustomerEvent(shop, events.length, EVENTS_START + k * 1800 + r.int(1800), {
				event_type: eventType,
				os_type: combo ? oses[Math.floor(k / types.length) % oses.length] : r.pick(oses),
				event_source: combo
					? sources[Math.floor(k / (types.length * oses.length))]
					: r.pick(sources),
				customer_id: r.chance(0.7) ? r.pick(customers).id : '',
				product_id: reviews.products.list[r.int(reviews.products.list.length)].id,
				review_id: /REVIEW|MEDIA/.test(eventType) && reviewRow >= 0 ? reviews.idOf(reviewRow) : '',
			}),
		);
	}
	return events;
}

/** `{created, event}` with the CustomerEvent field order of CONTRACT.md. */
function makeCustomerEvent(shop, index, created, fields) {
	return {
		created,
		event: {
			id: String(shop.salt * 1000000 + index + 1),
			event_type: fields.event_type,
			os_type: fields.os_type ?? '',
			event_source: fields.event_source ?? '',
			customer_id: fields.customer_id ?? '',
			product_id: fields.product_id ?? '0',
			review_id: fields.review_id ?? '',
			created_at: isoTime(created),
		},
	};
}

function seedExclusions(customers) {
	return customers
		.slice(0, EXCLUSION_COUNT)
		.map((c, k) => makeExclusion(c, FIXTURE_TIME + k * 86400));
}

function makeExclusion(customer, created) {
	return {
		created,
		exclusion: {
			customer_id: customer.id ?? '',
			first_name: customer.first_name ?? '',
			last_name: customer.last_name ?? '',
			email: customer.email ?? '',
			phone: customer.phone ?? '',
			created_at: isoTime(created),
			updated_at: isoTime(created),
		},
	};
}

/** One shop with all its data; `nextWebhookId` hands out ids unique across shops. */
function seedShop(definition, { api, seed, reviewCount, nextWebhookId }) {
	const r = new Random(mix(seed, definition.salt, 3));
	const reviews = new ReviewTable({
		shop: definition,
		seed,
		count: reviewCount,
		sources: api.REVIEW_SOURCES,
	});
	const customers = seedCustomers(r, definition);
	return {
		...definition,
		reviews,
		customers,
		orders: seedOrders(r, definition, customers),
		customerEvents: seedCustomerEvents(r, definition, api, customers, reviews),
		exclusions: seedExclusions(customers),
		unsubscribes: new Map(),
		webhooks: (F.SEEDED_WEBHOOKS[definition.key] ?? []).map(([topic, url], k) => ({
			id: nextWebhookId(),
			topic,
			url,
			owner: 0,
			created: FIXTURE_TIME + k * 60,
			updated: FIXTURE_TIME + k * 60,
		})),
	};
}

module.exports = { seedShop, makeCustomerEvent, makeExclusion };
