/**
 * Turns an n8n request into a Trustoo HMAC-signed one: folds the query into the URL and
 * serialises the body once, so the bytes signed are exactly the bytes sent.
 */
import type { IHttpRequestOptions } from 'n8n-workflow';

import { REQUEST_HEADERS } from './api';
import {
	encodeQuery,
	hmacSha256Hex,
	type QueryInput,
	type QueryPair,
	requestStringToSign,
	serializeBody,
	toQueryPairs,
	unixSeconds,
} from './signature';

export interface ShopTokens {
	publicToken: string;
	privateToken: string;
}

function pairsFromUrlQuery(search: string): QueryPair[] {
	return Array.from(new URLSearchParams(search).entries());
}

function bodyToSend(body: IHttpRequestOptions['body']): string | undefined {
	if (body === undefined || body === null || body === '') return undefined;
	if (typeof body === 'string') return body;
	if (body instanceof URLSearchParams || Buffer.isBuffer(body)) {
		throw new TypeError('Trustoo requests carry JSON bodies only');
	}
	return serializeBody(body);
}

function withoutAuthorizationHeader(headers: IHttpRequestOptions['headers']): Record<string, unknown> {
	// Any non-empty Authorization header makes Trustoo try OAuth2 instead of HMAC (reference §2.1).
	const kept: Record<string, unknown> = {};
	for (const [name, value] of Object.entries(headers ?? {})) {
		if (name.toLowerCase() !== 'authorization') kept[name] = value;
	}
	return kept;
}

export function signRequest(
	tokens: ShopTokens,
	requestOptions: IHttpRequestOptions,
	now: Date = new Date(),
): IHttpRequestOptions {
	const [path, urlQuery = ''] = requestOptions.url.split('?', 2);
	const pairs = [
		...pairsFromUrlQuery(urlQuery),
		...toQueryPairs(requestOptions.qs as QueryInput | undefined),
	];
	const timestamp = unixSeconds(now);
	const method = (requestOptions.method ?? 'GET').toUpperCase();
	const body = method === 'GET' ? undefined : bodyToSend(requestOptions.body);
	const sign = hmacSha256Hex(tokens.privateToken, requestStringToSign(pairs, timestamp, body));
	const query = encodeQuery(pairs);

	const headers: Record<string, unknown> = {
		...withoutAuthorizationHeader(requestOptions.headers),
		[REQUEST_HEADERS.publicToken]: tokens.publicToken,
		[REQUEST_HEADERS.timestamp]: timestamp,
		[REQUEST_HEADERS.sign]: sign,
	};
	if (body !== undefined) headers['Content-Type'] = 'application/json';

	const signed: IHttpRequestOptions = {
		...requestOptions,
		url: query ? `${path}?${query}` : path,
		qs: undefined,
		headers: headers as IHttpRequestOptions['headers'],
		body,
	};
	if (body === undefined) delete signed.body;
	return signed;
}
