/**
 * Customer Event: getAll with every credential — Return All over two pages, Limit, and the event
 * type, operating system, source and sort filters.
 */
const {
	api,
	AUTH_MODES,
	useSandbox,
	runOk,
	queryOf,
	expectOneRequest,
	expectRequest,
	shopState,
	description,
} = require('../support/node-runner');

const ctx = useSandbox({ reviewCount: 20 });

/** The shop's events, newest first, as the API lists them by default. */
function storedEvents() {
	return shopState(ctx.sb)
		.customerEvents.map((entry) => ({ ...entry.event }))
		.reverse();
}

test('the filters offer every documented event type, operating system and source', () => {
	const filters = description().properties.find(
		(p) => p.name === 'filters' && p.displayOptions.show.resource.includes('customerEvent'),
	);
	const values = (name) => filters.options.find((option) => option.name === name).options.map((o) => o.value).sort();
	expect(values('eventType')).toEqual([...api.CUSTOMER_EVENT_TYPES].sort());
	expect(values('osType')).toEqual([...api.CUSTOMER_EVENT_OS_TYPES].sort());
	expect(values('eventSource')).toEqual([...api.CUSTOMER_EVENT_SOURCES].sort());
	expect(values('sortBy')).toEqual([...api.SORT_VALUES].sort());
});

describe.each(AUTH_MODES)('customer event with $label', (mode) => {
	test('getAll with Return All reads every page; one item per event, each once, newest first', async () => {
		const expected = storedEvents();
		expect(expected.length).toBeGreaterThan(api.MAX_PAGE_SIZE);
		const result = await runOk(ctx.sb, mode, { resource: 'customerEvent', operation: 'getAll', returnAll: true });

		const pages = Math.ceil(expected.length / api.MAX_PAGE_SIZE);
		expect(result.requests.map((request) => queryOf(request).page).sort()).toEqual(
			Array.from({ length: pages }, (_, index) => String(index + 1)),
		);
		expect(queryOf(result.requests[0]).page).toBe('1');
		for (const request of result.requests) {
			expectRequest(ctx.sb, request, result, mode, {
				endpoint: 'getCustomerEvents',
				query: { page: queryOf(request).page, page_size: String(api.MAX_PAGE_SIZE) },
			});
		}
		expect(result.items).toEqual(expected);
		expect(new Set(result.items.map((event) => event.id)).size).toBe(expected.length);
	});

	test('getAll with a Limit smaller than a page', async () => {
		const result = await runOk(ctx.sb, mode, { resource: 'customerEvent', operation: 'getAll', limit: 9 });

		expectOneRequest(ctx.sb, result, mode, {
			endpoint: 'getCustomerEvents',
			query: { page: '1', page_size: '9' },
		});
		expect(result.items).toEqual(storedEvents().slice(0, 9));
	});

	test('getAll filters: event type, operating system, source and sort', async () => {
		const filters = { eventType: 'CLICK_MEDIA', osType: 'ANDROID', eventSource: 'STOREFRONT', sortBy: 'created-ascending' };
		const result = await runOk(ctx.sb, mode, { resource: 'customerEvent', operation: 'getAll', returnAll: true, filters });

		expectOneRequest(ctx.sb, result, mode, {
			endpoint: 'getCustomerEvents',
			query: {
				page: '1',
				page_size: String(api.MAX_PAGE_SIZE),
				event_type: 'CLICK_MEDIA',
				os_type: 'ANDROID',
				event_source: 'STOREFRONT',
				sort_by: 'created-ascending',
			},
		});
		const expected = storedEvents()
			.filter((e) => e.event_type === 'CLICK_MEDIA' && e.os_type === 'ANDROID' && e.event_source === 'STOREFRONT')
			.reverse();
		expect(expected.length).toBeGreaterThanOrEqual(1);
		expect(result.items).toEqual(expected);
		for (const event of result.items) {
			expect(event).toMatchObject({ event_type: 'CLICK_MEDIA', os_type: 'ANDROID', event_source: 'STOREFRONT' });
		}
	});

	test('getAll: a value the list does not offer, set by an expression, is sent as it is', async () => {
		// The docs list the operating systems with "etc."; the sandbox also records MACOS.
		const result = await runOk(ctx.sb, mode, {
			resource: 'customerEvent',
			operation: 'getAll',
			returnAll: true,
			filters: { osType: '={{ "MACOS" }}' },
		});
		expect(result.requests.map(queryOf)).toEqual([{ page: '1', page_size: String(api.MAX_PAGE_SIZE), os_type: 'MACOS' }]);
		const expected = storedEvents().filter((e) => e.os_type === 'MACOS');
		expect(expected.length).toBeGreaterThan(1);
		expect(result.items).toEqual(expected);
	});

	test('getAll filter by one field only (event type), newest first', async () => {
		const result = await runOk(ctx.sb, mode, {
			resource: 'customerEvent',
			operation: 'getAll',
			returnAll: true,
			filters: { eventType: 'SUBMIT_REVIEW' },
		});

		expect(result.requests.map(queryOf)).toEqual([
			{ page: '1', page_size: String(api.MAX_PAGE_SIZE), event_type: 'SUBMIT_REVIEW' },
		]);
		const expected = storedEvents().filter((e) => e.event_type === 'SUBMIT_REVIEW');
		expect(expected.length).toBeGreaterThan(1);
		expect(result.items).toEqual(expected);
	});
});
