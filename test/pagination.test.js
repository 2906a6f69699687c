/**
 * Page walking of the list operations (review getAll here, the same transport serves every list):
 * page 1 alone, then the remaining pages with at most `Parallel Page Requests` in flight, emitted in
 * the API's order, each page requested once, trimmed to the Limit. Runs the compiled node through
 * n8n-core's WorkflowExecute against the sandbox; in-flight requests are counted at the sandbox.
 */
const { runNode } = require('./harness');
const { startSandbox } = require('./sandbox/server');
const { Trustoo } = require('../dist/nodes/Trustoo/Trustoo.node.js');
const { DEFAULT_PARALLEL_PAGE_REQUESTS } = require('../dist/nodes/Trustoo/transport/pagination.js');

const NODE = 'dist/nodes/Trustoo/Trustoo.node.js';
const REVIEWS_PATH = '/api/v1/openapi/get_reviews';
const REVIEW_COUNT = 1234; // 13 pages of 100, the last one with 34
const PAGES = 13;

const nodeOptions = new Trustoo().description.properties.find((property) => property.name === 'options');
const hasOption = (name) => Boolean(nodeOptions?.options?.some((option) => option.name === name));

let sandbox;
let credentials;
let inFlight = 0;
let maxInFlight = 0;

beforeAll(async () => {
	sandbox = await startSandbox({ reviewCount: REVIEW_COUNT, secondShopReviewCount: 5 });
	credentials = {
		trustooApi: {
			publicToken: sandbox.demo.shop.publicToken,
			privateToken: sandbox.demo.shop.privateToken,
			baseUrl: sandbox.url,
		},
	};
	// Counts list requests between their arrival and the end of their answer (delays included).
	sandbox.server.on('request', (req, res) => {
		if (req.url.split('?')[0] !== REVIEWS_PATH) return;
		inFlight++;
		maxInFlight = Math.max(maxInFlight, inFlight);
		res.on('close', () => inFlight--);
	});
});

afterAll(async () => {
	await sandbox.close();
});

beforeEach(() => {
	sandbox.clearFaults();
	sandbox.clearRequests();
	maxInFlight = 0;
});

/** Review ids in the API's default order (newest first), straight from the sandbox's table. */
function expectedIds() {
	const table = sandbox.state.shops[0].reviews;
	return table.query({}).rows.map((row) => table.get(row).id);
}

const listRequests = () => sandbox.requests.filter((request) => request.path === REVIEWS_PATH);
const pagesRequested = () => listRequests().map((request) => Number(request.query.page));
const range = (from, to) => Array.from({ length: to - from + 1 }, (_, index) => from + index);

async function getAll(parameters = { returnAll: true }, options) {
	return await runNode({
		nodeTypeFile: NODE,
		parameters: { resource: 'review', operation: 'getAll', ...parameters, ...(options ? { options } : {}) },
		credentials,
	});
}

/** Each next list request waits as long as the next entry says (a fault is used once). */
function delaySequence(ms) {
	for (const wait of ms) sandbox.setFault({ kind: 'delay', path: REVIEWS_PATH, ms: wait, times: 1 });
}

const withOption = hasOption('parallelPageRequests') ? test : test.skip;

describe('Parallel Page Requests', () => {
	test('the node offers the option with the default the transport uses', () => {
		const option = nodeOptions?.options?.find((entry) => entry.name === 'parallelPageRequests');
		expect(option).toBeDefined();
		expect(option.displayName).toBe('Parallel Page Requests');
		expect(option.default).toBe(DEFAULT_PARALLEL_PAGE_REQUESTS);
		expect(DEFAULT_PARALLEL_PAGE_REQUESTS).toBeGreaterThan(1);
	});

	test('keeps the API order and requests every page exactly once when answers arrive out of order', async () => {
		// Page 1 fast, then answers that overtake each other.
		delaySequence([0, 60, 5, 40, 0, 30, 10, 50, 0, 25, 5, 35, 0]);
		const result = await getAll();
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.id)).toEqual(expectedIds());
		expect(pagesRequested().sort((a, b) => a - b)).toEqual(range(1, PAGES));
		expect(listRequests().every((request) => request.query.page_size === '100')).toBe(true);
		expect(maxInFlight).toBeGreaterThan(1);
	});

	test('page 1 is requested alone, before any other page', async () => {
		sandbox.setFault({ kind: 'delay', path: REVIEWS_PATH, ms: 20 });
		await getAll();
		const requests = listRequests();
		expect(requests[0].query.page).toBe('1');
		// Everything else arrived after page 1 was answered (20 ms later at least).
		expect(requests.slice(1).every((request) => request.time >= requests[0].time + 15)).toBe(true);
	});

	test('the default bounds the requests in flight', async () => {
		sandbox.setFault({ kind: 'delay', path: REVIEWS_PATH, ms: 60 });
		const result = await getAll();
		expect(result.items).toHaveLength(REVIEW_COUNT);
		expect(maxInFlight).toBe(DEFAULT_PARALLEL_PAGE_REQUESTS);
	});

	withOption.each([
		[2, 2],
		[3, 3],
		[8, 8],
		[16, PAGES - 1], // never more than the pages left after page 1
	])('with %i, at most %i requests are in flight', async (parallel, expected) => {
		sandbox.setFault({ kind: 'delay', path: REVIEWS_PATH, ms: 60 });
		const result = await getAll({ returnAll: true }, { parallelPageRequests: parallel });
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.id)).toEqual(expectedIds());
		expect(maxInFlight).toBe(expected);
		expect(pagesRequested().sort((a, b) => a - b)).toEqual(range(1, PAGES));
	});

	withOption('1 walks the pages one after the other', async () => {
		sandbox.setFault({ kind: 'delay', path: REVIEWS_PATH, ms: 10 });
		const result = await getAll({ returnAll: true }, { parallelPageRequests: 1 });
		expect(result.items.map((item) => item.id)).toEqual(expectedIds());
		expect(maxInFlight).toBe(1);
		expect(pagesRequested()).toEqual(range(1, PAGES));
	});
});

describe('Limit', () => {
	const cases = [
		// limit, pages requested, page_size
		[50, [1], '50'],
		[100, [1], '100'],
		[250, [1, 2, 3], '100'],
		[1200, range(1, 12), '100'],
		[5000, range(1, PAGES), '100'],
	];
	test.each(cases)('limit %i requests only pages %j (page_size %s)', async (limit, pages, pageSize) => {
		sandbox.setFault({ kind: 'delay', path: REVIEWS_PATH, ms: 5 });
		const result = await getAll({ returnAll: false, limit });
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.id)).toEqual(expectedIds().slice(0, limit));
		expect(pagesRequested().sort((a, b) => a - b)).toEqual(pages);
		expect(listRequests().every((request) => request.query.page_size === pageSize)).toBe(true);
	});

	withOption.each(cases)('limit %i, one page at a time: the same pages %j', async (limit, pages) => {
		const result = await getAll({ returnAll: false, limit }, { parallelPageRequests: 1 });
		expect(result.items.map((item) => item.id)).toEqual(expectedIds().slice(0, limit));
		expect(pagesRequested()).toEqual(pages);
	});
});

describe('failures during the parallel walk', () => {
	(hasOption('maxRetries') ? test : test.skip)(
		'a 429 on one page is retried, and no review is returned twice',
		async () => {
			// Page 1 passes, the next list request is rate limited once, the rest are slowed a little.
			sandbox.setFault({ kind: 'delay', path: REVIEWS_PATH, ms: 0, times: 1 });
			sandbox.setFault({ kind: 'status', status: 429, retryAfter: 0, path: REVIEWS_PATH, times: 1 });
			sandbox.setFault({ kind: 'delay', path: REVIEWS_PATH, ms: 10 });
			const result = await getAll();
			expect(result.error).toBeUndefined();
			const ids = result.items.map((item) => item.id);
			expect(ids).toEqual(expectedIds());
			expect(new Set(ids).size).toBe(REVIEW_COUNT);
			const limited = listRequests().filter((request) => request.httpStatus === 429);
			expect(limited).toHaveLength(1);
			// The rate-limited page was asked again; every other page exactly once.
			const pages = pagesRequested().sort((a, b) => a - b);
			expect(pages).toEqual([...range(1, PAGES), Number(limited[0].query.page)].sort((a, b) => a - b));
		},
	);

	test('a page that fails stops the walk: no new pages, and nothing is still running afterwards', async () => {
		sandbox.setFault({ kind: 'delay', path: REVIEWS_PATH, ms: 0, times: 1 });
		// Code 3 (invalid argument) is not transient: it is never retried.
		sandbox.setFault({ kind: 'code', code: 3, message: 'bad page', path: REVIEWS_PATH, times: 1, delayMs: 20 });
		sandbox.setFault({ kind: 'delay', path: REVIEWS_PATH, ms: 20 });
		const result = await getAll();
		expect(result.error).toBeDefined();
		expect(result.error.message).toMatch(/bad page/);
		const requested = listRequests().length;
		expect(requested).toBeLessThan(PAGES);
		expect(requested).toBeLessThanOrEqual(1 + 2 * DEFAULT_PARALLEL_PAGE_REQUESTS);
		await new Promise((resolve) => setTimeout(resolve, 150));
		expect(listRequests()).toHaveLength(requested);
		expect(inFlight).toBe(0);
	});

	test('OAuth2: an access token that expires mid-walk is refreshed once and every review comes back once', async () => {
		const tokenData = sandbox.issueToken();
		sandbox.setFault({ kind: 'delay', path: REVIEWS_PATH, ms: 30 });
		let expired = false;
		const expireOnPage2 = (req) => {
			if (!expired && req.url.startsWith(`${REVIEWS_PATH}?`) && /[?&]page=2(&|$)/.test(req.url)) {
				expired = true;
				setTimeout(() => sandbox.expireAccessTokens(), 5);
			}
		};
		sandbox.server.on('request', expireOnPage2);
		try {
			const result = await runNode({
				nodeTypeFile: NODE,
				parameters: { authentication: 'oAuth2', resource: 'review', operation: 'getAll', returnAll: true },
				credentials: {
					trustooOAuth2Api: {
						baseUrl: sandbox.url,
						clientId: sandbox.demo.oauth.clientId,
						clientSecret: sandbox.demo.oauth.clientSecret,
						grantType: 'authorizationCode',
						oauthTokenData: tokenData,
						scope: 'read_reviews',
					},
				},
			});
			expect(expired).toBe(true);
			expect(result.error).toBeUndefined();
			const ids = result.items.map((item) => item.id);
			expect(ids).toEqual(expectedIds());
			// The pages refused with the expired token were asked again; none is returned twice.
			expect(new Set(ids).size).toBe(REVIEW_COUNT);
			expect(listRequests().filter((request) => request.httpStatus === 401).length).toBeGreaterThan(0);
		} finally {
			sandbox.server.off('request', expireOnPage2);
		}
	});
});

describe('list answers in other shapes (several list endpoints are undocumented)', () => {
	const shape = (name) => sandbox.setFault({ kind: 'shape', shape: name, path: REVIEWS_PATH });

	test.each(['no-page-info', 'bare-list'])('%s: Return All walks page by page until an empty page, nothing left out', async (name) => {
		shape(name);
		const result = await getAll();
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.id)).toEqual(expectedIds());
		// Without a page count the pages cannot be fetched ahead: one after the other, plus the empty one that ends the list.
		expect(pagesRequested()).toEqual(range(1, PAGES + 1));
		expect(maxInFlight).toBe(1);
	});

	test('no-page-info with a Limit: only the pages the limit needs', async () => {
		shape('no-page-info');
		const result = await getAll({ returnAll: false, limit: 250 });
		expect(result.items.map((item) => item.id)).toEqual(expectedIds().slice(0, 250));
		expect(pagesRequested()).toEqual([1, 2, 3]);
	});

	test('a server that ignores `page` (no page count): page 1 once, then the walk stops at the repeat', async () => {
		shape('ignore-page');
		const result = await getAll();
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.id)).toEqual(expectedIds().slice(0, 100));
		expect(pagesRequested()).toEqual([1, 2]);
	});
});
