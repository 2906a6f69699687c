'use strict';
/** Customer events, email unsubscribes and customer exclusions. */
const { invalidArgument, notFound, alreadyExists } = require('../envelope');
const p = require('../params');
const { makeExclusion } = require('../seed');
const { nowSeconds } = require('../time');

function getCustomerEvents({ api, shop, query }) {
	const paging = p.pagination(query, api);
	const asc = p.ascending(query, api);
	// Free text is allowed ("etc." in the docs): an unknown value just matches nothing.
	const filters = ['event_type', 'os_type', 'event_source']
		.map((field) => [field, p.string(query[field], field, { max: 64 })])
		.filter(([, value]) => value !== undefined && value !== '');
	const matches = shop.customerEvents.filter((e) =>
		filters.every(([field, value]) => e.event[field] === value),
	);
	if (!asc) matches.reverse(); // stored oldest first
	return p.paginate(
		matches.map((e) => ({ ...e.event })),
		paging,
	);
}

function emailUnsubscribe({ api, shop, body }) {
	const b = p.requireObjectBody(body);
	const email = p.email(b.email, 'email', { required: true });
	const emailType = p.string(b.email_type, 'email_type', { required: true });
	if (!api.EMAIL_TYPES.includes(emailType))
		throw invalidArgument(`email_type must be one of ${api.EMAIL_TYPES.join(', ')}`);
	const key = email.toLowerCase();
	if (!shop.unsubscribes.has(key)) shop.unsubscribes.set(key, new Set());
	shop.unsubscribes.get(key).add(emailType);
	return { email, email_type: emailType };
}

/** `{customer_id}` or `{email}`, exactly one (reference §7.7). */
function parseCustomerKey(body) {
	const b = p.requireObjectBody(body);
	const customerId = p.idString(b.customer_id, 'customer_id');
	const email = p.email(b.email, 'email') || undefined;
	if ((customerId === undefined) === (email === undefined))
		throw invalidArgument('exactly one of customer_id or email is required');
	return customerId !== undefined ? { customerId } : { email: email.toLowerCase() };
}

const matchesKey = (key) => (entry) =>
	key.customerId !== undefined
		? entry.exclusion.customer_id === key.customerId
		: entry.exclusion.email.toLowerCase() === key.email;

function createExclusion({ shop, body }) {
	const key = parseCustomerKey(body);
	// A known customer fills in the names; an unknown one is excluded by the given key alone.
	const customer =
		shop.customers.find((c) =>
			key.customerId !== undefined ? c.id === key.customerId : c.email.toLowerCase() === key.email,
		) ?? (key.customerId !== undefined ? { id: key.customerId } : { email: key.email });
	const duplicate = shop.exclusions.some(
		(e) =>
			(customer.id && e.exclusion.customer_id === customer.id) ||
			(customer.email && e.exclusion.email.toLowerCase() === customer.email.toLowerCase()),
	);
	if (duplicate) throw alreadyExists(`customer already excluded: ${key.customerId ?? key.email}`);
	const entry = makeExclusion(customer, nowSeconds());
	shop.exclusions.push(entry);
	return { ...entry.exclusion };
}

function deleteExclusion({ shop, body }) {
	const key = parseCustomerKey(body);
	const index = shop.exclusions.findIndex(matchesKey(key));
	if (index < 0) throw notFound(`exclusion not found: ${key.customerId ?? key.email}`);
	shop.exclusions.splice(index, 1);
	return {};
}

function getExclusions({ api, shop, query }) {
	const paging = p.pagination(query, api);
	const newestFirst = [...shop.exclusions].reverse().map((e) => ({ ...e.exclusion }));
	return p.paginate(newestFirst, paging);
}

module.exports = {
	handlers: {
		getCustomerEvents,
		emailUnsubscribe,
		createExclusion,
		deleteExclusion,
		getExclusions,
	},
};
