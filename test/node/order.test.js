/**
 * Order: getAll with every credential — Return All, Limit, the review-request status, created and
 * sent date ranges (sent in Trustoo's `YYYY-MM-DD HH:mm:ss`), sort — and dates that cannot be read.
 */
const { NodeOperationError } = require('n8n-workflow');
const {
	api,
	AUTH_MODES,
	useSandbox,
	run,
	runOk,
	originalError,
	expectOneRequest,
	shopState,
	description,
} = require('../support/node-runner');

const ctx = useSandbox({ reviewCount: 20 });

const TRUSTOO_DATE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
/** Seconds from Trustoo's UTC `YYYY-MM-DD HH:mm:ss`. */
const plainSeconds = (text) => Date.parse(`${text.replace(' ', 'T')}Z`) / 1000;
const isoSeconds = (text) => Date.parse(text) / 1000;

/** The shop's orders, newest first, as the API lists them. */
function storedOrders() {
	return shopState(ctx.sb)
		.orders.map((entry) => ({ ...entry.order }))
		.reverse();
}

test('the Review Request Status filter offers every documented status', () => {
	const filters = description().properties.find(
		(p) => p.name === 'filters' && p.displayOptions.show.resource.includes('order'),
	);
	const status = filters.options.find((option) => option.name === 'requestStatus');
	expect(status.options.map((option) => option.value).sort()).toEqual(
		Object.keys(api.ORDER_REQUEST_STATUSES).map(Number).sort(),
	);
});

describe.each(AUTH_MODES)('order with $label', (mode) => {
	test('getAll with Return All: every order once, newest first, one item per order', async () => {
		const expected = storedOrders();
		const result = await runOk(ctx.sb, mode, { resource: 'order', operation: 'getAll', returnAll: true });

		expectOneRequest(ctx.sb, result, mode, {
			endpoint: 'getOrders',
			query: { page: '1', page_size: String(api.MAX_PAGE_SIZE) },
		});
		expect(result.items).toEqual(expected);
		expect(new Set(result.items.map((order) => order.id)).size).toBe(expected.length);
	});

	test('getAll with a Limit smaller than a page', async () => {
		const result = await runOk(ctx.sb, mode, { resource: 'order', operation: 'getAll', limit: 4 });

		expectOneRequest(ctx.sb, result, mode, { endpoint: 'getOrders', query: { page: '1', page_size: '4' } });
		expect(result.items).toEqual(storedOrders().slice(0, 4));
	});

	test('getAll filters: status, created range and sort; dates sent as YYYY-MM-DD HH:mm:ss (UTC)', async () => {
		const result = await runOk(ctx.sb, mode, {
			resource: 'order',
			operation: 'getAll',
			returnAll: true,
			filters: {
				requestStatus: 3,
				createdAfter: '2026-01-06T00:00:00Z', // with a zone: converted to UTC
				createdBefore: '2026-01-15T14:30:00+02:00',
				sortBy: 'created-ascending',
			},
		});

		const request = expectOneRequest(ctx.sb, result, mode, {
			endpoint: 'getOrders',
			query: {
				page: '1',
				page_size: String(api.MAX_PAGE_SIZE),
				type: '3',
				start_time: '2026-01-06 00:00:00',
				end_time: '2026-01-15 12:30:00',
				sort_by: 'created-ascending',
			},
		});
		expect(request.rawQuery).toContain('start_time=2026-01-06%2000%3A00%3A00');

		const from = plainSeconds('2026-01-06 00:00:00');
		const to = plainSeconds('2026-01-15 12:30:00');
		const expected = storedOrders()
			.filter((order) => order.type === 3)
			.filter((order) => isoSeconds(order.created_at) >= from && isoSeconds(order.created_at) <= to)
			.reverse();
		expect(expected.length).toBeGreaterThan(1);
		expect(result.items).toEqual(expected);
		for (let i = 1; i < result.items.length; i++) {
			expect(isoSeconds(result.items[i].created_at)).toBeGreaterThanOrEqual(isoSeconds(result.items[i - 1].created_at));
		}
	});

	test('getAll filters: request-sent range (dates without a zone keep their digits)', async () => {
		const result = await runOk(ctx.sb, mode, {
			resource: 'order',
			operation: 'getAll',
			returnAll: true,
			filters: { sentAfter: '2026-01-10', sentBefore: '2026-01-16T09:15' },
		});

		expectOneRequest(ctx.sb, result, mode, {
			endpoint: 'getOrders',
			query: {
				page: '1',
				page_size: String(api.MAX_PAGE_SIZE),
				start_sent_at: '2026-01-10 00:00:00',
				end_sent_at: '2026-01-16 09:15:00',
			},
		});
		const from = plainSeconds('2026-01-10 00:00:00');
		const to = plainSeconds('2026-01-16 09:15:00');
		const expected = storedOrders().filter(
			(order) => order.sent_at !== '' && isoSeconds(order.sent_at) >= from && isoSeconds(order.sent_at) <= to,
		);
		expect(expected.length).toBeGreaterThan(1);
		expect(result.items).toEqual(expected);
		for (const order of result.items) expect(order.sent_at).not.toBe('');
	});
});

describe('order: a date that cannot be read stops the item before anything is sent', () => {
	const mode = AUTH_MODES[0];
	test.each([
		['Created After', 'createdAfter', 'yesterday-ish'],
		['Created Before', 'createdBefore', '2026-13-01'],
		['Request Sent After', 'sentAfter', '2025-02-31'],
		['Request Sent Before', 'sentBefore', '12/31/2025 25:00'],
	])('%s', async (label, field, value) => {
		const parameters = { resource: 'order', operation: 'getAll', returnAll: true, filters: { [field]: value } };
		const failed = await run(ctx.sb, mode, parameters);
		expect(failed.error).toBeDefined();
		expect(failed.error.message).toContain(`${label} "${value}" is not a valid date`);
		expect(failed.error.description).toMatch(/Use a date like/);
		const { original } = await originalError(ctx.sb, mode, parameters);
		expect(original).toBeInstanceOf(NodeOperationError);
		expect(original.message).toContain(label);
		expect(ctx.sb.requests).toHaveLength(0);
	});

	test('every date the node sends has Trustoo’s format', async () => {
		const result = await runOk(ctx.sb, mode, {
			resource: 'order',
			operation: 'getAll',
			limit: 1,
			filters: {
				createdAfter: '2026-01-05T08:00:00.000',
				createdBefore: '2026-03-01',
				sentAfter: '2026-01-01T00:00:00Z',
				sentBefore: '2026-12-31T23:59:59-01:00',
			},
		});
		const [request] = result.requests;
		const dates = ['start_time', 'end_time', 'start_sent_at', 'end_sent_at'].map((key) => request.query[key]);
		for (const date of dates) expect(date).toMatch(TRUSTOO_DATE);
		expect(dates).toEqual(['2026-01-05 08:00:00', '2026-03-01 00:00:00', '2026-01-01 00:00:00', '2027-01-01 00:59:59']);
	});
});
