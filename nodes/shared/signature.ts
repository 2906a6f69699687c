/**
 * The one place that builds Trustoo's string to sign and its HMAC, for outgoing requests and for
 * incoming webhook deliveries. The algorithm is reconstructed (reference §2.4.3, INFERRED); each
 * open choice is a named constant or function here or in api.ts.
 */
import { createHmac, timingSafeEqual } from 'crypto';

import { ARRAY_QUERY_STYLE, TIMESTAMP_TOLERANCE_SECONDS } from './api';

export type QueryScalar = string | number | boolean;
export type QueryValue = QueryScalar | QueryScalar[] | null | undefined;
export type QueryInput = Record<string, QueryValue>;

/** One `key=value` pair as it is signed: raw (not URL-encoded) strings. */
export type QueryPair = [key: string, value: string];

function scalarToString(key: string, value: unknown): string {
	if (typeof value === 'string') return value;
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) throw new TypeError(`Query parameter "${key}" is not a finite number`);
		return String(value);
	}
	if (typeof value === 'boolean') return value ? '1' : '0';
	throw new TypeError(`Query parameter "${key}" must be a string, number or boolean`);
}

/**
 * Flattens query input into the pairs that are both sent and signed. `null`/`undefined` are
 * dropped (never sent as "undefined"); empty strings are kept and signed as `key=`.
 */
export function toQueryPairs(query: QueryInput | undefined): QueryPair[] {
	const pairs: QueryPair[] = [];
	for (const [key, value] of Object.entries(query ?? {})) {
		if (value === null || value === undefined) continue;
		if (Array.isArray(value)) {
			if (ARRAY_QUERY_STYLE === 'comma') {
				pairs.push([key, value.map((entry) => scalarToString(key, entry)).join(',')]);
			} else {
				value.forEach((entry, index) => pairs.push([`${key}[${index}]`, scalarToString(key, entry)]));
			}
			continue;
		}
		pairs.push([key, scalarToString(key, value)]);
	}
	return pairs;
}

const byKey = (a: QueryPair, b: QueryPair): number => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/** `k=v` pairs plus `timestamp`, sorted by key, joined with `&`, values raw. */
export function canonicalQuery(pairs: QueryPair[], timestamp: string): string {
	return [...pairs, ['timestamp', timestamp] as QueryPair]
		.sort(byKey)
		.map(([key, value]) => `${key}=${value}`)
		.join('&');
}

/** The string signed for a request: canonical query, then `|` and the raw body if there is one. */
export function requestStringToSign(pairs: QueryPair[], timestamp: string, body?: string): string {
	const canonical = canonicalQuery(pairs, timestamp);
	return body ? `${canonical}|${body}` : canonical;
}

/** The string signed for a webhook delivery (reference §5.6, INFERRED: same scheme, no query). */
export function deliveryStringToSign(timestamp: string, rawBody: string): string {
	return requestStringToSign([], timestamp, rawBody);
}

export function hmacSha256Hex(key: string, message: string): string {
	return createHmac('sha256', key).update(message, 'utf8').digest('hex');
}

function sortKeysDeep(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(sortKeysDeep);
	if (value !== null && typeof value === 'object') {
		const sorted: Record<string, unknown> = {};
		for (const key of Object.keys(value).sort()) {
			const entry = (value as Record<string, unknown>)[key];
			if (entry !== undefined) sorted[key] = sortKeysDeep(entry);
		}
		return sorted;
	}
	return value;
}

/**
 * Serialises a JSON body once: sorted keys, no whitespace, UTF-8 without `\u` escapes. These
 * exact bytes are signed and sent, whichever way the server checks the body.
 */
export function serializeBody(body: unknown): string {
	return JSON.stringify(sortKeysDeep(body));
}

/** URL-encodes the pairs for the wire, in the same order as signed. */
export function encodeQuery(pairs: QueryPair[]): string {
	return pairs
		.slice()
		.sort(byKey)
		.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
		.join('&');
}

export function unixSeconds(date: Date = new Date()): string {
	return String(Math.floor(date.getTime() / 1000));
}

export function isTimestampFresh(timestamp: string, now: Date = new Date()): boolean {
	if (!/^\d{1,12}$/.test(timestamp)) return false;
	const skew = Math.abs(Number(timestamp) - Math.floor(now.getTime() / 1000));
	return skew <= TIMESTAMP_TOLERANCE_SECONDS;
}

/** Constant-time comparison of two lowercase hex signatures. */
export function signaturesMatch(expectedHex: string, receivedHex: string): boolean {
	const expected = Buffer.from(expectedHex, 'utf8');
	const received = Buffer.from(receivedHex.toLowerCase(), 'utf8');
	return expected.length === received.length && timingSafeEqual(expected, received);
}

export type DeliveryVerdict =
	| { valid: true }
	| { valid: false; reason: 'missing-headers' | 'stale-timestamp' | 'bad-signature' };

/** Verifies a webhook delivery's signature over its raw body. */
export function verifyDeliverySignature(
	key: string,
	timestamp: string | undefined,
	rawBody: string,
	receivedSign: string | undefined,
	now: Date = new Date(),
): DeliveryVerdict {
	if (!timestamp || !receivedSign) return { valid: false, reason: 'missing-headers' };
	if (!isTimestampFresh(timestamp, now)) return { valid: false, reason: 'stale-timestamp' };
	const expected = hmacSha256Hex(key, deliveryStringToSign(timestamp, rawBody));
	return signaturesMatch(expected, receivedSign)
		? { valid: true }
		: { valid: false, reason: 'bad-signature' };
}
