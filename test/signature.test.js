/**
 * Unit tests of the HMAC signing in dist/nodes/shared (what n8n loads), against the check values
 * of the Trustoo API reference and an independent recomputation with node:crypto.
 */
const { createHmac } = require('node:crypto');

const signature = require('../dist/nodes/shared/signature.js');
const { signRequest } = require('../dist/nodes/shared/signRequest.js');

const KEY = 'test_private_token';
const TIMESTAMP = '1700465771';
const NOW = new Date(1700465771000);
const GET_SIGN = '482c8b74b80af7df309486197c43b822e7c214ff6c30423438ea2a6b0a64be53';
const POST_SIGN = '7cdad4fe5f84de116c402b58ca3ccbc85ed96fbe3c272e64e381ca3ded5751f3';
const WEBHOOK_BODY = { topic: 'review/created', url: 'https://example.com/webhook' };
const TOKENS = { publicToken: 'public-token', privateToken: KEY };

const hmac = (key, message) => createHmac('sha256', key).update(message, 'utf8').digest('hex');
const sign = (options, tokens = TOKENS) => signRequest(tokens, options, NOW);

/** What a server sees: the query pairs of the URL, decoded, in wire order. */
function wirePairs(url) {
	const query = url.split('?')[1] ?? '';
	return query === '' ? [] : query.split('&').map((pair) => pair.split('=').map(decodeURIComponent));
}

describe('reference check values', () => {
	test('query string to sign', () => {
		expect(signature.hmacSha256Hex(KEY, 'page=1&page_size=10&product_ids=123&timestamp=1700465771')).toBe(GET_SIGN);
	});

	test('body string to sign', () => {
		const message = 'timestamp=1700465771|{"topic":"review/created","url":"https://example.com/webhook"}';
		expect(signature.hmacSha256Hex(KEY, message)).toBe(POST_SIGN);
	});

	test('requestStringToSign builds both reference strings', () => {
		const pairs = signature.toQueryPairs({ product_ids: '123', page: 1, page_size: 10 });
		expect(signature.requestStringToSign(pairs, TIMESTAMP)).toBe(
			'page=1&page_size=10&product_ids=123&timestamp=1700465771',
		);
		expect(signature.requestStringToSign([], TIMESTAMP, signature.serializeBody(WEBHOOK_BODY))).toBe(
			'timestamp=1700465771|{"topic":"review/created","url":"https://example.com/webhook"}',
		);
	});
});

describe('signRequest', () => {
	test('GET of the reference gives the reference Sign', () => {
		const signed = sign({ method: 'GET', url: '/api/v1/openapi/get_reviews', qs: { page: 1, page_size: 10, product_ids: '123' } });
		expect(signed.headers).toEqual({ 'Public-Token': 'public-token', Timestamp: TIMESTAMP, Sign: GET_SIGN });
		expect(signed.url).toBe('/api/v1/openapi/get_reviews?page=1&page_size=10&product_ids=123');
		expect(signed.qs).toBeUndefined();
		expect(signed).not.toHaveProperty('body');
	});

	test('POST of the reference gives the reference Sign, whatever the key order given', () => {
		const signed = sign({ method: 'POST', url: '/api/v1/openapi/create_shop_webhook', body: { url: WEBHOOK_BODY.url, topic: WEBHOOK_BODY.topic } });
		expect(signed.headers.Sign).toBe(POST_SIGN);
		expect(signed.headers.Timestamp).toBe(TIMESTAMP);
		expect(signed.headers['Content-Type']).toBe('application/json');
		expect(signed.body).toBe('{"topic":"review/created","url":"https://example.com/webhook"}');
		expect(signed.url).toBe('/api/v1/openapi/create_shop_webhook');
	});

	test('POST with a query signs `sorted query incl. timestamp|body`', () => {
		const signed = sign({ method: 'POST', url: '/x', qs: { z: 'last', a: 'first' }, body: WEBHOOK_BODY });
		const expected = `a=first&timestamp=${TIMESTAMP}&z=last|${signature.serializeBody(WEBHOOK_BODY)}`;
		expect(signed.headers.Sign).toBe(hmac(KEY, expected));
		expect(signed.url).toBe('/x?a=first&z=last');
	});

	test('query already in the URL is merged with qs and signed', () => {
		const signed = sign({ method: 'GET', url: '/x?b=2', qs: { a: 1 } });
		expect(signed.url).toBe('/x?a=1&b=2');
		expect(signed.headers.Sign).toBe(hmac(KEY, `a=1&b=2&timestamp=${TIMESTAMP}`));
	});

	test('a GET body is neither signed nor sent', () => {
		const signed = sign({ method: 'GET', url: '/x', qs: { a: 1 }, body: { ignored: true } });
		expect(signed).not.toHaveProperty('body');
		expect(signed.headers.Sign).toBe(hmac(KEY, `a=1&timestamp=${TIMESTAMP}`));
	});

	test('arrays become indexed keys, sorted, URL-encoded on the wire', () => {
		const signed = sign({ method: 'GET', url: '/x', qs: { sort_by: 'created-descending', ratings: [5, 4] } });
		expect(signed.url).toBe('/x?ratings%5B0%5D=5&ratings%5B1%5D=4&sort_by=created-descending');
		expect(signed.headers.Sign).toBe(
			hmac(KEY, `ratings[0]=5&ratings[1]=4&sort_by=created-descending&timestamp=${TIMESTAMP}`),
		);
	});

	test('empty strings are kept as `k=`; null and undefined are dropped, never "undefined"', () => {
		const signed = sign({ method: 'GET', url: '/x', qs: { keyword: '', tag: null, page: undefined, a: 1 } });
		expect(signed.url).toBe('/x?a=1&keyword=');
		expect(signed.url).not.toMatch(/undefined|null|tag|page/);
		expect(signed.headers.Sign).toBe(hmac(KEY, `a=1&keyword=&timestamp=${TIMESTAMP}`));
	});

	test('unicode is signed raw and sent percent-encoded', () => {
		const signed = sign({ method: 'GET', url: '/x', qs: { keyword: 'Zoë 日本 & co' } });
		expect(signed.url).toBe('/x?keyword=Zo%C3%AB%20%E6%97%A5%E6%9C%AC%20%26%20co');
		expect(wirePairs(signed.url)).toEqual([['keyword', 'Zoë 日本 & co']]);
		expect(signed.headers.Sign).toBe(hmac(KEY, `keyword=Zoë 日本 & co&timestamp=${TIMESTAMP}`));
	});

	test('a JSON body keeps non-ASCII characters unescaped', () => {
		const signed = sign({ method: 'POST', url: '/x', body: { author: 'Zoë', content: '很好 👍' } });
		expect(signed.body).toBe('{"author":"Zoë","content":"很好 👍"}');
		expect(signed.body).not.toContain('\\u');
		expect(signed.headers.Sign).toBe(hmac(KEY, `timestamp=${TIMESTAMP}|{"author":"Zoë","content":"很好 👍"}`));
	});

	test('a 17-digit id given as a string stays exact', () => {
		const id = '12345678901234567';
		expect(String(Number(id))).not.toBe(id); // why ids must travel as strings
		const signed = sign({ method: 'GET', url: '/x', qs: { product_ids: id } });
		expect(signed.url).toBe(`/x?product_ids=${id}`);
		expect(signed.headers.Sign).toBe(hmac(KEY, `product_ids=${id}&timestamp=${TIMESTAMP}`));
		const post = sign({ method: 'POST', url: '/x', body: { id } });
		expect(post.body).toBe(`{"id":"${id}"}`);
	});

	test('the body is serialized once with sorted keys and sent byte-identical to what was signed', () => {
		const body = { rating: 5, author: 'A', media: [{ url: 'u', type: 1 }], reply: { z: 1, a: 2 } };
		const signed = sign({ method: 'POST', url: '/x', body });
		const expectedBody = '{"author":"A","media":[{"type":1,"url":"u"}],"rating":5,"reply":{"a":2,"z":1}}';
		expect(signed.body).toBe(expectedBody);
		expect(typeof signed.body).toBe('string');
		expect(signed.headers.Sign).toBe(hmac(KEY, `timestamp=${TIMESTAMP}|${expectedBody}`));
		// Signing again (n8n re-authenticates on a 401) must not serialize the string a second time.
		const resigned = sign(signed);
		expect(resigned.body).toBe(expectedBody);
		expect(resigned.headers.Sign).toBe(signed.headers.Sign);
	});

	test('no Authorization header survives, whatever its case', () => {
		const signed = sign({
			method: 'GET',
			url: '/x',
			headers: { Authorization: 'Bearer a', authorization: 'Bearer b', AUTHORIZATION: 'c', 'X-Keep': 'yes' },
		});
		expect(Object.keys(signed.headers).map((name) => name.toLowerCase())).not.toContain('authorization');
		expect(signed.headers['X-Keep']).toBe('yes');
	});

	test('public tokens with / + = are sent raw in the header', () => {
		const publicToken = 'GfKu22TCaj4gULtrA3/OgA==+x';
		const signed = sign({ method: 'GET', url: '/x' }, { publicToken, privateToken: KEY });
		expect(signed.headers['Public-Token']).toBe(publicToken);
	});

	test('objects in the query are rejected with a TypeError', () => {
		expect(() => sign({ method: 'GET', url: '/x', qs: { filter: { a: 1 } } })).toThrow(TypeError);
		expect(() => sign({ method: 'GET', url: '/x', qs: { list: [{ a: 1 }] } })).toThrow(TypeError);
		expect(() => sign({ method: 'GET', url: '/x', qs: { n: Number.NaN } })).toThrow(TypeError);
	});

	test('the input options are not modified', () => {
		const options = { method: 'POST', url: '/x', qs: { a: 1 }, body: { b: 2 }, headers: { Authorization: 'x' } };
		const copy = JSON.parse(JSON.stringify(options));
		sign(options);
		expect(options).toEqual(copy);
	});
});

describe('webhook deliveries', () => {
	const rawBody = '{"topic":"review/created","data":{"id":"1"}}';
	const validSign = hmac(KEY, `timestamp=${TIMESTAMP}|${rawBody}`);

	test('a valid delivery verifies', () => {
		expect(signature.verifyDeliverySignature(KEY, TIMESTAMP, rawBody, validSign, NOW)).toEqual({ valid: true });
		expect(signature.verifyDeliverySignature(KEY, TIMESTAMP, rawBody, validSign.toUpperCase(), NOW)).toEqual({ valid: true });
	});

	test('a bad signature is rejected', () => {
		const bad = `${validSign.slice(0, -1)}${validSign.endsWith('0') ? '1' : '0'}`;
		expect(signature.verifyDeliverySignature(KEY, TIMESTAMP, rawBody, bad, NOW)).toEqual({ valid: false, reason: 'bad-signature' });
		expect(signature.verifyDeliverySignature('other_key', TIMESTAMP, rawBody, validSign, NOW)).toEqual({ valid: false, reason: 'bad-signature' });
		expect(signature.verifyDeliverySignature(KEY, TIMESTAMP, `${rawBody} `, validSign, NOW)).toEqual({ valid: false, reason: 'bad-signature' });
	});

	test('a stale or malformed timestamp is rejected', () => {
		const later = new Date((Number(TIMESTAMP) + 15 * 60 + 1) * 1000);
		expect(signature.verifyDeliverySignature(KEY, TIMESTAMP, rawBody, validSign, later)).toEqual({ valid: false, reason: 'stale-timestamp' });
		const edge = new Date((Number(TIMESTAMP) + 15 * 60) * 1000);
		expect(signature.verifyDeliverySignature(KEY, TIMESTAMP, rawBody, validSign, edge)).toEqual({ valid: true });
		expect(signature.verifyDeliverySignature(KEY, '17004657x1', rawBody, validSign, NOW)).toEqual({ valid: false, reason: 'stale-timestamp' });
	});

	test('missing headers are rejected', () => {
		expect(signature.verifyDeliverySignature(KEY, undefined, rawBody, validSign, NOW)).toEqual({ valid: false, reason: 'missing-headers' });
		expect(signature.verifyDeliverySignature(KEY, TIMESTAMP, rawBody, undefined, NOW)).toEqual({ valid: false, reason: 'missing-headers' });
		expect(signature.verifyDeliverySignature(KEY, '', rawBody, '', NOW)).toEqual({ valid: false, reason: 'missing-headers' });
	});

	test('signaturesMatch is false, not an exception, for different lengths', () => {
		expect(signature.signaturesMatch(validSign, validSign.slice(0, 10))).toBe(false);
		expect(signature.signaturesMatch(validSign, `${validSign}00`)).toBe(false);
		expect(signature.signaturesMatch(validSign, '')).toBe(false);
		expect(signature.signaturesMatch(validSign, validSign)).toBe(true);
	});
});
