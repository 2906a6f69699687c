'use strict';
/**
 * Every resource/operation pair of the TrustWILL (Trustoo) node, with both credentials (platform:
 * OAuth2 only), executed by a real n8n process (`n8n execute-batch`) against the sandbox.
 * The table of operations comes from the node itself (test/support/operations.js), so a new
 * operation without a case here fails the coverage test.
 *
 * Workflows chain operations the way users do (create → get → delete, with expressions such as
 * `{{ $json.id }}`); each case names the node that runs its operation.
 */
const { ENDPOINTS } = require('../../dist/nodes/shared/api');
const { listOperations } = require('../support/operations');
const {
	SETUP_TIMEOUT_MS,
	TEARDOWN_TIMEOUT_MS,
	setupE2E,
	manualTrigger,
	trustoo,
	workflow,
	chain,
	outputItems,
	describeRun,
} = require('./support');

jest.setTimeout(10 * 60 * 1000);

const AUTHS = ['apiKey', 'oAuth2'];
const SUFFIX = { apiKey: 'a', oAuth2: 'o', oAuth2AuthorizationCode: 'c' };
const DEMO_PRODUCT = '9200305176832';
const SECOND_SHOP_DOMAIN = 'second-sandbox.myshopify.com';
const REDIRECT_URI = 'http://localhost:3000/oauth/callback';
const mail = (auth, what) => `e2e-${auth.toLowerCase()}-${what}@example.com`;

/** The workflows of phase 1, per credential. Ids: at most 21 characters, with a digit. */
function flows(auth, demoShopId) {
	const s = SUFFIX[auth];
	const list = [
		workflow(
			`e2eReview01${s}`,
			`E2E reviews (${auth})`,
			[
				manualTrigger(),
				trustoo('Create Review', auth, {
					resource: 'review',
					operation: 'create',
					productId: DEMO_PRODUCT,
					rating: 2,
					author: `E2E ${auth} author`,
					source: 'Amazon',
					additionalFields: {
						authorEmail: mail(auth, 'author'),
						title: `E2E ${auth} title`,
						content: 'Arrived late and the colour is off.',
						isPublished: false,
					},
				}),
				trustoo('Get Review', auth, { resource: 'review', operation: 'get', reviewId: '={{ $json.id }}' }),
				trustoo('Delete Review', auth, { resource: 'review', operation: 'delete', reviewId: "={{ $('Create Review').item.json.id }}" }),
				trustoo(
					'Get Many Reviews',
					auth,
					{ resource: 'review', operation: 'getAll', returnAll: false, limit: 7, filters: { ratings: ['1', '2'], sortBy: 'created-descending' } },
					{ executeOnce: true },
				),
			],
			chain('Start', 'Create Review', 'Get Review', 'Delete Review', 'Get Many Reviews'),
		),
		workflow(
			`e2eWebhook01${s}`,
			`E2E webhooks (${auth})`,
			[
				manualTrigger(),
				trustoo('Create Webhook', auth, {
					resource: 'webhook',
					operation: 'create',
					topic: 'review/created',
					url: `https://hooks.example.com/e2e-${s}/created`,
				}),
				trustoo('Update Webhook', auth, {
					resource: 'webhook',
					operation: 'update',
					webhookId: '={{ $json.id }}',
					topic: 'review/updated',
					url: `https://hooks.example.com/e2e-${s}/updated`,
				}),
				trustoo('Get Many Webhooks', auth, { resource: 'webhook', operation: 'getAll', returnAll: true }, { executeOnce: true }),
				trustoo(
					'Delete Webhook',
					auth,
					{ resource: 'webhook', operation: 'delete', webhookId: "={{ $('Create Webhook').item.json.id }}" },
					{ executeOnce: true },
				),
			],
			chain('Start', 'Create Webhook', 'Update Webhook', 'Get Many Webhooks', 'Delete Webhook'),
		),
		workflow(
			`e2eCustomer01${s}`,
			`E2E customers (${auth})`,
			[
				manualTrigger(),
				trustoo('Unsubscribe', auth, { resource: 'customer', operation: 'unsubscribe', email: mail(auth, 'unsub'), emailType: 'review_request' }),
				trustoo('Create Exclusion', auth, { resource: 'customer', operation: 'createExclusion', email: mail(auth, 'excluded') }),
				trustoo('Get Exclusions', auth, { resource: 'customer', operation: 'getExclusions', returnAll: true }, { executeOnce: true }),
				trustoo(
					'Delete Exclusion',
					auth,
					{ resource: 'customer', operation: 'deleteExclusion', email: mail(auth, 'excluded') },
					{ executeOnce: true },
				),
			],
			chain('Start', 'Unsubscribe', 'Create Exclusion', 'Get Exclusions', 'Delete Exclusion'),
		),
		workflow(
			`e2eRead01${s}`,
			`E2E read-only operations (${auth})`,
			[
				manualTrigger(),
				trustoo('Get Customer Events', auth, {
					resource: 'customerEvent',
					operation: 'getAll',
					returnAll: false,
					limit: 12,
					filters: { eventType: 'VIEW_REVIEW', sortBy: 'created-descending' },
				}),
				trustoo('Get Orders', auth, {
					resource: 'order',
					operation: 'getAll',
					returnAll: false,
					limit: 5,
					filters: { createdAfter: '2020-01-01T00:00:00', sortBy: 'created-ascending' },
				}),
				trustoo('Get Rating', auth, { resource: 'rating', operation: 'get', ratingOf: 'productId', productId: DEMO_PRODUCT }),
				trustoo('Get Image Upload Credentials', auth, { resource: 'media', operation: 'getImageUploadCredentials' }),
				trustoo('Get Video Upload URL', auth, {
					resource: 'media',
					operation: 'getVideoUploadUrl',
					fileName: 'unboxing.mp4',
				}),
			],
			['Get Customer Events', 'Get Orders', 'Get Rating', 'Get Image Upload Credentials', 'Get Video Upload URL'].map((name) => ['Start', name]),
		),
	];
	if (auth === 'oAuth2') {
		list.push(
			workflow(
				`e2ePlatform01${s}`,
				'E2E platform operations (OAuth2)',
				[
					manualTrigger(),
					trustoo('Get Authorization URL', auth, {
						resource: 'platform',
						operation: 'getAuthorizationUrl',
						redirectUri: REDIRECT_URI,
						additionalFields: { scope: 'read_reviews write_reviews', state: 'e2e-state-1' },
					}),
					trustoo('Get Authorization Info', auth, { resource: 'platform', operation: 'getAuthorizationInfo', shop: demoShopId }),
					trustoo('Get Install Status', auth, { resource: 'platform', operation: 'getInstallStatus', shop: 'trustoo-sandbox.myshopify.com' }),
					trustoo('Cancel Authorization', auth, { resource: 'platform', operation: 'cancelAuthorization', shop: SECOND_SHOP_DOMAIN }),
				],
				['Get Authorization URL', 'Get Authorization Info', 'Get Install Status', 'Cancel Authorization'].map((name) => ['Start', name]),
			),
		);
	}
	return list;
}

/**
 * Phase 2 (after phase 1, because it ends the demo shop's OAuth2 authorization): revoke the
 * client-credentials credential's token, then disconnect with the pre-connected
 * authorization-code credential.
 */
function endingFlow() {
	return workflow(
		'e2eEnding01o',
		'E2E revoke and disconnect (OAuth2)',
		[
			manualTrigger(),
			trustoo('Revoke Token', 'oAuth2', { resource: 'platform', operation: 'revokeToken', tokenToRevoke: 'accessToken' }),
			trustoo('Disconnect', 'oAuth2AuthorizationCode', { resource: 'platform', operation: 'disconnect' }),
		],
		chain('Start', 'Revoke Token', 'Disconnect'),
	);
}

/** Where each operation runs: the workflow (by id prefix) and its node. */
const CASES = {
	'review/create': ['e2eReview01', 'Create Review'],
	'review/get': ['e2eReview01', 'Get Review'],
	'review/delete': ['e2eReview01', 'Delete Review'],
	'review/getAll': ['e2eReview01', 'Get Many Reviews'],
	'webhook/create': ['e2eWebhook01', 'Create Webhook'],
	'webhook/update': ['e2eWebhook01', 'Update Webhook'],
	'webhook/getAll': ['e2eWebhook01', 'Get Many Webhooks'],
	'webhook/delete': ['e2eWebhook01', 'Delete Webhook'],
	'customer/unsubscribe': ['e2eCustomer01', 'Unsubscribe'],
	'customer/createExclusion': ['e2eCustomer01', 'Create Exclusion'],
	'customer/getExclusions': ['e2eCustomer01', 'Get Exclusions'],
	'customer/deleteExclusion': ['e2eCustomer01', 'Delete Exclusion'],
	'customerEvent/getAll': ['e2eRead01', 'Get Customer Events'],
	'order/getAll': ['e2eRead01', 'Get Orders'],
	'rating/get': ['e2eRead01', 'Get Rating'],
	'media/getImageUploadCredentials': ['e2eRead01', 'Get Image Upload Credentials'],
	'media/getVideoUploadUrl': ['e2eRead01', 'Get Video Upload URL'],
	'platform/getAuthorizationUrl': ['e2ePlatform01', 'Get Authorization URL'],
	'platform/getAuthorizationInfo': ['e2ePlatform01', 'Get Authorization Info'],
	'platform/getInstallStatus': ['e2ePlatform01', 'Get Install Status'],
	'platform/cancelAuthorization': ['e2ePlatform01', 'Cancel Authorization'],
	'platform/revokeToken': ['e2eEnding01', 'Revoke Token'],
	'platform/disconnect': ['e2eEnding01', 'Disconnect'],
};

/** What each operation's output must look like (items = the node's output items). */
const CHECKS = {
	'review/create': (items, auth) => {
		expect(items).toHaveLength(1);
		expect(String(items[0].id)).toMatch(/^\d+$/);
		expect(items[0]).toMatchObject({ rating: 2, author: `E2E ${auth} author`, source: 'Amazon' });
	},
	'review/get': (items, auth, { outputs }) => {
		expect(items).toHaveLength(1);
		expect(String(items[0].id)).toBe(String(outputs['Create Review'][0].id));
		expect(items[0].title).toBe(`E2E ${auth} title`);
	},
	'review/delete': (items) => expect(items).toHaveLength(1),
	'review/getAll': (items) => {
		expect(items).toHaveLength(7);
		for (const review of items) expect([1, 2]).toContain(Number(review.rating));
	},
	'webhook/create': (items, auth) => {
		expect(items).toHaveLength(1);
		expect(items[0]).toMatchObject({ topic: 'review/created', url: `https://hooks.example.com/e2e-${SUFFIX[auth]}/created` });
	},
	'webhook/update': (items, auth, { outputs }) => {
		expect(items[0]).toMatchObject({
			id: outputs['Create Webhook'][0].id,
			topic: 'review/updated',
			url: `https://hooks.example.com/e2e-${SUFFIX[auth]}/updated`,
		});
	},
	'webhook/getAll': (items, auth, { outputs }) => {
		expect(items.map((webhook) => String(webhook.id))).toContain(String(outputs['Create Webhook'][0].id));
	},
	'webhook/delete': (items) => expect(items).toHaveLength(1),
	'customer/unsubscribe': (items) => expect(items).toHaveLength(1),
	'customer/createExclusion': (items, auth) => {
		expect(items).toHaveLength(1);
		expect(String(items[0].email).toLowerCase()).toBe(mail(auth, 'excluded'));
	},
	'customer/getExclusions': (items, auth) => {
		expect(items.length).toBeGreaterThan(1);
		expect(items.map((entry) => String(entry.email).toLowerCase())).toContain(mail(auth, 'excluded'));
	},
	'customer/deleteExclusion': (items) => expect(items).toHaveLength(1),
	'customerEvent/getAll': (items) => {
		expect(items.length).toBeGreaterThan(0);
		expect(items.length).toBeLessThanOrEqual(12);
		for (const event of items) expect(event.event_type).toBe('VIEW_REVIEW');
	},
	'order/getAll': (items) => expect(items).toHaveLength(5),
	'rating/get': (items) => {
		expect(items).toHaveLength(1);
		expect(items[0]).toHaveProperty('review_count');
		expect(items[0]).toHaveProperty('rating_value');
	},
	'media/getImageUploadCredentials': (items) => expect(items).toHaveLength(1),
	'media/getVideoUploadUrl': (items) => expect(items).toHaveLength(1),
	'platform/getAuthorizationUrl': (items) => {
		const url = new URL(items[0].authorize_url);
		expect(url.searchParams.get('client_id')).toBe('trustwill');
		expect(url.searchParams.get('redirect_uri')).toBe(REDIRECT_URI);
		expect(url.searchParams.get('state')).toBe('e2e-state-1');
	},
	'platform/getAuthorizationInfo': (items, auth, { demoShopId }) => {
		expect(items[0]).toMatchObject({ is_authorized: true, shop_id: demoShopId });
	},
	'platform/getInstallStatus': (items) => expect(items).toHaveLength(1),
	'platform/cancelAuthorization': (items) => expect(items).toHaveLength(1),
	'platform/revokeToken': (items) => expect(items).toHaveLength(1),
	'platform/disconnect': (items) => expect(items).toHaveLength(1),
};

/** The sandbox's `auth` of a request for this endpoint sent with this credential. */
function expectedAuthKind(path, auth) {
	const endpoint = Object.values(ENDPOINTS).find((candidate) => candidate.path === path);
	if (endpoint.auth === 'platform') return 'platform';
	if (endpoint.auth === 'bearer') return 'bearer';
	return auth === 'apiKey' ? 'hmac' : 'bearer';
}

const operations = listOperations();
const pairs = operations.flatMap((op) => op.credentials.map((auth) => ({ ...op, key: `${op.resource}/${op.operation}`, auth })));

describe('every operation in a real n8n', () => {
	let env;
	let results = {};
	const requestsByPhase = {};
	let demoShopId;

	beforeAll(async () => {
		env = await setupE2E('operations', { oauthTokenData: true });
		const { n8n, sandbox } = env;
		demoShopId = sandbox.demo.shop.shopId;
		const phase1 = AUTHS.flatMap((auth) => flows(auth, demoShopId));
		await n8n.importWorkflows([...phase1, endingFlow()]);

		sandbox.clearRequests();
		const first = await n8n.executeBatch(phase1.map((wf) => wf.id));
		requestsByPhase.first = [...sandbox.requests];
		sandbox.clearRequests();
		const second = await n8n.executeBatch(['e2eEnding01o']);
		requestsByPhase.second = [...sandbox.requests];
		results = { ...first.byId, ...second.byId };
	}, SETUP_TIMEOUT_MS);

	afterAll(async () => {
		if (env) await env.cleanup();
	}, TEARDOWN_TIMEOUT_MS);

	test('the operations table covers every operation of the node with a case', () => {
		expect(operations.length).toBeGreaterThan(0);
		const missing = operations.map((op) => `${op.resource}/${op.operation}`).filter((key) => !CASES[key]);
		expect(missing).toEqual([]);
	});

	test('no workflow failed and n8n contacted nothing but loopback', () => {
		const summary = Object.fromEntries(Object.entries(results).map(([id, result]) => [id, describeRun(result)]));
		for (const [id, text] of Object.entries(summary)) expect(`${id}: ${text}`).toBe(`${id}: success`);
		expect(env.n8n.refusedConnections()).toEqual([]);
		expect(env.n8n.guardedProcessCount()).toBeGreaterThanOrEqual(4); // import x2, execute-batch x2
	});

	test.each(pairs.map((pair) => [`${pair.key} with ${pair.auth}`, pair]))('%s', (_title, pair) => {
		const [prefix, nodeName] = CASES[pair.key];
		const workflowId = `${prefix}${prefix === 'e2eEnding01' ? 'o' : SUFFIX[pair.auth]}`;
		const result = results[workflowId];
		expect(result).toBeDefined();
		const outputs = {};
		for (const name of Object.keys(result.run?.data?.resultData?.runData ?? {})) outputs[name] = outputItems(result.run, name);
		const items = outputs[nodeName];
		if (!items) throw new Error(`${nodeName} did not run in ${workflowId}: ${describeRun(result)}`);
		CHECKS[pair.key](items, pair.auth, { outputs, demoShopId });

		// What the sandbox received: the endpoint, the method and the kind of authentication.
		const received = [...requestsByPhase.first, ...requestsByPhase.second].filter(
			(request) => request.path === pair.path && request.method === pair.method && request.auth === expectedAuthKind(pair.path, pair.auth),
		);
		expect(received.length).toBeGreaterThan(0);
		expect(received.map((request) => request.code)).toContain(0);
	});

	test('the sandbox state shows the effects', () => {
		const { sandbox } = env;
		const demo = sandbox.state.shops.find((shop) => shop.key === 'demo');
		for (const auth of AUTHS) {
			expect([...demo.unsubscribes.keys()].map((email) => String(email).toLowerCase())).toContain(mail(auth, 'unsub'));
			expect(demo.exclusions.map((entry) => String(entry.exclusion.email).toLowerCase())).not.toContain(mail(auth, 'excluded'));
			expect(demo.webhooks.filter((webhook) => webhook.url.includes(`/e2e-${SUFFIX[auth]}/`))).toEqual([]);
		}
		// The OAuth2 credential fetched its token with the client_credentials grant.
		const tokenRequests = requestsByPhase.first.filter((request) => request.path === ENDPOINTS.oauthToken.path);
		expect(tokenRequests.map((request) => request.body?.grant_type)).toContain('client_credentials');
		// Revoke Token sent the access token the client-credentials credential had been using.
		const revoke = requestsByPhase.second.find((request) => request.path === ENDPOINTS.revokeToken.path);
		const revoked = sandbox.oauth.tokens.get(revoke.body.token);
		expect(revoked).toMatchObject({ type: 'access', clientId: sandbox.demo.oauth.clientId, revoked: true });
		// Disconnect ended the demo shop's authorization.
		expect(sandbox.oauth.grant(sandbox.demo.oauth.clientId, 'demo')?.active).toBe(false);
	});
});
