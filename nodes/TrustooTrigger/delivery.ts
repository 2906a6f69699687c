/**
 * What the trigger does with one webhook delivery from Trustoo, as plain functions: check the
 * signature, parse the batch, work out each record's topic, drop redeliveries and
 * apply the node's filters. The signing algorithm itself lives in ../shared/signature.ts; every
 * guess about deliveries (reference §5.6 is cut short) is a named constant or function here.
 */
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { DELIVERY_HEADERS, WEBHOOK_TOPICS } from '../shared/api';
import { CREDENTIAL_TYPES, type TrustooCredentialType } from '../shared/authentication';
import { verifyDeliverySignature } from '../shared/signature';

/** Larger bodies are refused with HTTP 413 before any work is done. */
export const MAX_DELIVERY_BYTES = 1024 * 1024;

/** How many `requestId:recordId` keys are remembered to recognise redeliveries (oldest dropped first). */
export const SEEN_DELIVERY_LIMIT = 500;

/** Key in the node's static data that holds the remembered delivery keys. */
export const SEEN_DELIVERIES_KEY = 'seenDeliveries';

/**
 * INFERRED: headers that may name the topic when a record does not. Trustoo documents none; the
 * second one follows the naming of the documented `Open-Trustoo-Webhook-*` headers.
 */
export const TOPIC_HEADERS = ['topic', 'open-trustoo-webhook-topic'] as const;

/** Topic reported when neither the record, a header nor the subscription tells which one it is. */
export const UNKNOWN_TOPIC = 'unknown';

/**
 * The key that signs deliveries. INFERRED (reference §5.6 and open question 3): deliveries of
 * webhooks created with the HMAC credential are signed with the shop's private token, and those of
 * webhooks created with an OAuth2 Bearer token with the platform's client secret. Change it here.
 */
export function deliverySigningKey(
	credentialType: TrustooCredentialType,
	credentials: ICredentialDataDecryptedObject,
): string {
	const key = credentialType === CREDENTIAL_TYPES.oAuth2 ? credentials.clientSecret : credentials.privateToken;
	return typeof key === 'string' ? key : '';
}

export type DeliveryHeaders = Record<string, string | string[] | undefined>;

/** Reads a header case-insensitively (Node lower-cases names; the harness may not). */
export function headerValue(headers: DeliveryHeaders, name: string): string | undefined {
	const wanted = name.toLowerCase();
	for (const [key, value] of Object.entries(headers)) {
		if (key.toLowerCase() !== wanted) continue;
		const first = Array.isArray(value) ? value[0] : value;
		return first === undefined ? undefined : String(first);
	}
	return undefined;
}

/** What the receiver answers when it refuses a delivery; the workflow does not start. */
export interface Rejection {
	status: 400 | 401 | 413;
	body: { code: number; message: string };
}

/** Trustoo's "invalid argument" and "unauthenticated" codes (reference §9), reused in our answers. */
const INVALID_ARGUMENT = 3;
const UNAUTHENTICATED = 16;

export const SUCCESS_RESPONSE = { code: 0, message: 'success' } as const;

function reject(status: Rejection['status'], code: number, message: string): Rejection {
	return { status, body: { code, message } };
}

export function checkSize(byteLength: number): Rejection | undefined {
	if (byteLength <= MAX_DELIVERY_BYTES) return undefined;
	return reject(
		413,
		INVALID_ARGUMENT,
		`payload too large: ${byteLength} bytes, at most ${MAX_DELIVERY_BYTES} are accepted`,
	);
}

const SIGNATURE_MESSAGES = {
	'missing-headers': `missing ${DELIVERY_HEADERS.timestamp} or ${DELIVERY_HEADERS.sign} header`,
	'stale-timestamp': 'timestamp is outside the 15-minute window',
	'bad-signature': 'signature does not match',
} as const;

/**
 * Checks the signature over the raw body. The `Open-Trustoo-Webhook-Public-token` header is not
 * compared: the signature already proves the sender holds the signing key, and what Trustoo puts
 * in that header is uncertain (the docs' example shows a shop ID), so comparing it could refuse
 * every genuine delivery until Trustoo gives up retrying.
 */
export function authenticateDelivery(
	headers: DeliveryHeaders,
	rawBody: string,
	secrets: { signingKey: string },
	now: Date = new Date(),
): Rejection | undefined {
	if (!secrets.signingKey) {
		return reject(401, UNAUTHENTICATED, 'unauthenticated: the credential has no signing key');
	}
	const verdict = verifyDeliverySignature(
		secrets.signingKey,
		headerValue(headers, DELIVERY_HEADERS.timestamp),
		rawBody,
		headerValue(headers, DELIVERY_HEADERS.sign),
		now,
	);
	if (verdict.valid) return undefined;
	return reject(401, UNAUTHENTICATED, `unauthenticated: ${SIGNATURE_MESSAGES[verdict.reason]}`);
}

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Parses the body into its records. The documented shape is `{"list": [record, ...]}`. INFERRED
 * fallback: a JSON object without `list` is taken as one record, so that a differently shaped
 * payload still reaches the workflow instead of being retried and lost. A record that is not an
 * object is passed on as `{ value }`.
 */
export function parseRecords(rawBody: string): { records: IDataObject[] } | Rejection {
	let body: unknown;
	try {
		body = JSON.parse(rawBody);
	} catch {
		return reject(400, INVALID_ARGUMENT, 'invalid argument: the body is not valid JSON');
	}
	if (!isObject(body)) {
		return reject(400, INVALID_ARGUMENT, 'invalid argument: the body must be a JSON object');
	}
	if (!('list' in body)) return { records: [body] };
	if (!Array.isArray(body.list)) {
		return reject(400, INVALID_ARGUMENT, 'invalid argument: list must be an array');
	}
	return {
		records: body.list.map((record) =>
			isObject(record) ? record : { value: record as IDataObject[keyof IDataObject] },
		),
	};
}

export function isKnownTopic(topic: string): boolean {
	return Object.prototype.hasOwnProperty.call(WEBHOOK_TOPICS, topic);
}

/**
 * INFERRED: the kind of record, from its shape, when nothing names its topic. Customer events
 * carry `event_type` (reference §7.4); reviews carry `rating` (§8).
 */
function topicPrefixOf(record: IDataObject): string | undefined {
	if (typeof record.event_type === 'string') return 'customer_event/';
	if ('rating' in record) return 'review/';
	return undefined;
}

/**
 * Which topic a record belongs to, in this order: the record's own `topic`; a topic header
 * (TOPIC_HEADERS); the only subscribed topic, or the only subscribed topic of the record's kind
 * (a review among `review/*` topics, a customer event among `customer_event/*`); else
 * UNKNOWN_TOPIC. Every webhook of this node points at the same URL, so for example with both
 * `review/created` and `review/updated` chosen a review that names no topic stays "unknown".
 */
export function resolveTopic(
	record: IDataObject,
	headers: DeliveryHeaders,
	subscribedTopics: readonly string[],
): string {
	if (typeof record.topic === 'string' && record.topic) return record.topic;
	for (const name of TOPIC_HEADERS) {
		const value = headerValue(headers, name);
		if (value) return value;
	}
	if (subscribedTopics.length === 1) return subscribedTopics[0];
	const prefix = topicPrefixOf(record);
	const candidates = prefix ? subscribedTopics.filter((topic) => topic.startsWith(prefix)) : [];
	if (candidates.length === 1) return candidates[0];
	return UNKNOWN_TOPIC;
}

/** The redelivery key of one record: `requestId:recordId`, or the record's position when it has no id. */
export function deliveryKey(requestId: string, record: IDataObject, index: number): string {
	const id = record.id;
	const recordPart = typeof id === 'string' || typeof id === 'number' ? String(id) : `#${index}`;
	return `${requestId}:${recordPart}`;
}

/**
 * Remembers keys in the node's static data and returns those that were new. The list is bounded
 * (SEEN_DELIVERY_LIMIT, oldest first out), so it stays small in the workflow's saved data.
 */
export function rememberDeliveries(staticData: IDataObject, keys: readonly string[]): Set<string> {
	const stored = staticData[SEEN_DELIVERIES_KEY];
	const seen = Array.isArray(stored) ? stored.filter((key): key is string => typeof key === 'string') : [];
	const known = new Set(seen);
	const fresh = new Set<string>();
	for (const key of keys) {
		if (known.has(key)) continue;
		known.add(key);
		fresh.add(key);
		seen.push(key);
	}
	// Assigned only on change: n8n saves static data only when it was written to.
	if (fresh.size > 0) staticData[SEEN_DELIVERIES_KEY] = seen.slice(-SEEN_DELIVERY_LIMIT);
	return fresh;
}

export type ReviewType = 'all' | 'product' | 'store';

export interface DeliveryFilters {
	minRating?: number;
	maxRating?: number;
	reviewType?: ReviewType;
}

/** A store (shop-level) review has product_id "0", 0 or none (sandbox contract and reference §6.3). */
export function isStoreReview(record: IDataObject): boolean {
	const productId = record.product_id;
	return productId === undefined || productId === null || productId === '' || String(productId) === '0';
}

function readRating(record: IDataObject): number | undefined {
	const rating = record.rating;
	if (rating === undefined || rating === null || rating === '') return undefined;
	const value = Number(rating);
	return Number.isFinite(value) ? value : undefined;
}

/**
 * The filters concern reviews: they apply to records of `review/*` topics, and to records of an
 * unknown topic that carry a `rating`. Customer events always pass. A review whose rating cannot
 * be read does not pass a rating filter.
 */
export function passesFilters(record: IDataObject, topic: string, filters: DeliveryFilters): boolean {
	const isReview = topic.startsWith('review/') || (topic === UNKNOWN_TOPIC && 'rating' in record);
	if (!isReview) return true;
	if (filters.minRating !== undefined || filters.maxRating !== undefined) {
		const rating = readRating(record);
		if (rating === undefined) return false;
		if (filters.minRating !== undefined && rating < filters.minRating) return false;
		if (filters.maxRating !== undefined && rating > filters.maxRating) return false;
	}
	if (filters.reviewType === 'store' && !isStoreReview(record)) return false;
	if (filters.reviewType === 'product' && isStoreReview(record)) return false;
	return true;
}

/** Reads the node's Options collection into typed filters, ignoring unset or malformed values. */
export function readFilters(options: IDataObject): DeliveryFilters {
	const filters: DeliveryFilters = {};
	const min = Number(options.minRating);
	const max = Number(options.maxRating);
	if (options.minRating !== undefined && options.minRating !== '' && Number.isFinite(min)) {
		filters.minRating = min;
	}
	if (options.maxRating !== undefined && options.maxRating !== '' && Number.isFinite(max)) {
		filters.maxRating = max;
	}
	if (options.reviewType === 'product' || options.reviewType === 'store') {
		filters.reviewType = options.reviewType;
	}
	return filters;
}

export interface DeliveryOutcome {
	/** Records to emit, each `{...record, topic, delivery_request_id}`. */
	items: IDataObject[];
	/** Records dropped as redeliveries. */
	replayed: number;
	/** Records dropped by the topic subscription or the filters. */
	filtered: number;
}

/**
 * Turns the verified records of one delivery into output items: topic, redelivery check (only when
 * the delivery carries a request id), subscription and filters, in that order.
 */
export function processRecords(
	records: IDataObject[],
	context: {
		headers: DeliveryHeaders;
		subscribedTopics: readonly string[];
		filters: DeliveryFilters;
		staticData: IDataObject;
	},
): DeliveryOutcome {
	const requestId = headerValue(context.headers, DELIVERY_HEADERS.requestId) || undefined;
	const keys = requestId ? records.map((record, index) => deliveryKey(requestId, record, index)) : [];
	const fresh = requestId ? rememberDeliveries(context.staticData, keys) : undefined;

	const outcome: DeliveryOutcome = { items: [], replayed: 0, filtered: 0 };
	records.forEach((record, index) => {
		if (fresh && !fresh.has(keys[index])) {
			outcome.replayed += 1;
			return;
		}
		const topic = resolveTopic(record, context.headers, context.subscribedTopics);
		const subscribed = !isKnownTopic(topic) || context.subscribedTopics.includes(topic);
		if (!subscribed || !passesFilters(record, topic, context.filters)) {
			outcome.filtered += 1;
			return;
		}
		outcome.items.push({ ...record, topic, delivery_request_id: requestId ?? null });
	});
	return outcome;
}
