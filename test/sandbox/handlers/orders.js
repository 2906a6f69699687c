'use strict';
/** getOrders: review-request orders filtered by status and by sent / creation time. */
const p = require('../params');

function getOrders({ api, shop, query }) {
	const paging = p.pagination(query, api);
	const asc = p.ascending(query, api);
	const statuses = Object.keys(api.ORDER_REQUEST_STATUSES).map(Number);
	const type =
		p.integer(query.type, 'type', {
			min: Math.min(...statuses),
			max: Math.max(...statuses),
			range: `${Math.min(...statuses)} to ${Math.max(...statuses)}`,
		}) ?? 0;
	const sentFrom = p.time(query.start_sent_at, 'start_sent_at');
	const sentTo = p.time(query.end_sent_at, 'end_sent_at');
	const from = p.time(query.start_time, 'start_time');
	const to = p.time(query.end_time, 'end_time');
	const sentFilter = sentFrom !== undefined || sentTo !== undefined;
	const matches = shop.orders.filter(
		(o) =>
			(type === 0 || o.order.type === type) &&
			(!sentFilter ||
				(o.sent !== null &&
					(sentFrom === undefined || o.sent >= sentFrom) &&
					(sentTo === undefined || o.sent <= sentTo))) &&
			(from === undefined || o.created >= from) &&
			(to === undefined || o.created <= to),
	);
	if (!asc) matches.reverse(); // stored oldest first
	return p.paginate(
		matches.map((o) => ({ ...o.order })),
		paging,
	);
}

module.exports = { handlers: { getOrders } };
