/**
 * The TrustWILL (Trustoo) Trigger, run from dist/ through n8n-core's real hook and webhook contexts
 * (test/harness/webhook.js): deliveries signed by hand here (HMAC-SHA256 over
 * `timestamp=<ts>|<raw body>`, reference §5.6, recomputed with node:crypto and not with the
 * package's own signing module), and the webhook lifecycle against the sandbox Trustoo API.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const { TriggerHarness } = require('./harness/webhook');

const ROOT = path.resolve(__dirname, '..');
const NODE_FILE = 'dist/nodes/TrustooTrigger/TrustooTrigger.node.js';
const { TrustooTrigger } = require(path.join(ROOT, NODE_FILE));
const delivery = require(path.join(ROOT, 'dist/nodes/TrustooTrigger/delivery.js'));
const { ENDPOINTS } = require(path.join(ROOT, 'dist/nodes/shared/api.js'));

const SHOP = { publicToken: 'GfKu22TCaj4gULt+A3/OgA==', privateToken: 'pvt_Zq7x+Lm2/Rt9Wc4kHs8dNa==' };
const PLATFORM = { clientId: 'trustwill', clientSecret: 'oauth_test_secret_2026' };
const OFFLINE_BASE_URL = 'http://127.0.0.1:9'; // never called by deliveries

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Independent re-implementation of the delivery signature (reference §5.6, INFERRED scheme). */
function sign(key, timestamp, rawBody) {
	return crypto.createHmac('sha256', key).update(`timestamp=${timestamp}|${rawBody}`, 'utf8').digest('hex');
}

function signedHeaders(rawBody, options = {}) {
	const {
		key = SHOP.privateToken,
		publicToken = SHOP.publicToken,
		timestamp = String(nowSeconds()),
		requestId = crypto.randomBytes(16).toString('hex'),
		extra = {},
	} = options;
	const headers = {
		'Content-Type': 'application/json',
		'Open-Trustoo-Webhook-Timestamp': timestamp,
		'Open-Trustoo-Webhook-Sign': sign(key, timestamp, rawBody),
		...extra,
	};
	if (publicToken !== null) headers['Open-Trustoo-Webhook-Public-token'] = publicToken;
	if (requestId !== null) headers['Open-Trustoo-Webhook-RequestId'] = requestId;
	return headers;
}

function review(overrides = {}) {
	return {
		id: '3100000001',
		product_id: '9200305176832',
		product_handle: 'classic-cotton-tee',
		rating: 5,
		author: 'Zoë K.',
		title: 'Très bien',
		content: 'Super comfortable 😊',
		my_shopify_domain: 'trustoo-sandbox.myshopify.com',
		shopify_shop_id: '59730165893',
		...overrides,
	};
}

function hmacTrigger(parameters = {}, extra = {}) {
	return new TriggerHarness({
		nodeTypeFile: NODE_FILE,
		parameters: { events: ['review/created'], ...parameters },
		credentials: { trustooApi: { ...SHOP, baseUrl: OFFLINE_BASE_URL } },
		...extra,
	});
}

function oauthTrigger(parameters = {}) {
	return new TriggerHarness({
		nodeTypeFile: NODE_FILE,
		parameters: { authentication: 'oAuth2', events: ['review/created'], ...parameters },
		credentials: {
			trustooOAuth2Api: { ...PLATFORM, grantType: 'clientCredentials', baseUrl: OFFLINE_BASE_URL },
		},
	});
}

/** Signs and delivers `payload` (an object, or a raw string sent byte for byte). */
async function deliverSigned(trigger, payload, options = {}) {
	const rawBody = typeof payload === 'string' ? payload : JSON.stringify(payload);
	const headers = signedHeaders(rawBody, options);
	if (options.contentType !== undefined) headers['Content-Type'] = options.contentType;
	return await trigger.deliver({ rawBody, headers });
}

describe('TrustooTrigger description', () => {
	const { description } = new TrustooTrigger();

	test('is a webhook trigger with one POST webhook answered on receipt', () => {
		expect(description.name).toBe('trustooTrigger');
		expect(description.displayName).toBe('TrustWILL (Trustoo) Trigger');
		expect(description.group).toEqual(['trigger']);
		expect(description.inputs).toEqual([]);
		expect(description.icon).toEqual({ light: 'file:trustoo.svg', dark: 'file:trustoo.dark.svg' });
		expect(description.webhooks).toEqual([
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		]);
		expect(description.usableAsTool).toBeUndefined();
	});

	test('offers both credentials, chosen by the authentication parameter', () => {
		expect(description.credentials).toEqual([
			{ name: 'trustooApi', required: true, displayOptions: { show: { authentication: ['apiKey'] } } },
			{ name: 'trustooOAuth2Api', required: true, displayOptions: { show: { authentication: ['oAuth2'] } } },
		]);
		const authentication = description.properties.find((property) => property.name === 'authentication');
		expect(authentication.default).toBe('apiKey');
		expect(authentication.options.map((option) => option.value).sort()).toEqual(['apiKey', 'oAuth2']);
	});

	test('lists exactly the four documented topics as required events', () => {
		const events = description.properties.find((property) => property.name === 'events');
		expect(events.type).toBe('multiOptions');
		expect(events.required).toBe(true);
		expect(events.options.map((option) => option.value).sort()).toEqual([
			'customer_event/created',
			'review/created',
			'review/deleted',
			'review/updated',
		]);
	});

	test('is registered in package.json for n8n to load', () => {
		const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
		expect(pkg.n8n.nodes).toContain(NODE_FILE);
	});
});

describe('deliveries (hand-signed, HMAC credential)', () => {
	test('a valid delivery answers 200 success and emits one item per record', async () => {
		const trigger = hmacTrigger();
		const records = [review(), review({ id: '3100000002', rating: 3, product_id: '0' })];
		const response = await deliverSigned(trigger, { list: records }, { requestId: 'req-valid-1' });

		expect(response.statusCode).toBe(200);
		expect(response.body).toEqual({ code: 0, message: 'success' });
		expect(response.workflowStarted).toBe(true);
		expect(response.items).toEqual(
			records.map((record) => ({ ...record, topic: 'review/created', delivery_request_id: 'req-valid-1' })),
		);
	});

	test('splits a batch: topic from the record, else the only subscribed topic; request id on each', async () => {
		const trigger = hmacTrigger({ events: ['review/updated'] });
		const records = [
			review({ id: '1', topic: 'review/updated' }),
			review({ id: '2' }),
			review({ id: '3', rating: 1 }),
		];
		const response = await deliverSigned(trigger, { list: records }, { requestId: 'batch-7' });

		expect(response.statusCode).toBe(200);
		expect(response.items.map((item) => [item.id, item.topic, item.delivery_request_id])).toEqual([
			['1', 'review/updated', 'batch-7'],
			['2', 'review/updated', 'batch-7'],
			['3', 'review/updated', 'batch-7'],
		]);
	});

	test('with several topics, a record without one takes the topic header, else "unknown"', async () => {
		const events = ['review/created', 'review/deleted'];
		const trigger = hmacTrigger({ events });
		const list = [review({ id: 'a', topic: 'review/deleted' }), review({ id: 'b' })];

		const withHeader = await deliverSigned(trigger, { list }, { extra: { topic: 'review/created' } });
		expect(withHeader.items.map((item) => item.topic)).toEqual(['review/deleted', 'review/created']);

		const withoutHeader = await deliverSigned(trigger, { list });
		expect(withoutHeader.items.map((item) => item.topic)).toEqual(['review/deleted', 'unknown']);
	});

	test('with several topics, a record is matched to the only subscribed topic of its kind', async () => {
		const trigger = hmacTrigger({ events: ['review/updated', 'customer_event/created'] });
		const list = [review({ id: 'rev' }), { id: 'evt', event_type: 'CLICK_REVIEW', review_id: 'rev' }];
		const response = await deliverSigned(trigger, { list });
		expect(response.items.map((item) => [item.id, item.topic])).toEqual([
			['rev', 'review/updated'],
			['evt', 'customer_event/created'],
		]);
	});

	test('records of a topic the node does not subscribe to are acknowledged but not emitted', async () => {
		const trigger = hmacTrigger({ events: ['review/created'] });
		const response = await deliverSigned(trigger, { list: [review({ topic: 'review/deleted' })] });
		expect(response.statusCode).toBe(200);
		expect(response.body).toEqual({ code: 0, message: 'success' });
		expect(response.workflowStarted).toBe(false);
	});

	test('the signature covers the raw bytes: whitespace, key order and UTF-8 are kept', async () => {
		const trigger = hmacTrigger();
		const rawBody = '{ "list" : [ {"rating":4, "id":"9", "author":"佐藤 花子", "content":"Très bien 😊"} ] }\n';
		const response = await deliverSigned(trigger, rawBody);
		expect(response.statusCode).toBe(200);
		expect(response.items).toEqual([
			expect.objectContaining({ id: '9', rating: 4, author: '佐藤 花子', content: 'Très bien 😊' }),
		]);
	});

	test('a forged signature is refused with 401 and the workflow does not start', async () => {
		const trigger = hmacTrigger();
		const rawBody = JSON.stringify({ list: [review()] });
		const headers = signedHeaders(rawBody, { key: 'not-the-private-token', requestId: 'forged' });
		const response = await trigger.deliver({ rawBody, headers });

		expect(response.statusCode).toBe(401);
		expect(response.body).toEqual({ code: 16, message: expect.stringMatching(/signature/) });
		expect(response.workflowStarted).toBe(false);
		expect(trigger.nodeStaticData.seenDeliveries).toBeUndefined();
	});

	test('a body changed after signing is refused', async () => {
		const trigger = hmacTrigger();
		const rawBody = JSON.stringify({ list: [review({ rating: 1 })] });
		const headers = signedHeaders(rawBody);
		const response = await trigger.deliver({ rawBody: rawBody.replace('"rating":1', '"rating":5'), headers });
		expect(response.statusCode).toBe(401);
		expect(response.workflowStarted).toBe(false);
	});

	test('a timestamp more than 15 minutes off is refused (past and future); 14 minutes is accepted', async () => {
		const trigger = hmacTrigger();
		const payload = { list: [review()] };
		const stale = await deliverSigned(trigger, payload, { timestamp: String(nowSeconds() - 16 * 60) });
		expect(stale.statusCode).toBe(401);
		expect(stale.body).toEqual({ code: 16, message: expect.stringMatching(/timestamp/) });
		expect(stale.workflowStarted).toBe(false);

		const future = await deliverSigned(trigger, payload, { timestamp: String(nowSeconds() + 16 * 60) });
		expect(future.statusCode).toBe(401);

		const late = await deliverSigned(trigger, payload, { timestamp: String(nowSeconds() - 14 * 60) });
		expect(late.statusCode).toBe(200);
		expect(late.workflowStarted).toBe(true);
	});

	test('the signature decides, not the public-token header', async () => {
		// What Trustoo puts in Open-Trustoo-Webhook-Public-token is uncertain (the docs' example shows
		// a shop ID): a genuine delivery is accepted whatever the header says, or without it.
		const trigger = hmacTrigger();
		for (const publicToken of ['1662371528', '7ygMzD/8/cpvR8DN+rquVQ==', encodeURIComponent(SHOP.publicToken), null]) {
			const accepted = await deliverSigned(trigger, { list: [review()] }, { publicToken });
			expect(accepted.statusCode).toBe(200);
			expect(accepted.workflowStarted).toBe(true);
		}
		// Another store's delivery, signed with its own private token, is refused even with our public token.
		const otherStore = await deliverSigned(trigger, { list: [review()] }, { key: 'pvt_another_store_token==' });
		expect(otherStore.statusCode).toBe(401);
		expect(otherStore.body).toEqual({ code: 16, message: expect.stringMatching(/signature does not match/) });
		expect(otherStore.workflowStarted).toBe(false);
	});

	test('missing signature headers are refused with 401', async () => {
		const trigger = hmacTrigger();
		const rawBody = JSON.stringify({ list: [review()] });
		const headers = signedHeaders(rawBody);
		delete headers['Open-Trustoo-Webhook-Sign'];
		const response = await trigger.deliver({ rawBody, headers });
		expect(response.statusCode).toBe(401);
		expect(response.body.message).toMatch(/missing/);
	});

	test('a replayed delivery (same request id) answers 200 success but emits nothing', async () => {
		const trigger = hmacTrigger();
		const rawBody = JSON.stringify({ list: [review({ id: '11' }), review({ id: '12' })] });
		const headers = signedHeaders(rawBody, { requestId: 'retry-me' });

		const first = await trigger.deliver({ rawBody, headers });
		expect(first.workflowStarted).toBe(true);
		expect(first.items).toHaveLength(2);

		// Trustoo retries with the same request id (and a fresh signature).
		const retry = await trigger.deliver({ rawBody, headers: signedHeaders(rawBody, { requestId: 'retry-me' }) });
		expect(retry.statusCode).toBe(200);
		expect(retry.body).toEqual({ code: 0, message: 'success' });
		expect(retry.workflowStarted).toBe(false);
		expect(trigger.nodeStaticData.seenDeliveries).toEqual(['retry-me:11', 'retry-me:12']);

		// A new event with the same records but another request id is not a replay.
		const other = await trigger.deliver({ rawBody, headers: signedHeaders(rawBody, { requestId: 'another' }) });
		expect(other.workflowStarted).toBe(true);
	});

	test('a redelivery with an extra record emits only the record not seen before', async () => {
		const trigger = hmacTrigger();
		await deliverSigned(trigger, { list: [review({ id: '21' })] }, { requestId: 'partial' });
		const again = await deliverSigned(trigger, { list: [review({ id: '21' }), review({ id: '22' })] }, {
			requestId: 'partial',
		});
		expect(again.items.map((item) => item.id)).toEqual(['22']);
	});

	test('the seen-set is bounded to the most recent keys', async () => {
		const trigger = hmacTrigger();
		const list = Array.from({ length: delivery.SEEN_DELIVERY_LIMIT + 20 }, (_, index) =>
			review({ id: String(index) }),
		);
		const response = await deliverSigned(trigger, { list }, { requestId: 'big' });
		expect(response.items).toHaveLength(list.length);
		const seen = trigger.nodeStaticData.seenDeliveries;
		expect(seen).toHaveLength(delivery.SEEN_DELIVERY_LIMIT);
		expect(seen[0]).toBe('big:20');
		expect(seen.at(-1)).toBe(`big:${list.length - 1}`);
	});

	test('malformed JSON is refused with 400 without starting the workflow', async () => {
		const trigger = hmacTrigger();
		// Sent as text/plain: with application/json n8n itself refuses it first (next test).
		const response = await deliverSigned(trigger, '{"list": [', { contentType: 'text/plain' });
		expect(response.nodeCalled).toBe(true);
		expect(response.statusCode).toBe(400);
		expect(response.body).toEqual({ code: 3, message: expect.stringMatching(/not valid JSON/) });
		expect(response.workflowStarted).toBe(false);

		const notAnObject = await deliverSigned(trigger, '[1,2,3]');
		expect(notAnObject.statusCode).toBe(400);
		const badList = await deliverSigned(trigger, '{"list":{"id":"1"}}');
		expect(badList.statusCode).toBe(400);
	});

	test('with Content-Type application/json, n8n refuses malformed JSON (422) before the node runs', async () => {
		const trigger = hmacTrigger();
		const response = await deliverSigned(trigger, '{"list": [');
		expect(response.nodeCalled).toBe(false);
		expect(response.statusCode).toBe(422);
	});

	test('a body over 1 MiB is refused with 413', async () => {
		const trigger = hmacTrigger();
		const padding = 'x'.repeat(delivery.MAX_DELIVERY_BYTES);
		const response = await deliverSigned(trigger, { list: [review({ content: padding })] });
		expect(response.statusCode).toBe(413);
		expect(response.body.code).toBe(3);
		expect(response.workflowStarted).toBe(false);

		// Refused before the signature is even checked.
		const unsigned = await trigger.deliver({ rawBody: `{"pad":"${padding}"}`, headers: {} });
		expect(unsigned.statusCode).toBe(413);
	});

	test('an object body without `list` is taken as one record', async () => {
		const trigger = hmacTrigger();
		const response = await deliverSigned(trigger, review({ id: 'single' }));
		expect(response.items).toEqual([expect.objectContaining({ id: 'single', topic: 'review/created' })]);
	});

	test('static data is only written when a delivery adds keys', async () => {
		const trigger = hmacTrigger();
		await deliverSigned(trigger, { list: [review()] }, { requestId: 'once' });
		const saves = trigger.staticDataSaves;
		await deliverSigned(trigger, { list: [review()] }, { requestId: 'once' });
		await deliverSigned(trigger, { list: [review()] }, { key: 'forged' });
		expect(trigger.staticDataSaves).toBe(saves);
	});
});

describe('filters', () => {
	const ratings = [1, 2, 3, 4, 5].map((rating) => review({ id: `r${rating}`, rating }));

	test('Maximum Rating keeps only reviews at most N stars (negative reviews)', async () => {
		const trigger = hmacTrigger({ options: { maxRating: 2 } });
		const response = await deliverSigned(trigger, { list: ratings });
		expect(response.items.map((item) => item.rating)).toEqual([1, 2]);
	});

	test('Minimum Rating keeps only reviews at least N stars; ratings sent as strings count', async () => {
		const trigger = hmacTrigger({ options: { minRating: 4 } });
		const list = [...ratings, review({ id: 'string-4', rating: '4' }), review({ id: 'none', rating: undefined })];
		const response = await deliverSigned(trigger, { list });
		expect(response.items.map((item) => item.id)).toEqual(['r4', 'r5', 'string-4']);
	});

	test('Review Type separates store reviews (product_id "0" or empty) from product reviews', async () => {
		const list = [
			review({ id: 'product' }),
			review({ id: 'store-0', product_id: '0' }),
			review({ id: 'store-number', product_id: 0 }),
			review({ id: 'store-empty', product_id: '' }),
		];
		const store = await deliverSigned(hmacTrigger({ options: { reviewType: 'store' } }), { list });
		expect(store.items.map((item) => item.id)).toEqual(['store-0', 'store-number', 'store-empty']);

		const product = await deliverSigned(hmacTrigger({ options: { reviewType: 'product' } }), { list });
		expect(product.items.map((item) => item.id)).toEqual(['product']);

		const all = await deliverSigned(hmacTrigger({ options: { reviewType: 'all' } }), { list });
		expect(all.items).toHaveLength(4);
	});

	test('filters combine, and customer events pass through them', async () => {
		const trigger = hmacTrigger({
			events: ['review/created', 'customer_event/created'],
			options: { maxRating: 2, reviewType: 'product' },
		});
		const list = [
			review({ id: 'keep', rating: 2, topic: 'review/created' }),
			review({ id: 'store', rating: 1, product_id: '0', topic: 'review/created' }),
			review({ id: 'happy', rating: 5, topic: 'review/created' }),
			{ id: 'evt', event_type: 'VIEW_REVIEW', topic: 'customer_event/created' },
		];
		const response = await deliverSigned(trigger, { list });
		expect(response.items.map((item) => item.id)).toEqual(['keep', 'evt']);
	});

	test('when every record is filtered out: 200 success and no workflow run', async () => {
		const trigger = hmacTrigger({ options: { maxRating: 2 } });
		const response = await deliverSigned(trigger, { list: [review({ rating: 5 })] });
		expect(response.statusCode).toBe(200);
		expect(response.body).toEqual({ code: 0, message: 'success' });
		expect(response.workflowStarted).toBe(false);
	});
});

describe('deliveries with the OAuth2 credential', () => {
	test('are verified with the client secret', async () => {
		const trigger = oauthTrigger();
		const payload = { list: [review()] };
		const response = await deliverSigned(trigger, payload, {
			key: PLATFORM.clientSecret,
			publicToken: 'any-shop-token==',
		});
		expect(response.statusCode).toBe(200);
		expect(response.workflowStarted).toBe(true);

		const wrongKey = await deliverSigned(trigger, payload, { key: SHOP.privateToken });
		expect(wrongKey.statusCode).toBe(401);
		expect(wrongKey.workflowStarted).toBe(false);
	});

	test('deliverySigningKey keeps the key choice in one place', () => {
		expect(delivery.deliverySigningKey('trustooApi', { privateToken: 'p', clientSecret: 'c' })).toBe('p');
		expect(delivery.deliverySigningKey('trustooOAuth2Api', { privateToken: 'p', clientSecret: 'c' })).toBe('c');
	});
});

describe('deliveries over HTTP', () => {
	test('a signed POST to the node’s webhook URL is answered like n8n would', async () => {
		const trigger = hmacTrigger();
		const receiver = await trigger.startReceiver();
		try {
			const rawBody = JSON.stringify({ list: [review()] });
			const answer = await fetch(trigger.webhookUrl(), {
				method: 'POST',
				headers: signedHeaders(rawBody, { requestId: 'over-http' }),
				body: rawBody,
			});
			expect(answer.status).toBe(200);
			expect(await answer.json()).toEqual({ code: 0, message: 'success' });
			const [received] = await receiver.waitForDeliveries(1);
			expect(received.items).toEqual([
				expect.objectContaining({ id: '3100000001', topic: 'review/created', delivery_request_id: 'over-http' }),
			]);

			const forged = await fetch(trigger.webhookUrl(), {
				method: 'POST',
				headers: signedHeaders(rawBody, { key: 'wrong' }),
				body: rawBody,
			});
			expect(forged.status).toBe(401);
			expect(await forged.json()).toEqual({ code: 16, message: expect.any(String) });
		} finally {
			await receiver.close();
		}
	});
});

// ---- against the sandbox Trustoo API ------------------------------------------------------------

const { startSandbox } = require('./sandbox/server');

describe('webhook lifecycle against the sandbox', () => {
	let sandbox;

	beforeAll(async () => {
		sandbox = await startSandbox({ reviewCount: 20, secondShopReviewCount: 5 });
	});

	afterAll(async () => {
		await sandbox?.close();
	});

	beforeEach(() => {
		sandbox.reset();
	});

	const demoShop = () => sandbox.state.shopByKey('demo');
	const webhooksAt = (url) => demoShop().webhooks.filter((webhook) => webhook.url === url);
	const endpointsCalled = () => sandbox.requests.map((request) => request.endpoint);

	function shopTrigger(events, extra = {}) {
		const { publicToken, privateToken } = sandbox.demo.shop;
		return new TriggerHarness({
			nodeTypeFile: NODE_FILE,
			parameters: { events, ...(extra.parameters ?? {}) },
			credentials: { trustooApi: { publicToken, privateToken, baseUrl: `${sandbox.url}/` } },
			webhookId: extra.webhookId,
			...(extra.credentialStore ? { credentialStore: extra.credentialStore } : {}),
		});
	}

	function platformTrigger(events, extra = {}) {
		const { clientId, clientSecret } = sandbox.demo.oauth;
		return new TriggerHarness({
			nodeTypeFile: NODE_FILE,
			parameters: { authentication: 'oAuth2', events, ...(extra.parameters ?? {}) },
			credentials: {
				trustooOAuth2Api: { clientId, clientSecret, grantType: 'clientCredentials', baseUrl: sandbox.url },
			},
		});
	}

	describe('with the HMAC credential', () => {
		test('activation registers one webhook per chosen topic at the node’s webhook URL', async () => {
			const topics = ['review/created', 'review/deleted', 'customer_event/created'];
			const trigger = shopTrigger(topics);
			const url = trigger.webhookUrl();
			const seeded = demoShop().webhooks.map((webhook) => webhook.id);

			const activation = await trigger.activate();
			expect(activation).toEqual({ existed: false, created: true });

			// What Trustoo received: one list, then one signed create per topic.
			expect(endpointsCalled()).toEqual(['getWebhooks', 'createWebhook', 'createWebhook', 'createWebhook']);
			const creates = sandbox.requests.filter((request) => request.endpoint === 'createWebhook');
			expect(creates.map((request) => request.body)).toEqual(topics.map((topic) => ({ topic, url })));
			for (const request of creates) {
				expect(request.method).toBe('POST');
				expect(request.path).toBe(ENDPOINTS.createWebhook.path);
				expect(request.auth).toBe('hmac');
				expect(request.headers.authorization).toBeUndefined();
				expect(request.code).toBe(0);
			}

			// What Trustoo now has, and what the node remembers.
			const ours = webhooksAt(url);
			expect(ours.map((webhook) => webhook.topic).sort()).toEqual([...topics].sort());
			expect(ours.every((webhook) => webhook.owner === 0)).toBe(true);
			expect(trigger.nodeStaticData.webhooks).toEqual(
				Object.fromEntries(ours.map((webhook) => [webhook.topic, webhook.id])),
			);
			expect(demoShop().webhooks.filter((webhook) => seeded.includes(webhook.id))).toHaveLength(seeded.length);
		});

		test('nothing the lifecycle logs contains the private token', async () => {
			const trigger = shopTrigger(['review/created']);
			const checked = await trigger.runHook('checkExists');
			const created = await trigger.runHook('create');
			const deleted = await trigger.deactivate();
			const text = [...checked.logs, ...created.logs, ...deleted.logs].map((entry) => entry.text).join('\n');
			expect(text).not.toContain(sandbox.demo.shop.privateToken);
		});

		test('activating again finds every webhook and creates nothing', async () => {
			const trigger = shopTrigger(['review/created', 'review/updated']);
			await trigger.activate();
			sandbox.clearRequests();

			const again = await trigger.activate();
			expect(again).toEqual({ existed: true, created: false });
			expect(endpointsCalled()).toEqual(['getWebhooks']);
			expect(webhooksAt(trigger.webhookUrl())).toHaveLength(2);
		});

		test('adopts a webhook that already exists for this URL and topic, and creates only the missing ones', async () => {
			// An earlier activation of the same node registered review/created, and its static data was lost.
			const earlier = shopTrigger(['review/created']);
			await earlier.activate();
			const [existing] = webhooksAt(earlier.webhookUrl());
			sandbox.clearRequests();

			const trigger = shopTrigger(['review/created', 'review/updated'], { webhookId: earlier.webhookId });
			expect(trigger.webhookUrl()).toBe(earlier.webhookUrl());
			const activation = await trigger.activate();

			expect(activation).toEqual({ existed: false, created: true });
			const creates = sandbox.requests.filter((request) => request.endpoint === 'createWebhook');
			expect(creates.map((request) => request.body.topic)).toEqual(['review/updated']);
			const ours = webhooksAt(trigger.webhookUrl());
			expect(ours).toHaveLength(2);
			expect(trigger.nodeStaticData.webhooks['review/created']).toBe(existing.id);
			expect(trigger.nodeStaticData.webhooks['review/updated']).toBe(
				ours.find((webhook) => webhook.topic === 'review/updated').id,
			);
		});

		test('create adopts the existing webhook when Trustoo answers "already exists" (code 6)', async () => {
			const earlier = shopTrigger(['review/deleted']);
			await earlier.activate();
			const [existing] = webhooksAt(earlier.webhookUrl());
			sandbox.clearRequests();

			// Straight to create, as if checkExists had not seen it.
			const trigger = shopTrigger(['review/deleted'], { webhookId: earlier.webhookId });
			const created = await trigger.runHook('create');
			expect(created.error).toBeUndefined();
			expect(created.result).toBe(true);
			expect(sandbox.requests.map((request) => [request.endpoint, request.code])).toEqual([
				['createWebhook', 6],
				['getWebhooks', 0],
			]);
			expect(trigger.nodeStaticData.webhooks).toEqual({ 'review/deleted': existing.id });
			expect(webhooksAt(trigger.webhookUrl())).toHaveLength(1);
		});

		test('deactivation deletes exactly this node’s webhooks and leaves the others', async () => {
			const other = shopTrigger(['review/created']);
			await other.activate();
			const trigger = shopTrigger(['review/created', 'customer_event/created']);
			await trigger.activate();
			const ourIds = Object.values(trigger.nodeStaticData.webhooks).sort();
			const othersBefore = demoShop().webhooks.filter((webhook) => !ourIds.includes(webhook.id));
			expect(othersBefore.length).toBeGreaterThanOrEqual(3); // 2 seeded + the other node's
			sandbox.clearRequests();

			const deactivation = await trigger.deactivate();

			expect(deactivation.error).toBeUndefined();
			expect(deactivation.result).toBe(true);
			const deletes = sandbox.requests.filter((request) => request.endpoint === 'deleteWebhook');
			expect(deletes.map((request) => request.body.id).sort()).toEqual(ourIds);
			expect(deletes.every((request) => request.code === 0 && request.auth === 'hmac')).toBe(true);
			expect(webhooksAt(trigger.webhookUrl())).toEqual([]);
			expect(demoShop().webhooks).toEqual(othersBefore);
			expect(trigger.nodeStaticData.webhooks).toBeUndefined();
		});

		test('deactivation succeeds when a webhook was already deleted on Trustoo’s side (code 5)', async () => {
			const trigger = shopTrigger(['review/created', 'review/updated']);
			await trigger.activate();
			const goneId = trigger.nodeStaticData.webhooks['review/created'];
			const keptId = trigger.nodeStaticData.webhooks['review/updated'];
			const shop = demoShop();
			shop.webhooks.splice(shop.webhooks.findIndex((webhook) => webhook.id === goneId), 1);
			sandbox.clearRequests();

			const deactivation = await trigger.deactivate();

			expect(deactivation.result).toBe(true);
			expect(sandbox.requests.map((request) => [request.endpoint, request.body.id, request.code])).toEqual([
				['deleteWebhook', goneId, 5],
				['deleteWebhook', keptId, 0],
			]);
			expect(webhooksAt(trigger.webhookUrl())).toEqual([]);
			expect(trigger.nodeStaticData.webhooks).toBeUndefined();
		});

		test('a topic dropped from the events is still cleaned up on deactivation', async () => {
			const trigger = shopTrigger(['review/created', 'review/updated']);
			await trigger.activate();
			const ids = { ...trigger.nodeStaticData.webhooks };

			trigger.parameters.events = ['review/created'];
			const again = await trigger.activate();
			expect(again).toEqual({ existed: true, created: false });
			expect(trigger.nodeStaticData.webhooks).toEqual(ids);

			await trigger.deactivate();
			expect(webhooksAt(trigger.webhookUrl())).toEqual([]);
		});

		test('a test run (webhook-test URL) never takes over or deletes the production webhooks', async () => {
			const production = shopTrigger(['review/created']);
			await production.activate();
			const [productionHook] = webhooksAt(production.webhookUrl());

			const testRun = new TriggerHarness({
				nodeTypeFile: NODE_FILE,
				parameters: { events: ['review/updated'] },
				credentials: { trustooApi: { ...sandbox.demo.shop, baseUrl: sandbox.url } },
				webhookId: production.webhookId,
				staticData: production.savedStaticData,
				test: true,
			});
			expect(testRun.webhookUrl()).toMatch(/\/webhook-test\//);
			await testRun.activate();
			expect(testRun.nodeStaticData.webhooks).toEqual({
				'review/updated': webhooksAt(testRun.webhookUrl())[0].id,
			});
			await testRun.deactivate();

			expect(webhooksAt(testRun.webhookUrl())).toEqual([]);
			expect(webhooksAt(production.webhookUrl())).toEqual([productionHook]);
		});

		test('a webhook that cannot be deleted is kept in static data for the next attempt', async () => {
			const trigger = shopTrigger(['review/created']);
			await trigger.activate();
			const id = trigger.nodeStaticData.webhooks['review/created'];
			sandbox.setFault({ kind: 'status', status: 503, endpoint: 'deleteWebhook', times: 1 });

			const failed = await trigger.deactivate();
			expect(failed.result).toBe(false);
			expect(trigger.nodeStaticData.webhooks).toEqual({ 'review/created': id });
			expect(webhooksAt(trigger.webhookUrl())).toHaveLength(1);

			const retried = await trigger.deactivate();
			expect(retried.result).toBe(true);
			expect(webhooksAt(trigger.webhookUrl())).toEqual([]);
		});

		test('wrong tokens fail the activation with Trustoo’s code, message, request id and a hint', async () => {
			const wrongToken = 'pvt_Wrong+Token/For=Tests';
			const trigger = new TriggerHarness({
				nodeTypeFile: NODE_FILE,
				parameters: { events: ['review/created'] },
				credentials: {
					trustooApi: { publicToken: sandbox.demo.shop.publicToken, privateToken: wrongToken, baseUrl: sandbox.url },
				},
			});
			const activation = await trigger.activate();

			expect(activation.error).toBeDefined();
			expect(activation.error.constructor.name).toBe('NodeApiError');
			const [request] = sandbox.requests;
			expect(request.code).toBe(16);
			expect(activation.error.context.trustooCode).toBe(16);
			expect(activation.error.message).toMatch(/Authentication failed/);
			expect(activation.error.description).toMatch(/clock/);
			expect(activation.error.description).toContain('16');
			expect(activation.error.context.requestId).toMatch(/^[0-9a-f]{32}$/);
			expect(demoShop().webhooks.some((webhook) => webhook.url === trigger.webhookUrl())).toBe(false);
			// The secret itself never reaches the error.
			expect(JSON.stringify(activation.error)).not.toContain(wrongToken);
			expect(String(activation.error.description)).not.toContain(wrongToken);
		});

		test('a Trustoo error on create fails the activation with its message', async () => {
			const trigger = shopTrigger(['review/created', 'review/updated']);
			sandbox.setFault({ kind: 'code', code: 13, message: 'internal error', endpoint: 'createWebhook', times: 1 });
			const activation = await trigger.activate();

			expect(activation.error).toBeDefined();
			expect(activation.error.message).toMatch(/internal error/);
			expect(activation.error.context.trustooCode).toBe(13);
			expect(activation.cleanup.result).toBe(true);
			expect(webhooksAt(trigger.webhookUrl())).toEqual([]);
			expect(trigger.nodeStaticData.webhooks).toBeUndefined();
		});

		test('real deliveries from the sandbox reach webhook(); a redelivery emits nothing', async () => {
			const trigger = shopTrigger(['review/updated', 'customer_event/created']);
			const receiver = await trigger.startReceiver();
			try {
				await trigger.activate();
				const reviewId = demoShop().reviews.idOf(0);
				const updated = await sandbox.updateReview(String(reviewId), { rating: 1, title: 'Changed my mind' });

				expect(updated.deliveries).toHaveLength(1);
				const [sent] = updated.deliveries;
				expect(sent.status).toBe('delivered');
				expect(JSON.parse(sent.responseBody)).toEqual({ code: 0, message: 'success' });
				const [received] = await receiver.waitForDeliveries(1);
				expect(received.workflowStarted).toBe(true);
				expect(received.items).toEqual([
					{
						...JSON.parse(sent.body).list[0],
						topic: 'review/updated',
						delivery_request_id: sent.requestId,
					},
				]);
				expect(received.items[0]).toMatchObject({ id: String(reviewId), rating: 1, title: 'Changed my mind' });

				// Trustoo retries with the same request id: acknowledged, not run again.
				const retry = await sandbox.redeliver(sent.index);
				expect(retry.httpStatus).toBe(200);
				expect(JSON.parse(retry.responseBody)).toEqual({ code: 0, message: 'success' });
				const [, second] = await receiver.waitForDeliveries(2);
				expect(second.workflowStarted).toBe(false);

				const { event, deliveries } = await sandbox.addCustomerEvent({ event_type: 'VIEW_REVIEW' });
				expect(deliveries[0].httpStatus).toBe(200);
				const [, , third] = await receiver.waitForDeliveries(3);
				expect(third.items).toEqual([expect.objectContaining({ id: event.id, topic: 'customer_event/created' })]);
			} finally {
				await receiver.close();
			}
		});

		test('filters apply to real deliveries: a 5-star update is acknowledged without a run', async () => {
			const trigger = shopTrigger(['review/updated'], { parameters: { options: { maxRating: 2 } } });
			const receiver = await trigger.startReceiver();
			try {
				await trigger.activate();
				const reviewId = demoShop().reviews.idOf(1);
				const happy = await sandbox.updateReview(reviewId, { rating: 5 });
				expect(happy.deliveries[0].httpStatus).toBe(200);
				const sad = await sandbox.updateReview(reviewId, { rating: 2 });
				expect(sad.deliveries[0].httpStatus).toBe(200);
				const [first, second] = await receiver.waitForDeliveries(2);
				expect(first.workflowStarted).toBe(false);
				expect(second.items.map((item) => item.rating)).toEqual([2]);
			} finally {
				await receiver.close();
			}
		});
	});

	describe('with the OAuth2 credential (client_credentials)', () => {
		test('activation fetches a token and registers platform webhooks; deactivation removes them', async () => {
			const trigger = platformTrigger(['review/created', 'customer_event/created']);
			const url = trigger.webhookUrl();
			const activation = await trigger.activate();
			expect(activation.error).toBeUndefined();

			expect(endpointsCalled()).toEqual(['oauthToken', 'getWebhooks', 'createWebhook', 'createWebhook']);
			const apiCalls = sandbox.requests.filter((request) => request.endpoint !== 'oauthToken');
			expect(apiCalls.every((request) => request.auth === 'bearer' && request.code === 0)).toBe(true);
			expect(apiCalls.every((request) => request.headers.sign === undefined)).toBe(true);
			const ours = webhooksAt(url);
			expect(ours.map((webhook) => webhook.topic).sort()).toEqual(['customer_event/created', 'review/created']);
			expect(ours.every((webhook) => webhook.owner === sandbox.demo.oauth.clientId)).toBe(true);
			// n8n stored the token in the credential.
			const [entry] = Object.values(trigger.credentialStore);
			expect(entry.data.oauthTokenData.access_token).toEqual(expect.any(String));

			sandbox.clearRequests();
			const deactivation = await trigger.deactivate();
			expect(deactivation.result).toBe(true);
			expect(endpointsCalled()).toEqual(['deleteWebhook', 'deleteWebhook']);
			expect(webhooksAt(url)).toEqual([]);
			expect(demoShop().webhooks.length).toBeGreaterThanOrEqual(2); // the seeded (shop) webhooks stay
		});

		test('an expired access token is renewed by n8n and the lifecycle continues', async () => {
			const trigger = platformTrigger(['review/deleted']);
			await trigger.activate();
			sandbox.expireAccessTokens();
			sandbox.clearRequests();

			const deactivation = await trigger.deactivate();
			expect(deactivation.result).toBe(true);
			expect(sandbox.requests.map((request) => [request.endpoint, request.httpStatus])).toEqual([
				['deleteWebhook', 401],
				['oauthToken', 200],
				['deleteWebhook', 200],
			]);
			expect(webhooksAt(trigger.webhookUrl())).toEqual([]);
		});

		test('a create refused for a missing scope fails the activation; n8n’s cleanup removes the webhook already made', async () => {
			const trigger = new TriggerHarness({
				nodeTypeFile: NODE_FILE,
				parameters: { authentication: 'oAuth2', events: ['review/created', 'customer_event/created'] },
				credentials: {
					trustooOAuth2Api: {
						...{ clientId: sandbox.demo.oauth.clientId, clientSecret: sandbox.demo.oauth.clientSecret },
						grantType: 'clientCredentials',
						baseUrl: sandbox.url,
						scope: 'write_reviews',
					},
				},
			});
			const activation = await trigger.activate();

			expect(activation.error).toBeDefined();
			expect(activation.error.context.trustooCode).toBe(8);
			expect(activation.error.message).toMatch(/read_customer_events/);
			const calls = sandbox.requests
				.filter((request) => request.endpoint !== 'oauthToken')
				.map((request) => [request.endpoint, request.body?.topic ?? request.body?.id ?? null, request.code]);
			expect(calls).toEqual([
				['getWebhooks', null, 0],
				['createWebhook', 'review/created', 0],
				['createWebhook', 'customer_event/created', 8],
				['deleteWebhook', expect.any(String), 0],
			]);
			expect(activation.cleanup.result).toBe(true);
			expect(webhooksAt(trigger.webhookUrl())).toEqual([]);
			expect(trigger.nodeStaticData.webhooks).toBeUndefined();
		});

		test('deliveries to platform webhooks are signed with the client secret and accepted', async () => {
			const trigger = platformTrigger(['customer_event/created']);
			const receiver = await trigger.startReceiver();
			try {
				await trigger.activate();
				const { event, deliveries } = await sandbox.addCustomerEvent({ event_type: 'CLICK_MEDIA', os_type: 'IOS' });
				expect(deliveries).toHaveLength(1);
				expect(deliveries[0].httpStatus).toBe(200);
				const [received] = await receiver.waitForDeliveries(1);
				expect(received.items).toEqual([
					expect.objectContaining({
						id: event.id,
						event_type: 'CLICK_MEDIA',
						topic: 'customer_event/created',
						delivery_request_id: deliveries[0].requestId,
					}),
				]);
			} finally {
				await receiver.close();
			}
		});
	});
});
