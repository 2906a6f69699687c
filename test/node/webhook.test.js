/**
 * Webhook: create, update, delete and getAll (Return All / Limit) with every credential, the topic
 * dropdown, and URL checks before sending.
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
	optionValues,
	description,
} = require('../support/node-runner');
const { toWebhook } = require('../sandbox/handlers/webhooks');

const ctx = useSandbox({ reviewCount: 20 });

/** Webhooks the caller owns in the sandbox: the shop's own (HMAC) or the platform's (OAuth2). */
function ownedWebhooks(mode) {
	const owner = mode.kind === 'hmac' ? 0 : ctx.sb.demo.oauth.clientId;
	return shopState(ctx.sb)
		.webhooks.filter((webhook) => webhook.owner === owner)
		.map(toWebhook);
}

const ISO_Z = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const PLAIN = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

test('the Topic dropdown offers exactly the four Trustoo topics, for create and update', () => {
	for (const operation of ['create', 'update']) {
		const topics = optionValues('topic', 'webhook', operation);
		expect(topics).toHaveLength(4);
		expect([...topics].sort()).toEqual(Object.keys(api.WEBHOOK_TOPICS).sort());
		expect([...topics].sort()).toEqual(['customer_event/created', 'review/created', 'review/deleted', 'review/updated']);
	}
	// Each operation defines its own Topic field; every one of them belongs to the webhook resource.
	const topicFields = description().properties.filter((p) => p.name === 'topic');
	expect(topicFields.map((p) => p.displayOptions.show.operation).flat().sort()).toEqual(['create', 'update']);
	expect(new Set(topicFields.map((p) => p.displayOptions.show.resource).flat())).toEqual(new Set(['webhook']));
});

describe.each(AUTH_MODES.map((mode, index) => ({ ...mode, index })))('webhook with $label', (mode) => {
	const url = (name) => `https://hooks.example.net/n8n/${mode.index}/${name}`;

	test('create: registers the topic and URL and outputs the webhook', async () => {
		const result = await runOk(ctx.sb, mode, {
			resource: 'webhook',
			operation: 'create',
			topic: 'review/updated',
			url: `  ${url('created')}  `,
		});

		expectOneRequest(ctx.sb, result, mode, {
			endpoint: 'createWebhook',
			body: { topic: 'review/updated', url: url('created') },
		});
		expect(result.items).toHaveLength(1);
		const [webhook] = result.items;
		expect(webhook).toMatchObject({ topic: 'review/updated', url: url('created') });
		expect(webhook.id).toMatch(/^\d+$/);
		expect(webhook.created_at).toMatch(ISO_Z);
		expect(webhook.updated_at).toMatch(PLAIN);
		expect(ownedWebhooks(mode)).toContainEqual(webhook);
	});

	test('update: changes topic and URL of the webhook', async () => {
		const created = await runOk(ctx.sb, mode, { resource: 'webhook', operation: 'create', topic: 'review/created', url: url('before') });
		const id = created.items[0].id;

		const result = await runOk(ctx.sb, mode, {
			resource: 'webhook',
			operation: 'update',
			webhookId: id,
			topic: 'customer_event/created',
			url: url('after'),
		});

		expectOneRequest(ctx.sb, result, mode, {
			endpoint: 'updateWebhook',
			body: { id, topic: 'customer_event/created', url: url('after') },
		});
		expect(result.items).toHaveLength(1);
		expect(result.items[0]).toMatchObject({ id, topic: 'customer_event/created', url: url('after') });
		expect(ownedWebhooks(mode).find((webhook) => webhook.id === id)).toEqual(result.items[0]);
	});

	test('delete: removes the webhook and outputs its ID', async () => {
		const created = await runOk(ctx.sb, mode, { resource: 'webhook', operation: 'create', topic: 'review/deleted', url: url('gone') });
		const id = created.items[0].id;

		const result = await runOk(ctx.sb, mode, { resource: 'webhook', operation: 'delete', webhookId: id });

		expectOneRequest(ctx.sb, result, mode, { endpoint: 'deleteWebhook', body: { id } });
		expect(result.items).toEqual([{ id }]);
		expect(ownedWebhooks(mode).map((webhook) => webhook.id)).not.toContain(id);
	});

	test('getAll with Return All: one item per webhook the caller owns, as stored', async () => {
		await runOk(ctx.sb, mode, { resource: 'webhook', operation: 'create', topic: 'review/created', url: url('listed-1') });
		await runOk(ctx.sb, mode, { resource: 'webhook', operation: 'create', topic: 'review/deleted', url: url('listed-2') });
		const expected = ownedWebhooks(mode);
		expect(expected.length).toBeGreaterThanOrEqual(2);
		ctx.sb.clearRequests();

		const result = await runOk(ctx.sb, mode, { resource: 'webhook', operation: 'getAll', returnAll: true });

		expectOneRequest(ctx.sb, result, mode, { endpoint: 'getWebhooks', query: {} });
		expect(result.items).toEqual(expected);
	});

	test('getAll with a Limit returns only that many', async () => {
		const expected = ownedWebhooks(mode);
		expect(expected.length).toBeGreaterThan(1);

		const result = await runOk(ctx.sb, mode, { resource: 'webhook', operation: 'getAll', returnAll: false, limit: 1 });

		expectOneRequest(ctx.sb, result, mode, { endpoint: 'getWebhooks', query: {} });
		expect(result.items).toEqual(expected.slice(0, 1));
	});

	test('getAll when Trustoo answers `data: {list}` instead of an array: the same items, Limit applied', async () => {
		const expected = ownedWebhooks(mode);
		expect(expected.length).toBeGreaterThan(1);
		ctx.sb.setFault({ kind: 'shape', shape: 'wrapped-list', endpoint: 'getWebhooks' });

		const all = await runOk(ctx.sb, mode, { resource: 'webhook', operation: 'getAll', returnAll: true });
		expect(all.requests.map((request) => request.response.data)).toEqual([{ list: expected }]);
		expect(all.items).toEqual(expected);
		const limited = await runOk(ctx.sb, mode, { resource: 'webhook', operation: 'getAll', returnAll: false, limit: 1 });
		expect(limited.items).toEqual(expected.slice(0, 1));
	});
});

describe('webhook: the URL is checked before anything is sent', () => {
	const mode = AUTH_MODES[0];
	test.each([
		['a relative URL', 'trustoo-webhook'],
		['an ftp URL', 'ftp://example.com/hook'],
		['a URL with spaces only', '   '],
	])('%s', async (_label, badUrl) => {
		for (const operation of ['create', 'update']) {
			const parameters = { resource: 'webhook', operation, webhookId: '19', topic: 'review/created', url: badUrl };
			const failed = await run(ctx.sb, mode, parameters);
			expect(failed.error?.message).toMatch(/is not an http\(s\) URL/);
			const { original } = await originalError(ctx.sb, mode, parameters);
			expect(original).toBeInstanceOf(NodeOperationError);
		}
		expect(ctx.sb.requests).toHaveLength(0);
	});
});
