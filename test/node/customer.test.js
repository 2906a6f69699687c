/**
 * Customer: unsubscribe (every email type), createExclusion / deleteExclusion (by customer ID or by
 * email, never both, never neither) and getExclusions, with every credential.
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
	expectRequest,
	shopState,
	optionValues,
	SKIP,
} = require('../support/node-runner');

const ctx = useSandbox({ reviewCount: 20 });

/** Exclusions as the API lists them: newest first. */
const storedExclusions = () =>
	shopState(ctx.sb)
		.exclusions.map((entry) => ({ ...entry.exclusion }))
		.reverse();

test('Email Type offers every documented email type, and nothing else', () => {
	const values = optionValues('emailType', 'customer', 'unsubscribe');
	expect(values).toHaveLength(api.EMAIL_TYPES.length);
	expect([...values].sort()).toEqual([...api.EMAIL_TYPES].sort());
	expect(api.EMAIL_TYPES).toHaveLength(17);
});

describe.each(AUTH_MODES.map((mode, index) => ({ ...mode, index })))('customer with $label', (mode) => {
	test('unsubscribe: sends the trimmed email and the type; Trustoo records it', async () => {
		const email = `Jane.Doe+${mode.index}@Example.com`;
		const result = await runOk(ctx.sb, mode, {
			resource: 'customer',
			operation: 'unsubscribe',
			email: `  ${email} `,
			emailType: 'review_request',
		});

		expectOneRequest(ctx.sb, result, mode, {
			endpoint: 'emailUnsubscribe',
			body: { email, email_type: 'review_request' },
		});
		expect(result.items).toEqual([{ email, email_type: 'review_request' }]);
		expect([...shopState(ctx.sb).unsubscribes.get(email.toLowerCase())]).toEqual(['review_request']);
	});

	test('unsubscribe: every email type of the dropdown is accepted (one input item per type)', async () => {
		const types = optionValues('emailType', 'customer', 'unsubscribe');
		const email = `all-types-${mode.index}@example.com`;
		const result = await runOk(
			ctx.sb,
			mode,
			{ resource: 'customer', operation: 'unsubscribe', email, emailType: '={{ $json.type }}' },
			{ inputItems: types.map((type) => ({ type })) },
		);

		expect(result.requests).toHaveLength(types.length);
		const sent = result.requests.map((request) => {
			expectRequest(ctx.sb, request, result, mode, { endpoint: 'emailUnsubscribe', body: SKIP });
			return JSON.parse(request.rawBody);
		});
		expect(sent.map((body) => body.email_type).sort()).toEqual([...types].sort());
		expect(result.items).toEqual(types.map((type) => ({ email, email_type: type })));
		expect([...shopState(ctx.sb).unsubscribes.get(email)].sort()).toEqual([...api.EMAIL_TYPES].sort());
	});

	test('createExclusion by customer ID: a 20-digit Shopify ID stays an exact string', async () => {
		const customerId = `230446103595${mode.index}1234567`; // 20 digits, beyond 2^53
		expect(customerId).toHaveLength(20);
		const result = await runOk(ctx.sb, mode, {
			resource: 'customer',
			operation: 'createExclusion',
			customerId: ` ${customerId} `,
			email: '',
		});

		const request = expectOneRequest(ctx.sb, result, mode, { endpoint: 'createExclusion', body: { customer_id: customerId } });
		expect(request.rawBody).toBe(`{"customer_id":"${customerId}"}`);
		expect(result.items).toHaveLength(1);
		expect(result.items[0].customer_id).toBe(customerId);
		expect(storedExclusions()[0]).toEqual(result.items[0]);
	});

	test('createExclusion by email of a known customer: Trustoo fills in the customer', async () => {
		const customer = shopState(ctx.sb).customers[20 + mode.index];
		const result = await runOk(ctx.sb, mode, {
			resource: 'customer',
			operation: 'createExclusion',
			customerId: '',
			email: customer.email,
		});

		expectOneRequest(ctx.sb, result, mode, { endpoint: 'createExclusion', body: { email: customer.email } });
		expect(result.items).toHaveLength(1);
		expect(result.items[0]).toMatchObject({
			customer_id: customer.id,
			email: customer.email,
			first_name: customer.first_name,
			last_name: customer.last_name,
		});
		expect(storedExclusions()[0]).toEqual(result.items[0]);
	});

	test('deleteExclusion by customer ID and by email', async () => {
		const [byId, byEmail] = storedExclusions().filter((e) => e.customer_id && e.email).slice(-2);
		const first = await runOk(ctx.sb, mode, { resource: 'customer', operation: 'deleteExclusion', customerId: byId.customer_id, email: '' });
		expectOneRequest(ctx.sb, first, mode, { endpoint: 'deleteExclusion', body: { customer_id: byId.customer_id } });
		expect(first.items).toEqual([{ success: true }]);

		const second = await runOk(ctx.sb, mode, { resource: 'customer', operation: 'deleteExclusion', customerId: '', email: byEmail.email });
		expectOneRequest(ctx.sb, second, mode, { endpoint: 'deleteExclusion', body: { email: byEmail.email } });
		expect(second.items).toEqual([{ success: true }]);

		const remaining = storedExclusions().map((e) => e.customer_id);
		expect(remaining).not.toContain(byId.customer_id);
		expect(remaining).not.toContain(byEmail.customer_id);
	});

	test('getExclusions with Return All and with a Limit', async () => {
		const expected = storedExclusions();
		expect(expected.length).toBeGreaterThan(3);
		const all = await runOk(ctx.sb, mode, { resource: 'customer', operation: 'getExclusions', returnAll: true });
		expectOneRequest(ctx.sb, all, mode, {
			endpoint: 'getExclusions',
			query: { page: '1', page_size: String(api.MAX_PAGE_SIZE) },
		});
		expect(all.items).toEqual(expected);

		const some = await runOk(ctx.sb, mode, { resource: 'customer', operation: 'getExclusions', limit: 3 });
		expectOneRequest(ctx.sb, some, mode, { endpoint: 'getExclusions', query: { page: '1', page_size: '3' } });
		expect(some.items).toEqual(expected.slice(0, 3));
	});
});

describe('customer: input checked before anything is sent', () => {
	const mode = AUTH_MODES[0];
	const cases = [];
	for (const operation of ['createExclusion', 'deleteExclusion']) {
		cases.push(
			[operation, 'both customer ID and email', { customerId: '23044610359590', email: 'a@example.com' }, /Set either Customer ID or Email, not both/],
			[operation, 'neither customer ID nor email', { customerId: '', email: '  ' }, /Customer ID or Email is required/],
			[operation, 'a customer ID that is not a number', { customerId: 'cust-1', email: '' }, /Customer ID "cust-1" must be a number/],
			[operation, 'an invalid email', { customerId: '', email: 'not-an-email' }, /Email "not-an-email" is not a valid email address/],
		);
	}
	cases.push(['unsubscribe', 'an invalid email', { email: 'jane@', emailType: 'all' }, /Email "jane@" is not a valid email address/]);

	test.each(cases)('%s with %s', async (operation, _label, parameters, message) => {
		const before = shopState(ctx.sb).exclusions.length;
		const failed = await run(ctx.sb, mode, { resource: 'customer', operation, ...parameters });
		expect(failed.error?.message).toMatch(message);
		const { original } = await originalError(ctx.sb, mode, { resource: 'customer', operation, ...parameters });
		expect(original).toBeInstanceOf(NodeOperationError);
		expect(original.message).toMatch(message);
		expect(ctx.sb.requests).toHaveLength(0);
		expect(shopState(ctx.sb).exclusions.length).toBe(before);
	});
});
