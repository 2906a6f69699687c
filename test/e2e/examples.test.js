'use strict';
/**
 * The example workflows (examples/*.json) in a real n8n, against the sandbox. Steps that need an
 * outside service are swapped for a No Operation node of the same name (Slack, Google Sheets),
 * the OpenAI chat model talks to a scripted stand-in on 127.0.0.1, and the chat trigger becomes a
 * manual start that sends one chat message. Everything else runs as shipped:
 *  - run-once examples through `n8n execute-batch` (their "Run now" manual trigger),
 *  - trigger examples (TrustWILL trigger, n8n form) published in a running n8n and fed real
 *    webhook deliveries / a real form submission.
 */
const fs = require('node:fs');

const { ENDPOINTS } = require('../../dist/nodes/shared/api');
const {
	SETUP_TIMEOUT_MS,
	TEARDOWN_TIMEOUT_MS,
	EXAMPLES_DIR,
	NODE_TYPES,
	setupE2E,
	withN8nLog,
	node,
	loadExample,
	replaceWithNoOp,
	createReviewInSandbox,
	shopRequest,
	outputItems,
	describeRun,
	sleep,
} = require('./support');
const { startFakeOpenAi } = require('./fake-openai');

jest.setTimeout(5 * 60 * 1000);

const OWNER = { email: 'e2e-owner@example.com', password: 'E2e-Trustoo-2026', firstName: 'E2E', lastName: 'Owner' };
const OPENAI_CREDENTIAL = { id: 'e2eOpenAiFake01', name: 'OpenAI (fake, e2e)' };
const FILES = {
	alert: 'negative-review-alert.json',
	export: 'daily-review-export.json',
	sync: 'sync-unsubscribes-and-exclusions.json',
	form: 'review-from-form.json',
	ai: 'ai-review-assistant.json',
};

/** The chat trigger becomes Start → a Set node of the trigger's name that sends `chatInput`. */
function withChatMessage(wf, chatInput) {
	const trigger = wf.nodes.find((entry) => entry.type === '@n8n/n8n-nodes-langchain.chatTrigger');
	const index = wf.nodes.indexOf(trigger);
	wf.nodes[index] = node(
		trigger.name,
		'n8n-nodes-base.set',
		{
			assignments: {
				assignments: [
					{ id: 'e2e-chat-input', name: 'chatInput', value: chatInput, type: 'string' },
					{ id: 'e2e-session-id', name: 'sessionId', value: 'e2e-session-1', type: 'string' },
				],
			},
			options: {},
		},
		{ typeVersion: 3.4, position: trigger.position },
	);
	wf.nodes.push(node('Start', 'n8n-nodes-base.manualTrigger', {}, { position: [trigger.position[0] - 240, trigger.position[1]] }));
	wf.connections.Start = { main: [[{ node: trigger.name, type: 'main', index: 0 }]] };
	return wf;
}

describe('example workflows in a real n8n', () => {
	let env;
	/** `test()` whose failure message ends with n8n's log. */
	const t = (name, fn) => test(name, withN8nLog(() => env, fn));
	let n8n;
	let sandbox;
	let demo;
	let fakeOpenAi;
	let batch;
	const wf = {};
	const before = {};

	beforeAll(async () => {
		env = await setupE2E('examples');
		({ n8n, sandbox } = env);
		demo = sandbox.state.shops.find((shop) => shop.key === 'demo');

		fakeOpenAi = await startFakeOpenAi({
			toolArguments: (name) => (/review/i.test(name) ? { limit: 3, keyword: '' } : {}),
			finalAnswer: (toolMessages) => {
				const parsed = toolMessages.map((message) => {
					try {
						return JSON.parse(message.content);
					} catch {
						return message.content;
					}
				});
				const reviews = parsed.find((value) => Array.isArray(value) && value.length && value[0].author !== undefined) ?? [];
				const rating = parsed.flat().find((value) => value && typeof value === 'object' && value.rating_value !== undefined);
				return `Latest reviews: ${reviews.map((review) => `${review.id} (${review.rating} stars)`).join(', ')}. Average rating ${rating?.rating_value} over ${rating?.review_count} reviews.`;
			},
		});
		await n8n.importCredentials([{ ...OPENAI_CREDENTIAL, type: 'openAiApi', data: { apiKey: 'sk-e2e-not-a-real-key', url: fakeOpenAi.url } }]);

		wf.alert = replaceWithNoOp(loadExample(FILES.alert), 'Post to Slack');
		wf.export = replaceWithNoOp(loadExample(FILES.export), 'Append to Google Sheet');
		wf.sync = loadExample(FILES.sync);
		wf.form = loadExample(FILES.form);
		wf.ai = withChatMessage(loadExample(FILES.ai), 'What did customers write lately, and how is our rating?');
		wf.ai.nodes.find((entry) => entry.name === 'OpenAI Chat Model').credentials = { openAiApi: OPENAI_CREDENTIAL };
		await n8n.importWorkflows(Object.values(wf));

		// Data the run-once examples work on: two reviews written just now (the seeded ones are
		// older than a day), and a customer who is already excluded.
		before.fresh = [
			await createReviewInSandbox(sandbox, { rating: 5, author: 'Fresh E2E reviewer', title: 'Superb' }),
			await createReviewInSandbox(sandbox, { rating: 2, author: 'Second fresh reviewer', title: 'Meh' }),
		];
		await shopRequest(sandbox, 'POST', ENDPOINTS.createExclusion.path, { body: { email: 'wholesale@example.com' } });
		sandbox.clearRequests();

		batch = await n8n.executeBatch([wf.export.id, wf.sync.id, wf.ai.id]);
		before.batchRequests = [...sandbox.requests];

		await n8n.start();
		await n8n.ensureOwner(OWNER);
	}, SETUP_TIMEOUT_MS);

	afterAll(async () => {
		if (fakeOpenAi) await fakeOpenAi.close();
		if (env) await env.cleanup();
	}, TEARDOWN_TIMEOUT_MS);

	t('every example is an importable n8n workflow that uses the TrustWILL nodes and carries no secrets', () => {
		const files = fs.readdirSync(EXAMPLES_DIR).filter((file) => file.endsWith('.json'));
		expect(files.sort()).toEqual(Object.values(FILES).sort());
		for (const file of files) {
			const example = loadExample(file);
			const text = JSON.stringify(example);
			expect(example.name).toMatch(/^TrustWILL: /);
			// Node types as in a merchant's n8n, where the package is a community package.
			const ours = example.nodes.filter((entry) => entry.type.startsWith('n8n-nodes-trustoo.'));
			expect(ours.length).toBeGreaterThan(0);
			for (const entry of ours) expect(Object.values(NODE_TYPES)).toContain(entry.type);
			expect(text).not.toContain('CUSTOM.');
			for (const entry of example.nodes) {
				for (const ref of Object.values(entry.credentials ?? {})) expect(Object.keys(ref).sort()).toEqual(['id', 'name']);
			}
			expect(text).not.toMatch(/pvt_|oauth_test_secret|\bsk-[A-Za-z0-9]/);
			expect(text).not.toMatch(/127\.0\.0\.1|localhost/);
		}
	});

	t('daily export: only the reviews of the last 24 hours reach the sheet, as rows', () => {
		const result = batch.byId[wf.export.id];
		expect(describeRun(result)).toBe('success');
		expect(outputItems(result.run, 'Get the latest reviews')).toHaveLength(250);
		const rows = outputItems(result.run, 'Append to Google Sheet');
		expect(rows.map((row) => row['Review ID']).sort()).toEqual(before.fresh.map((review) => String(review.id)).sort());
		expect(rows.find((row) => row.Author === 'Fresh E2E reviewer')).toMatchObject({ Rating: 5, Title: 'Superb', Product: 'classic-cotton-tee' });
		// 250 reviews = 3 pages (the AI example's tool asked for 3 reviews in the same batch).
		const listCalls = before.batchRequests.filter((request) => request.path === ENDPOINTS.getReviews.path && request.query.page_size !== '3');
		expect(listCalls.map((request) => [request.auth, request.code])).toEqual([['hmac', 0], ['hmac', 0], ['hmac', 0]]);
	});

	t('sync: the list is unsubscribed and excluded; an existing exclusion goes to the error output', () => {
		const result = batch.byId[wf.sync.id];
		expect(describeRun(result)).toBe('success');
		expect(outputItems(result.run, 'Unsubscribe from TrustWILL emails')).toHaveLength(2);
		expect(outputItems(result.run, 'Exclude from review requests')).toHaveLength(1);
		const skipped = outputItems(result.run, 'Exclude from review requests', { output: 1 });
		expect(skipped).toHaveLength(1);
		expect(skipped[0].error).toMatch(/already.*wholesale@example\.com/i);
		expect([...demo.unsubscribes.get('jane.doe@example.com')]).toEqual(['all']);
		expect([...demo.unsubscribes.get('sam.lee@example.com')]).toEqual(['all']);
		expect(demo.unsubscribes.has('wholesale@example.com')).toBe(false);
		expect(demo.exclusions.map((entry) => entry.exclusion.email.toLowerCase())).toEqual(
			expect.arrayContaining(['jane.doe@example.com', 'wholesale@example.com']),
		);
		expect(demo.exclusions.map((entry) => entry.exclusion.email.toLowerCase())).not.toContain('sam.lee@example.com');
	});

	t('AI assistant: the agent calls both TrustWILL tools and answers from their results', () => {
		const result = batch.byId[wf.ai.id];
		expect(describeRun(result)).toBe('success');
		const [answer] = outputItems(result.run, 'AI Agent');
		const calls = before.batchRequests;
		const reviewCall = calls.find((request) => request.path === ENDPOINTS.getReviews.path && request.query.page_size === '3');
		const ratingCall = calls.find((request) => request.path === ENDPOINTS.getRating.path);
		expect(reviewCall).toBeDefined();
		expect(ratingCall?.query).toMatchObject({ is_all_rating: '1' });
		expect(answer.output).toMatch(/^Latest reviews: \d+ \([1-5] stars\), \d+ \([1-5] stars\), \d+ \([1-5] stars\)\. Average rating [\d.]+ over \d+ reviews\.$/);
		// The model saw the tools' real results.
		const completions = fakeOpenAi.requests.filter((request) => request.url.endsWith('/chat/completions'));
		expect(completions.length).toBeGreaterThanOrEqual(2);
		expect(completions[0].body.tools.map((tool) => tool.function.name).sort()).toEqual(['Find_reviews', 'Rating_summary']);
	});

	t('negative review alert: published, a 1-star review reaches the (stubbed) Slack step with the alert text', async () => {
		await n8n.activateWorkflow(wf.alert.id);
		await createReviewInSandbox(sandbox, { rating: 1, author: 'Angry E2E shopper', title: 'Never again', content: 'Fell apart.' });
		await createReviewInSandbox(sandbox, { rating: 4, author: 'Content E2E shopper', title: 'Fine' });
		const [summary] = await n8n.waitForExecutions(wf.alert.id, (executions) => executions.length >= 1);
		await sleep(1000);
		expect(await n8n.listExecutions(wf.alert.id)).toHaveLength(1);
		const execution = await n8n.getExecution(summary.id);
		const slack = execution.data.resultData.runData['Post to Slack'][0].data.main[0].map((item) => item.json);
		expect(slack).toHaveLength(1);
		expect(slack[0].rating).toBe(1);
		expect(slack[0].text).toContain('*1-star review* from Angry E2E shopper about classic-cotton-tee');
		expect(slack[0].text).toContain('>*Never again*');
		await n8n.deactivateWorkflow(wf.alert.id);
		expect(demo.webhooks.filter((hook) => hook.url.startsWith(n8n.baseUrl))).toEqual([]);
	});

	t('review form: a real form submission creates an unpublished review', async () => {
		await n8n.activateWorkflow(wf.form.id);
		const page = await fetch(`${n8n.baseUrl}/form/trustwill-review`);
		expect(page.status).toBe(200);
		expect(await page.text()).toContain('How did we do?');

		const form = new FormData();
		const values = ['Form E2E shopper', 'form-e2e@example.com', '4', 'Nice fabric', 'Soft and fits well.', '9200305209600'];
		values.forEach((value, index) => form.append(`field-${index}`, value));
		const submitted = await fetch(`${n8n.baseUrl}/form/trustwill-review`, { method: 'POST', body: form });
		expect(submitted.status).toBe(200);

		const [summary] = await n8n.waitForExecutions(wf.form.id, (executions) => executions.length >= 1 && executions[0].status === 'success');
		const execution = await n8n.getExecution(summary.id);
		const [created] = execution.data.resultData.runData['Create the review'][0].data.main[0].map((item) => item.json);
		const stored = demo.reviews.find(String(created.id));
		expect(stored).toMatchObject({
			author: 'Form E2E shopper',
			author_email: 'form-e2e@example.com',
			rating: 4,
			title: 'Nice fabric',
			content: 'Soft and fits well.',
			product_id: '9200305209600',
			is_published: 0,
		});
		await n8n.deactivateWorkflow(wf.form.id);
		expect(env.n8n.refusedConnections()).toEqual([]);
	});
});
