'use strict';
/**
 * The TrustWILL (Trustoo) Trigger in a running n8n (`n8n start`): workflows are activated through
 * n8n's REST API, which registers the Trustoo webhooks in the sandbox; the sandbox then delivers
 * signed events to n8n's production webhook URL, and the executions are read back over REST.
 * Deactivating removes the webhooks again.
 */
const { ENDPOINTS } = require('../../dist/nodes/shared/api');
const {
	SETUP_TIMEOUT_MS,
	TEARDOWN_TIMEOUT_MS,
	NODE_TYPES,
	setupE2E,
	withN8nLog,
	node,
	workflow,
	chain,
	createReviewInSandbox,
	shopRequest,
	waitFor,
	sleep,
} = require('./support');
const { credentialRef } = require('../../scripts/sandbox-credentials');

jest.setTimeout(5 * 60 * 1000);

const OWNER = { email: 'e2e-owner@example.com', password: 'E2e-Trustoo-2026', firstName: 'E2E', lastName: 'Owner' };
const API_WEBHOOK_ID = '0f7c2f0e-3b7a-4d8e-9a51-6d2b8e1c4a01';
const OAUTH_WEBHOOK_ID = '0f7c2f0e-3b7a-4d8e-9a51-6d2b8e1c4a02';

function triggerWorkflow(id, name, auth, webhookId, parameters) {
	return workflow(
		id,
		name,
		[
			node('Trustoo Trigger', NODE_TYPES.trigger, { authentication: auth, ...parameters }, { webhookId, credentials: credentialRef(auth) }),
			node('Received', 'n8n-nodes-base.noOp'),
		],
		chain('Trustoo Trigger', 'Received'),
	);
}

const API_WORKFLOW = triggerWorkflow('e2eTrigger01a', 'E2E trigger: negative reviews (API token)', 'apiKey', API_WEBHOOK_ID, {
	events: ['review/created', 'review/updated'],
	options: { maxRating: 2 },
});
const OAUTH_WORKFLOW = triggerWorkflow('e2eTrigger01o', 'E2E trigger: events and deletions (OAuth2)', 'oAuth2', OAUTH_WEBHOOK_ID, {
	events: ['customer_event/created', 'review/deleted'],
});

describe('TrustWILL (Trustoo) Trigger in a running n8n', () => {
	let env;
	/** `test()` whose failure message ends with n8n's log. */
	const t = (name, fn) => test(name, withN8nLog(() => env, fn));
	let n8n;
	let sandbox;
	let demo;
	const urlOf = (webhookId) => `${n8n.baseUrl}/webhook/${webhookId}/webhook`;
	const hooksAt = (url) => demo.webhooks.filter((webhook) => webhook.url === url);

	/** The items the trigger emitted in each execution of a workflow, oldest first. */
	async function triggeredItems(workflowId) {
		const executions = await n8n.listExecutions(workflowId);
		const items = [];
		for (const summary of [...executions].reverse()) {
			const execution = await n8n.getExecution(summary.id);
			expect(execution.status).toBe('success');
			items.push(execution.data.resultData.runData['Trustoo Trigger'][0].data.main[0].map((item) => item.json));
		}
		return items;
	}

	beforeAll(async () => {
		env = await setupE2E('trigger');
		({ n8n, sandbox } = env);
		demo = sandbox.state.shops.find((shop) => shop.key === 'demo');
		await n8n.importWorkflows([API_WORKFLOW, OAUTH_WORKFLOW]);
		await n8n.start();
		await n8n.ensureOwner(OWNER);
	}, SETUP_TIMEOUT_MS);

	afterAll(async () => {
		if (env) await env.cleanup();
	}, TEARDOWN_TIMEOUT_MS);

	t('activating registers one Trustoo webhook per event at the production URL', async () => {
		sandbox.clearRequests();
		const apiActive = await n8n.activateWorkflow(API_WORKFLOW.id);
		const oauthActive = await n8n.activateWorkflow(OAUTH_WORKFLOW.id);
		expect(apiActive.active).toBe(true);
		expect(oauthActive.active).toBe(true);

		expect(hooksAt(urlOf(API_WEBHOOK_ID)).map((hook) => hook.topic).sort()).toEqual(['review/created', 'review/updated']);
		expect(hooksAt(urlOf(OAUTH_WEBHOOK_ID)).map((hook) => hook.topic).sort()).toEqual(['customer_event/created', 'review/deleted']);
		// Made over HMAC by the API-token workflow and with a Bearer token by the OAuth2 one.
		const creates = sandbox.requests.filter((request) => request.path === ENDPOINTS.createWebhook.path);
		expect(creates.filter((request) => request.auth === 'hmac' && request.code === 0)).toHaveLength(2);
		expect(creates.filter((request) => request.auth === 'bearer' && request.code === 0)).toHaveLength(2);
	});

	t('a signed review/created delivery of a 1-star review starts the workflow; a 5-star one does not', async () => {
		sandbox.clearDeliveries();
		const bad = await createReviewInSandbox(sandbox, { rating: 1, author: 'Unhappy E2E shopper', title: 'Broke after a day' });
		const good = await createReviewInSandbox(sandbox, { rating: 5, author: 'Happy E2E shopper', title: 'Love it' });
		await waitFor(() => sandbox.deliveries.filter((d) => d.status !== 'pending').length >= 2, { what: 'two deliveries' });
		const toN8n = sandbox.deliveries.filter((delivery) => delivery.url === urlOf(API_WEBHOOK_ID));
		expect(toN8n.map((delivery) => [delivery.topic, delivery.status, delivery.httpStatus])).toEqual([
			['review/created', 'delivered', 200],
			['review/created', 'delivered', 200],
		]);

		await n8n.waitForExecutions(API_WORKFLOW.id, (executions) => executions.length >= 1);
		await sleep(1000); // a second execution (the 5-star review) would have shown up by now
		const items = await triggeredItems(API_WORKFLOW.id);
		expect(items).toHaveLength(1);
		expect(items[0]).toHaveLength(1);
		expect(items[0][0]).toMatchObject({ id: String(bad.id), rating: 1, author: 'Unhappy E2E shopper', title: 'Broke after a day' });
		expect(String(items[0][0].id)).not.toBe(String(good.id));
	});

	t('a merchant edit (review/updated) to 2 stars starts it again; a redelivery does not', async () => {
		const id = demo.reviews.idOf(5); // a seeded review
		const { deliveries } = await sandbox.updateReview(id, { rating: 2, title: 'Changed my mind' });
		expect(deliveries.filter((d) => d.url === urlOf(API_WEBHOOK_ID)).map((d) => d.httpStatus)).toEqual([200]);
		await n8n.waitForExecutions(API_WORKFLOW.id, (executions) => executions.length >= 2);
		let items = await triggeredItems(API_WORKFLOW.id);
		expect(items[1][0]).toMatchObject({ id: String(id), rating: 2, title: 'Changed my mind' });

		// Trustoo retries with the same request id: acknowledged, but no second execution.
		const original = sandbox.deliveries.find((d) => d.url === urlOf(API_WEBHOOK_ID) && d.topic === 'review/updated');
		await sandbox.redeliver(original.index);
		await sandbox.settleDeliveries();
		const redelivery = sandbox.deliveries.find((d) => d.redeliveryOf === original.index);
		expect(redelivery).toMatchObject({ status: 'delivered', httpStatus: 200 });
		await sleep(1000);
		items = await triggeredItems(API_WORKFLOW.id);
		expect(items).toHaveLength(2);
	});

	t('the OAuth2 trigger receives customer events and deletions signed with the client secret', async () => {
		const { event } = await sandbox.addCustomerEvent({ event_type: 'WRITE_REVIEW', os_type: 'IOS', event_source: 'STOREFRONT' });
		const created = await createReviewInSandbox(sandbox, { rating: 4, author: 'Soon deleted' });
		await shopRequest(sandbox, 'POST', ENDPOINTS.deleteReview.path, { body: { id: created.id } });
		await n8n.waitForExecutions(OAUTH_WORKFLOW.id, (executions) => executions.length >= 2);
		const items = (await triggeredItems(OAUTH_WORKFLOW.id)).flat();
		expect(items).toEqual([
			expect.objectContaining({ id: event.id, event_type: 'WRITE_REVIEW' }),
			expect.objectContaining({ id: created.id, author: 'Soon deleted' }),
		]);
	});

	t('a delivery with a wrong signature is refused and starts nothing', async () => {
		const before = (await n8n.listExecutions(API_WORKFLOW.id)).length;
		const delivered = sandbox.deliveries.find((d) => d.url === urlOf(API_WEBHOOK_ID));
		const headers = { ...delivered.headers, 'Open-Trustoo-Webhook-Sign': '0'.repeat(64) };
		const response = await fetch(urlOf(API_WEBHOOK_ID), { method: 'POST', headers, body: delivered.body });
		expect(response.status).toBeGreaterThanOrEqual(400);
		expect(response.status).toBeLessThan(500);
		await sleep(500);
		expect(await n8n.listExecutions(API_WORKFLOW.id)).toHaveLength(before);
	});

	t('deactivating deletes the webhooks from Trustoo and nothing is delivered any more', async () => {
		await n8n.deactivateWorkflow(API_WORKFLOW.id);
		await n8n.deactivateWorkflow(OAUTH_WORKFLOW.id);
		expect(hooksAt(urlOf(API_WEBHOOK_ID))).toEqual([]);
		expect(hooksAt(urlOf(OAUTH_WEBHOOK_ID))).toEqual([]);
		// The seeded webhooks of other apps are untouched.
		expect(demo.webhooks.some((hook) => hook.url.startsWith('https://hooks.example.com/'))).toBe(true);

		sandbox.clearDeliveries();
		await createReviewInSandbox(sandbox, { rating: 1, author: 'After deactivation' });
		await sleep(500);
		expect(sandbox.deliveries.filter((d) => d.url.startsWith(n8n.baseUrl))).toEqual([]);
		expect(env.n8n.refusedConnections()).toEqual([]);
	});
});
