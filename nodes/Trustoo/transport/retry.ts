/**
 * When a failed request to Trustoo is sent again, and how long to wait first. The one table that
 * says which endpoints may be repeated is `RETRY_CLASSES`; the README's "Reliability" section
 * explains it. Every attempt goes through n8n's `httpRequestWithAuthentication`, so the credential
 * signs each one afresh (new timestamp, new Sign) or attaches the current OAuth2 token.
 */
import type { IHttpRequestOptions } from 'n8n-workflow';

import { endpointSpec, ENDPOINTS, type EndpointName, type TrustooEndpoint } from '../../shared/api';

/**
 * - `read`: changes nothing; always safe to repeat.
 * - `idempotent`: a write whose repetition leaves the same state and gets the same answer.
 * - `write`: a repetition could act twice or answer differently (duplicate, not found): sent
 *   again only when the first attempt certainly did not reach Trustoo.
 */
export type RetryClass = 'read' | 'idempotent' | 'write';

/** Every endpoint and whether it may be repeated. New endpoints must be added here (the compiler checks). */
export const RETRY_CLASSES: Record<EndpointName, RetryClass> = {
	// GET: reads.
	getReview: 'read',
	getReviews: 'read',
	getRating: 'read',
	getWebhooks: 'read',
	getOrders: 'read',
	getCustomerEvents: 'read',
	getExclusions: 'read',
	getImageUploadCredentials: 'read', // a fresh upload policy each time; nothing is stored
	getVideoUploadUrl: 'read', // likewise
	getAuthorizationUrl: 'read',
	getAuthorizationInfo: 'read',
	getInstallStatus: 'read',
	oauthAuthorize: 'read', // not called by the node (the editor's OAuth2 flow opens it)
	// Writes that can be repeated: same final state, same answer.
	emailUnsubscribe: 'idempotent', // adds the email type to a set
	updateWebhook: 'idempotent', // sets topic and URL to the given values
	revokeToken: 'idempotent', // revoking a revoked or unknown token answers success (RFC 7009)
	// Writes that are not repeated once they may have reached Trustoo.
	createReview: 'write', // a second attempt creates a second review
	createWebhook: 'write', // a second attempt answers code 6 (already exists)
	createExclusion: 'write', // a second attempt answers code 6 (already exists)
	deleteReview: 'write', // a second attempt answers code 5 (not found) after a success
	deleteWebhook: 'write', // likewise
	deleteExclusion: 'write', // likewise
	disconnect: 'write', // the token stops working: a second attempt answers 401
	cancelAuthorization: 'write', // a second attempt finds no authorization
	oauthToken: 'write', // not called by the node (n8n fetches tokens itself)
};

/** Default of the node's "Max Retries" option. */
export const DEFAULT_MAX_RETRIES = 3;
/** Upper bound of the "Max Retries" option. */
export const MAX_RETRIES_LIMIT = 10;
/** First backoff step; each further retry doubles it. */
export const BACKOFF_BASE_MS = 250;
/** No single backoff wait is longer than this. */
export const BACKOFF_MAX_MS = 8_000;
/** A Retry-After longer than this is not waited for: the node fails at once and says how long to wait. */
export const RETRY_AFTER_CAP_MS = 30_000;
/** Spread added to a Retry-After wait, so that parallel items do not all come back at the same instant. */
export const RETRY_AFTER_JITTER_MS = 250;

/** HTTP statuses that mean "try again later". 429: Trustoo did not process the request. */
export const RATE_LIMITED_STATUS = 429;
/** Server-side failures after which the request may or may not have been carried out. */
export const TRANSIENT_SERVER_STATUSES: readonly number[] = [500, 502, 503, 504];
/** Trustoo codes in an HTTP 200 answer that mean a transient failure (reference §9: canceled, deadline exceeded, internal). */
export const TRANSIENT_TRUSTOO_CODES: readonly number[] = [1, 4, 13];

/** Network errors raised before the request was sent: the server never saw it. */
export const NOT_SENT_NETWORK_CODES: readonly string[] = [
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
];
/** Network errors after which the request may have reached the server. */
export const MAYBE_SENT_NETWORK_CODES: readonly string[] = [
	'ECONNRESET',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'ECONNABORTED',
	'EPIPE',
	'ERR_CANCELED',
];

/** What went wrong with one attempt, as far as retrying is concerned. */
export type AttemptFailure =
	| { kind: 'status'; status: number; retryAfterMs?: number }
	| { kind: 'network'; code: string }
	| { kind: 'trustooCode'; code: number }
	| { kind: 'malformed' }
	| { kind: 'other' };

export type RetryDecision = { retry: true; delayMs: number } | { retry: false; reason?: 'retryAfterTooLong' };

const PATH_TO_ENDPOINT = new Map<string, EndpointName>(
	(Object.entries(ENDPOINTS) as Array<[EndpointName, { path: string }]>).map(([name, { path }]) => [path, name]),
);

/** The ENDPOINTS key of a request, from its URL path (query ignored). */
export function endpointOf(options: IHttpRequestOptions): EndpointName | undefined {
	const path = String(options.url ?? '').split('?')[0];
	return PATH_TO_ENDPOINT.get(path);
}

/** The api.ts description of the request's endpoint, if it is one of Trustoo's. */
export function endpointSpecOf(options: IHttpRequestOptions): TrustooEndpoint | undefined {
	const endpoint = endpointOf(options);
	return endpoint ? endpointSpec(endpoint) : undefined;
}

/** The retry class of a request; an unknown endpoint is a read only if it is a GET. */
export function retryClassOf(options: IHttpRequestOptions): RetryClass {
	const endpoint = endpointOf(options);
	if (endpoint) return RETRY_CLASSES[endpoint];
	return (options.method ?? 'GET').toUpperCase() === 'GET' ? 'read' : 'write';
}

/** `Retry-After` in milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: unknown, now: number = Date.now()): number | undefined {
	if (value === undefined || value === null) return undefined;
	const text = String(Array.isArray(value) ? value[0] : value).trim();
	if (text === '') return undefined;
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
	const date = Date.parse(text);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - now);
}

/** Exponential backoff with "equal jitter": between half and all of base·2^(retry-1), capped. */
export function backoffDelay(retryNumber: number, random: () => number = Math.random): number {
	const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, retryNumber - 1));
	return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** Whether the failure proves that Trustoo did not carry out the request. */
function certainlyNotProcessed(failure: AttemptFailure): boolean {
	if (failure.kind === 'status') return failure.status === RATE_LIMITED_STATUS;
	if (failure.kind === 'network') return NOT_SENT_NETWORK_CODES.includes(failure.code);
	return false;
}

/** Whether the failure is transient, so that a repetition can succeed. */
function transient(failure: AttemptFailure): boolean {
	switch (failure.kind) {
		case 'status':
			return failure.status === RATE_LIMITED_STATUS || TRANSIENT_SERVER_STATUSES.includes(failure.status);
		case 'network':
			return NOT_SENT_NETWORK_CODES.includes(failure.code) || MAYBE_SENT_NETWORK_CODES.includes(failure.code);
		case 'trustooCode':
			return TRANSIENT_TRUSTOO_CODES.includes(failure.code);
		case 'malformed':
			return true;
		default:
			return false;
	}
}

/**
 * Whether to send the request again after `failure`, and after how long. `retryNumber` is the
 * retry about to be made (1 for the first retry).
 */
export function decideRetry(
	retryClass: RetryClass,
	failure: AttemptFailure,
	retryNumber: number,
	maxRetries: number,
	random: () => number = Math.random,
): RetryDecision {
	if (retryNumber > maxRetries || !transient(failure)) return { retry: false };
	if (retryClass === 'write' && !certainlyNotProcessed(failure)) return { retry: false };
	if (failure.kind === 'status' && failure.retryAfterMs !== undefined) {
		if (failure.retryAfterMs > RETRY_AFTER_CAP_MS) return { retry: false, reason: 'retryAfterTooLong' };
		return { retry: true, delayMs: failure.retryAfterMs + Math.round(random() * RETRY_AFTER_JITTER_MS) };
	}
	return { retry: true, delayMs: backoffDelay(retryNumber, random) };
}

/** The node's "Max Retries" option as a whole number within 0..MAX_RETRIES_LIMIT. */
export function clampMaxRetries(value: unknown): number {
	const number = Number(value);
	if (!Number.isFinite(number)) return DEFAULT_MAX_RETRIES;
	return Math.min(MAX_RETRIES_LIMIT, Math.max(0, Math.floor(number)));
}
