'use strict';
/** Reading requests off the wire: raw query pairs, raw body, parsed body. */

const MAX_BODY_BYTES = 5 * 1024 * 1024;

/** `+` is a space in query strings (what Go's url.ParseQuery and URLSearchParams do). */
const decodeComponent = (text) => decodeURIComponent(text.replace(/\+/g, ' '));

/**
 * The query as decoded `[key, value]` pairs in the order received. Throws on bad %-encoding:
 * such a query cannot be checked against a signature.
 */
function parseQueryPairs(rawQuery) {
	if (!rawQuery) return [];
	return rawQuery
		.split('&')
		.filter((part) => part !== '')
		.map((part) => {
			const eq = part.indexOf('=');
			const key = eq < 0 ? part : part.slice(0, eq);
			const value = eq < 0 ? '' : part.slice(eq + 1);
			return [decodeComponent(key), decodeComponent(value)];
		});
}

/** The first value of each key, keys kept raw (`ratings[0]`), like Go's `Query().Get`. */
function firstValues(pairs) {
	const query = {};
	for (const [key, value] of pairs) {
		if (!Object.prototype.hasOwnProperty.call(query, key)) query[key] = value;
	}
	return query;
}

function splitUrl(url) {
	const hash = url.indexOf('#');
	const clean = hash < 0 ? url : url.slice(0, hash);
	const q = clean.indexOf('?');
	return q < 0
		? { path: clean, rawQuery: '' }
		: { path: clean.slice(0, q), rawQuery: clean.slice(q + 1) };
}

/** Raw body bytes (uploads need them unchanged); rejects bodies over 5 MB. */
function readBody(req) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		let size = 0;
		req.on('data', (chunk) => {
			size += chunk.length;
			if (size > MAX_BODY_BYTES) {
				reject(Object.assign(new Error('request body too large'), { status: 413 }));
				req.destroy();
				return;
			}
			chunks.push(chunk);
		});
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

/**
 * `{kind: 'empty'|'json'|'form'|'invalid', value}`. A body without a Content-Type is tried as JSON,
 * as a lenient server would.
 */
function parseBody(rawBody, contentType = '') {
	if (rawBody === '') return { kind: 'empty', value: null };
	const type = contentType.split(';')[0].trim().toLowerCase();
	if (type === 'application/x-www-form-urlencoded') {
		try {
			return { kind: 'form', value: firstValues(parseQueryPairs(rawBody)) };
		} catch {
			return { kind: 'invalid', value: null };
		}
	}
	if (type === '' || type === 'application/json' || type.endsWith('+json')) {
		try {
			return { kind: 'json', value: JSON.parse(rawBody) };
		} catch {
			return { kind: 'invalid', value: null };
		}
	}
	return { kind: 'other', value: null };
}

module.exports = { parseQueryPairs, firstValues, splitUrl, readBody, parseBody, MAX_BODY_BYTES };
