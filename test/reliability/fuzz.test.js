'use strict';
/**
 * Property-based fuzzing (fast-check): at least 5,000 random parameter sets per run, across every
 * operation. Each set is one input item; the node's parameters are expressions reading the item
 * (`={{ $json.rating }}`), so that one execution covers a few hundred sets. Every set must end
 * either in a request the sandbox accepts as well-formed (answer code 0, or a "not found" /
 * "already exists" about the data) or in a NodeOperationError for its item; never in an unhandled
 * exception, and no request may contain NaN, undefined, null from a lost value, or [object Object].
 *
 * Reproduce a failure with the seed fast-check prints: FUZZ_SEED=<seed> npx jest test/reliability/fuzz
 * FUZZ_SETS sets the number of parameter sets (default 5,200).
 */
const S = require('./support');

const fc = require('fast-check');

const ctx = S.useSandbox({ reviewCount: 120 });
const TARGET_SETS = Number(process.env.FUZZ_SETS ?? 5200);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
/** Trustoo codes that reject the data, not the form of the request: the ID is unknown, the entry exists. */
const SEMANTIC_CODES = [5, 6];
const COERCION_ARTIFACT = /NaN|undefined|\[object Object\]|Infinity/;

const expr = (key) => `={{ $json.${key} }}`;

// ---- arbitraries -------------------------------------------------------------------------------

/** Text without the words the request check looks for (they would be false alarms). */
const clean = (arbitrary) => arbitrary.filter((text) => !COERCION_ARTIFACT.test(text));
/** At most `maxLength` characters (code points, as Trustoo counts them; a grapheme may hold several). */
const text = (maxLength = 40) =>
	fc
		.oneof(
			clean(fc.string({ maxLength })),
			clean(fc.string({ unit: 'grapheme', maxLength })),
			clean(fc.string({ unit: 'binary', maxLength })),
			fc.constantFrom('', ' ', '  padded  ', '\t', 'ünïcødé ✓', '😊'.repeat(3), '\u0000', 'a\u200Bb', '\uD800', 'x\uDC00y'),
		)
		.filter((value) => [...value].length <= maxLength);
/** Values of the wrong type, as an expression may return them. */
const junk = fc.oneof(
	fc.constant(null),
	fc.boolean(),
	fc.integer({ min: -1e6, max: 1e6 }),
	fc.double(),
	fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0, 1e21, Number.MAX_SAFE_INTEGER + 2),
	fc.constant([]),
	fc.array(fc.oneof(fc.integer(), text(5)), { maxLength: 3 }),
	fc.dictionary(clean(fc.string({ maxLength: 4 })), fc.integer(), { maxKeys: 2 }),
	fc.constant({ nested: { deep: true } }),
);
const anyOf = (...arbitraries) => fc.oneof(...arbitraries, junk);
/** Digit strings of every length up to `maxLength` alike (Trustoo and Shopify IDs have at most 20 digits). */
const digits = (maxLength = 24) => fc.integer({ min: 1, max: maxLength }).chain((length) => fc.stringMatching(new RegExp(`^\\d{${length}}$`)));
const id = anyOf(digits(), fc.integer({ min: 0, max: 2 ** 40 }), text(12), fc.constantFrom('12x', '-5', '1.5', ' 42 ', '007'));
const around = (limit) => fc.integer({ min: limit - 3, max: limit + 3 }).map((length) => 'é'.repeat(length));
const emailish = anyOf(fc.emailAddress(), text(20), fc.constantFrom('a@b', 'a@b.c', ' A@EXAMPLE.COM ', 'no-at.example.com'));
const date = anyOf(
	fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }).chain((value) => {
		const iso = value.toISOString();
		return fc.constantFrom(iso, iso.slice(0, 10), iso.slice(0, 19), iso.slice(0, 19).replace('T', ' '), iso.replace('Z', '+05:30'), iso.slice(0, 16));
	}),
	fc.constantFrom('2025-02-30', '2025-13-01', '2025-06-20T24:00:00', '2024-02-29', 'yesterday', '20250620', '2025-6-1', '1', '+012345-01-01T00:00:00Z'),
	text(12),
);
const url = anyOf(fc.webUrl(), text(20), fc.constantFrom('ftp://x.example.com/a', 'http://', 'http://exa mple.com', 'javascript:alert(1)', 'https://[::1]:8080/a', 'http:example.com', '//example.com/a'));
const limit = anyOf(fc.integer({ min: -2, max: 260 }), fc.double({ min: -2, max: 300 }), fc.constantFrom('3', ' 7 ', '0x10', '1e2', 'ten', ''));
const choice = (values) => anyOf(fc.constantFrom(...values), text(12));
const choices = (values) => anyOf(fc.array(fc.oneof(fc.constantFrom(...values), text(6)), { maxLength: 4 }), fc.constantFrom(...values));
const optional = (record) => fc.record(record, { requiredKeys: [] });

const { api } = S;
const SORTS = ['created-descending', 'created-ascending'];
const listItem = optional({ limit, returnAll: anyOf(fc.constant(true), fc.constant(false)) });
const listParameters = { returnAll: expr('returnAll'), limit: expr('limit') };

/** Per operation: node parameters (expressions) and the arbitrary of one item. */
function specs(sb) {
	const shop = sb.demo.shop;
	const [reviewId] = S.reviewIds(sb);
	const webhookId = S.hmacWebhookId(sb);
	const media = fc.array(
		anyOf(optional({ url: fc.oneof(url, fc.constant('https://cdn.example.com/a.jpg')), thumbnailUrl: fc.oneof(url, fc.constant('')), type: anyOf(fc.constantFrom(1, 2, '1', 3)), isPublished: fc.boolean() })),
		{ maxLength: 12 },
	);
	return {
		'review.create': {
			parameters: {
				productId: expr('productId'),
				rating: expr('rating'),
				author: expr('author'),
				// A set without `source` takes the field's default, as the node does.
				source: "={{ $json.source === undefined ? 'Shop' : $json.source }}",
				additionalFields: {
					authorEmail: expr('authorEmail'), authorPhone: expr('authorPhone'), authorCountry: expr('authorCountry'), title: expr('title'),
					content: expr('content'), itemType: expr('itemType'), tag: expr('tag'), orderId: expr('orderId'),
					isVerified: expr('isVerified'), isFeatured: expr('isFeatured'), isPublished: expr('isPublished'), isTop: expr('isTop'),
					commentedAt: expr('commentedAt'), media: { items: expr('media') }, reply: { reply: { content: expr('replyContent'), replyAt: expr('replyAt') } },
				},
			},
			item: optional({
				productId: fc.oneof(fc.constant(''), id),
				rating: anyOf(fc.integer({ min: -1, max: 7 }), fc.constantFrom('5', ' 3 ', '4.0', 'five')),
				author: fc.oneof(text(30), around(api.REVIEW_LIMITS.authorMaxLength), junk),
				authorEmail: emailish,
				authorPhone: anyOf(text(15)),
				authorCountry: anyOf(text(2), text(64)),
				title: anyOf(text(40), around(api.REVIEW_LIMITS.titleMaxLength)),
				content: anyOf(text(80), around(api.REVIEW_LIMITS.contentMaxLength)),
				itemType: anyOf(text(20), around(api.REVIEW_LIMITS.itemTypeMaxLength)),
				source: choice(api.REVIEW_SOURCES),
				tag: anyOf(text(40)),
				orderId: fc.oneof(fc.constant(''), id),
				isVerified: anyOf(fc.boolean()), isFeatured: anyOf(fc.boolean()), isPublished: anyOf(fc.boolean()), isTop: anyOf(fc.boolean()),
				commentedAt: date,
				media,
				replyContent: anyOf(text(40), around(api.REVIEW_LIMITS.contentMaxLength)),
				replyAt: date,
			}),
		},
		'review.get': { parameters: { reviewId: expr('reviewId') }, item: optional({ reviewId: fc.oneof(id, fc.constant(reviewId)) }) },
		'review.delete': { parameters: { reviewId: expr('reviewId') }, item: optional({ reviewId: fc.oneof(id, fc.constant(reviewId)) }) },
		'review.getAll': {
			parameters: {
				...listParameters,
				filters: { keyword: expr('keyword'), productIds: expr('productIds'), ratings: expr('ratings'), sortBy: expr('sortBy'), sources: expr('sources'), storeReviewsOnly: expr('storeOnly') },
			},
			item: listItem.chain((list) =>
				optional({
					keyword: anyOf(text(40), fc.constantFrom('tee', 'GREAT')),
					productIds: anyOf(fc.array(digits(20), { maxLength: 3 }).map((ids) => ids.join(', ')), text(10)),
					ratings: choices(['1', '2', '3', '4', '5']),
					sortBy: choice(SORTS),
					sources: choices(api.REVIEW_SOURCES),
					storeOnly: anyOf(fc.boolean()),
				}).map((filters) => ({ ...list, ...filters })),
			),
		},
		'rating.get': {
			parameters: { ratingOf: expr('ratingOf'), productId: expr('productId'), productHandle: expr('productHandle') },
			item: optional({ ratingOf: choice(['store', 'all', 'allProducts', 'productId', 'productHandle']), productId: id, productHandle: anyOf(text(30)) }),
		},
		'webhook.create': { parameters: { topic: expr('topic'), url: expr('url') }, item: optional({ topic: choice(Object.keys(api.WEBHOOK_TOPICS)), url }) },
		'webhook.update': {
			parameters: { webhookId: expr('webhookId'), topic: expr('topic'), url: expr('url') },
			item: optional({ webhookId: fc.oneof(id, fc.constant(webhookId)), topic: choice(Object.keys(api.WEBHOOK_TOPICS)), url }),
		},
		'webhook.delete': { parameters: { webhookId: expr('webhookId') }, item: optional({ webhookId: fc.oneof(id, fc.constant(webhookId)) }) },
		'webhook.getAll': { parameters: listParameters, item: listItem },
		'customer.unsubscribe': { parameters: { email: expr('email'), emailType: expr('emailType') }, item: optional({ email: emailish, emailType: choice(api.EMAIL_TYPES) }) },
		'customer.createExclusion': { parameters: { customerId: expr('customerId'), email: expr('email') }, item: optional({ customerId: fc.oneof(fc.constant(''), id), email: fc.oneof(fc.constant(''), emailish) }) },
		'customer.deleteExclusion': { parameters: { customerId: expr('customerId'), email: expr('email') }, item: optional({ customerId: fc.oneof(fc.constant(''), id), email: fc.oneof(fc.constant(''), emailish) }) },
		'customer.getExclusions': { parameters: listParameters, item: listItem },
		'customerEvent.getAll': {
			parameters: { ...listParameters, filters: { eventSource: expr('eventSource'), eventType: expr('eventType'), osType: expr('osType'), sortBy: expr('sortBy') } },
			item: listItem.chain((list) =>
				optional({
					eventSource: choice(api.CUSTOMER_EVENT_SOURCES),
					eventType: choice(api.CUSTOMER_EVENT_TYPES),
					osType: anyOf(fc.constantFrom(...api.CUSTOMER_EVENT_OS_TYPES), text(64)),
					sortBy: choice(SORTS),
				}).map((filters) => ({ ...list, ...filters })),
			),
		},
		'order.getAll': {
			parameters: { ...listParameters, filters: { createdAfter: expr('createdAfter'), createdBefore: expr('createdBefore'), sentAfter: expr('sentAfter'), sentBefore: expr('sentBefore'), requestStatus: expr('requestStatus'), sortBy: expr('sortBy') } },
			item: listItem.chain((list) =>
				optional({ createdAfter: date, createdBefore: date, sentAfter: date, sentBefore: date, requestStatus: anyOf(fc.integer({ min: -1, max: 8 }), fc.constantFrom('3', '0')), sortBy: choice(SORTS) }).map(
					(filters) => ({ ...list, ...filters }),
				),
			),
		},
		'media.getImageUploadCredentials': { parameters: {}, item: optional({ unused: text(5) }) },
		'media.getVideoUploadUrl': { parameters: { fileName: expr('fileName') }, item: optional({ fileName: anyOf(text(40), fc.constantFrom('clip.mp4', 'é'.repeat(255))) }) },
		'platform.getAuthorizationUrl': {
			// The node checks only the form of scope names; Trustoo judges the names themselves.
			refusals: [{ code: 3, message: /^invalid argument: scope has unknown values: / }],
			parameters: { redirectUri: expr('redirectUri'), additionalFields: { scope: expr('scope'), state: expr('state') } },
			item: optional({
				redirectUri: anyOf(fc.constantFrom(S.LOOPBACK_REDIRECT, 'http://localhost:5678/callback', sb.demo.oauth.redirectUri), text(20)),
				scope: anyOf(fc.subarray([...api.ALL_SCOPES]).map((scopes) => scopes.join(' ')), text(15), fc.constantFrom('read_reviews,write_reviews', 'read_everything')),
				state: anyOf(text(20)),
			}),
		},
		'platform.getAuthorizationInfo': { parameters: { shop: expr('shop') }, item: optional({ shop: anyOf(fc.constantFrom(shop.shopId, shop.myshopifyDomain, 'other-store.myshopify.com'), digits(22), text(20)) }) },
		'platform.getInstallStatus': { parameters: { shop: expr('shop') }, item: optional({ shop: anyOf(fc.constantFrom(shop.shopId, shop.myshopifyDomain), digits(22), text(20)) }) },
		'platform.cancelAuthorization': { parameters: { shop: expr('shop') }, item: optional({ shop: anyOf(fc.constantFrom(sb.demo.secondShop.shopId, 'nobody.myshopify.com'), digits(22), text(20)) }) },
		'platform.revokeToken': {
			parameters: { tokenToRevoke: expr('tokenToRevoke'), token: expr('token') },
			item: optional({ tokenToRevoke: choice(['accessToken', 'refreshToken', 'custom']), token: anyOf(text(30)) }),
		},
		// One item per execution: a disconnect ends the credential's access for the others.
		'platform.disconnect': { parameters: {}, item: optional({ unused: text(5) }), itemsPerRun: 1, runs: 4 },
	};
}

// ---- the property -------------------------------------------------------------------------------

const generated = { sets: 0, executions: 0, requests: 0, nodeOperationErrors: 0, ms: 0 };

/** Values of a request, as the API reads them. */
function requestValues(request) {
	const values = [...new URLSearchParams(request.rawQuery ?? '')].flat();
	const walk = (value) => {
		if (value === null) values.push(null);
		else if (Array.isArray(value)) value.forEach(walk);
		else if (typeof value === 'object') Object.entries(value).forEach(([key, entry]) => (values.push(key), walk(entry)));
		else values.push(value);
	};
	if (request.rawBody) walk(JSON.parse(request.rawBody));
	return values;
}

/** A refusal the operation's spec expects from Trustoo for data the node leaves to Trustoo to judge. */
function refusedByDesign(spec, code, message) {
	return (spec.refusals ?? []).some((refusal) => refusal.code === code && refusal.message.test(message ?? ''));
}

/** The sandbox's message for the request behind an item's API error (matched by Trustoo's request ID). */
function requestMessage(requests, error) {
	const requestId = error?.context?.requestId;
	return requests.find((request) => request.response?.request_id === requestId && requestId)?.message;
}

async function checkExecution(sb, key, spec, sets) {
	const [resource, operation] = key.split('.');
	const authentication = resource === 'platform' ? 'oAuth2' : 'apiKey';
	sb.clearRequests();
	const started = Date.now();
	const result = await S.run(sb, { resource, operation, ...spec.parameters, options: { maxRetries: 0 } }, {
		authentication,
		continueOnFail: true,
		inputItems: sets.map((json) => ({ json })),
	});
	generated.ms += Date.now() - started;
	generated.executions += 1;
	generated.sets += sets.length;
	const requests = sb.requests.filter((request) => request.endpoint !== 'oauthToken');
	generated.requests += requests.length;

	// No unhandled exception: the run went through, and every failed item failed with a node error.
	if (result.error) throw new Error(`${key}: the run failed: ${result.error.message}`);
	let nodeOperationErrors = 0;
	for (const error of S.itemErrors(result)) {
		const name = error?.constructor?.name;
		if (name === 'NodeOperationError') {
			nodeOperationErrors += 1;
			if (!/\[item \d+\]$/.test(error.message)) throw new Error(`${key}: message without the item index: ${error.message}`);
			continue;
		}
		if (name === 'NodeApiError' && SEMANTIC_CODES.includes(error.context?.trustooCode)) continue;
		if (name === 'NodeApiError' && refusedByDesign(spec, error.context?.trustooCode, requestMessage(requests, error))) continue;
		throw new Error(`${key}: item failed with ${name}: ${error?.message} | ${error?.description} | item ${error?.context?.itemIndex}: ${JSON.stringify(sets[error?.context?.itemIndex] ?? null)}`);
	}
	generated.nodeOperationErrors += nodeOperationErrors;

	// Every request was well-formed for the API, and carries no coercion artifact.
	for (const request of requests) {
		if (request.httpStatus !== 200 || !(request.code === 0 || SEMANTIC_CODES.includes(request.code) || refusedByDesign(spec, request.code, request.message))) {
			throw new Error(`${key}: the sandbox refused ${request.method} ${request.path}?${request.rawQuery} ${request.rawBody}: HTTP ${request.httpStatus} code ${request.code} ${request.message}`);
		}
		for (const value of requestValues(request)) {
			if (value === null || (typeof value === 'string' && COERCION_ARTIFACT.test(value))) {
				throw new Error(`${key}: request with ${JSON.stringify(value)}: ${request.rawQuery} ${request.rawBody}`);
			}
		}
	}

	// Each set ended either in a request (the first page of a list) or in a NodeOperationError.
	const firstRequests = requests.filter((request) => request.query.page === undefined || request.query.page === '1').length;
	if (firstRequests + nodeOperationErrors !== sets.length) {
		throw new Error(`${key}: ${sets.length} sets, but ${firstRequests} requests and ${nodeOperationErrors} NodeOperationErrors`);
	}
}

describe('fuzzing every operation', () => {
	let all;
	let perOperation;
	beforeAll(() => {
		all = specs(ctx.sb);
		const regular = Object.values(all).filter((spec) => !spec.itemsPerRun);
		const fixed = Object.values(all).reduce((total, spec) => total + (spec.itemsPerRun ? spec.itemsPerRun * spec.runs : 0), 0);
		perOperation = Math.ceil((TARGET_SETS - fixed) / regular.length);
	});

	test('the operations fuzzed are all the node’s operations', () => {
		const keys = S.operations().map((operation) => `${operation.resource}.${operation.operation}`).sort();
		expect(Object.keys(all).sort()).toEqual(keys);
	});

	const KEYS = S.operations().map((operation) => `${operation.resource}.${operation.operation}`);
	test.each(KEYS)('%s', async (key) => {
		const { sb } = ctx;
		const spec = all[key];
		const itemsPerRun = spec.itemsPerRun ?? perOperation;
		const runs = spec.runs ?? 1;
		await fc.assert(
			fc.asyncProperty(fc.array(spec.item, { minLength: itemsPerRun, maxLength: itemsPerRun }), async (sets) => {
				await checkExecution(sb, key, spec, sets);
			}),
			{ numRuns: runs, seed: SEED, endOnFailure: true },
		);
	}, 120000);

	afterAll(() => {
		// Printed so that CI logs show the volume and the speed of the fuzzing.
		process.stdout.write(
			`fuzz: ${generated.sets} parameter sets in ${generated.executions} executions, ${generated.requests} requests, ${generated.nodeOperationErrors} NodeOperationErrors, ${(generated.ms / 1000).toFixed(1)} s in the node\n`,
		);
	});

	test('covered at least 5,000 parameter sets', () => {
		// Runs last (jest keeps the order of tests within a file).
		expect(generated.sets).toBeGreaterThanOrEqual(Math.min(TARGET_SETS, 5000));
	});
});
