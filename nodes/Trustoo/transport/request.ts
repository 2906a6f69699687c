/**
 * One request to Trustoo: a last well-formedness check, signing (by the credential, afresh for
 * every attempt), the envelope check, retries (retry.ts) and error mapping (errors.ts).
 */
import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleepWithAbort } from 'n8n-workflow';

import { SUCCESS_CODES } from '../../shared/api';
import { type AuthenticationMethod, authenticationMethodOf, CREDENTIAL_TYPES } from '../../shared/authentication';
import {
	envelopeError,
	type ErrorSetting,
	httpError,
	inspectHttpFailure,
	malformedAnswerError,
	type TrustooEnvelope,
} from './errors';
import {
	type AttemptFailure,
	clampMaxRetries,
	decideRetry,
	DEFAULT_MAX_RETRIES,
	endpointOf,
	endpointSpecOf,
	parseRetryAfter,
	retryClassOf,
} from './retry';

export function authenticationOf(context: IExecuteSingleFunctions): AuthenticationMethod {
	return authenticationMethodOf(context.getNodeParameter('authentication', 'apiKey'));
}

/** The node's Options → Max Retries. */
export function maxRetriesOf(context: IExecuteSingleFunctions): number {
	return clampMaxRetries(context.getNodeParameter('options.maxRetries', DEFAULT_MAX_RETRIES));
}

function isEnvelope(body: unknown): body is TrustooEnvelope {
	return typeof body === 'object' && body !== null && typeof (body as TrustooEnvelope).code === 'number';
}

/** A JSON answer n8n left as text (for example without a JSON content type). */
function readBody(body: unknown): unknown {
	if (typeof body !== 'string') return body;
	try {
		return JSON.parse(body) as unknown;
	} catch {
		return body;
	}
}

type Attempt = { ok: true; envelope: TrustooEnvelope } | { ok: false; failure: AttemptFailure; build: (setting: ErrorSetting) => NodeApiError };

function headerValue(headers: IDataObject | undefined, name: string): unknown {
	if (!headers) return undefined;
	const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
	return key === undefined ? undefined : headers[key];
}

/** Fresh copies per attempt: n8n and the credential add headers and signatures to what they get. */
function attemptOptions(options: IHttpRequestOptions): IHttpRequestOptions {
	return {
		...options,
		headers: { ...(options.headers ?? {}) },
		...(options.qs ? { qs: { ...options.qs } } : {}),
		json: true,
	};
}

function failureOfStatus(
	context: IExecuteSingleFunctions,
	status: number,
	body: unknown,
	retryAfterHeader: unknown,
): Attempt {
	const envelope = isEnvelope(body) ? body : undefined;
	const retryAfterMs = parseRetryAfter(retryAfterHeader);
	const retryAfter = retryAfterMs === undefined ? undefined : String(Math.ceil(retryAfterMs / 1000));
	return {
		ok: false,
		failure: { kind: 'status', status, retryAfterMs },
		build: (setting) => httpError(context.getNode(), { status, envelope, retryAfter, retryAfterTooLong: setting.retryAfterTooLong }, setting),
	};
}

function failureOfThrown(context: IExecuteSingleFunctions, error: unknown): Attempt {
	const inspected = inspectHttpFailure(error);
	if (inspected.status) return failureOfStatus(context, inspected.status, inspected.envelope, inspected.retryAfter);
	const failure: AttemptFailure = inspected.code ? { kind: 'network', code: inspected.code } : { kind: 'other' };
	return { ok: false, failure, build: (setting) => httpError(context.getNode(), inspected, setting) };
}

/**
 * Platform endpoints (`auth: 'platform'` in api.ts) authenticate with the client ID and secret
 * that their preSend hooks put in the query or body. They are sent without the credential's
 * authentication: that would add a shop's Bearer token (Trustoo then checks the token instead,
 * reference §2.1) and would refuse to run before an authorization-code credential is connected,
 * although Get Authorization URL is how a platform gets its first shop connected.
 */
export function sendsWithoutCredential(options: IHttpRequestOptions): boolean {
	return endpointSpecOf(options)?.auth === 'platform';
}

/** Sends the request once; never throws for an HTTP, network or Trustoo failure. */
async function attemptOnce(context: IExecuteSingleFunctions, options: IHttpRequestOptions): Promise<Attempt> {
	const authentication = authenticationOf(context);
	const credentialType = CREDENTIAL_TYPES[authentication];
	const withoutCredential = sendsWithoutCredential(options);
	const send = async (): Promise<IN8nHttpFullResponse> => {
		// Statuses are read here rather than thrown, to keep the Retry-After header.
		const request = { ...attemptOptions(options), returnFullResponse: true, ignoreHttpStatusErrors: true };
		return (await (withoutCredential
			? context.helpers.httpRequest(request)
			: context.helpers.httpRequestWithAuthentication.call(context, credentialType, request))) as IN8nHttpFullResponse;
	};
	let response: IN8nHttpFullResponse;
	try {
		response = await send();
		if (response.statusCode === 401 && authentication === 'oAuth2' && !withoutCredential) {
			// n8n refreshes an OAuth2 token by itself only when a 401 is thrown; statuses are read
			// here instead, so refresh it explicitly and send the request once more.
			await context.helpers.refreshOAuth2Token.call(context, credentialType);
			response = await send();
		}
	} catch (error) {
		return failureOfThrown(context, error);
	}
	const body = readBody(response.body);
	const status = Number(response.statusCode);
	if (!(status >= 200 && status < 300)) {
		return failureOfStatus(context, status, body, headerValue(response.headers, 'retry-after'));
	}
	if (!isEnvelope(body)) {
		return { ok: false, failure: { kind: 'malformed' }, build: (setting) => malformedAnswerError(context.getNode(), setting) };
	}
	if (!SUCCESS_CODES.includes(body.code)) {
		return {
			ok: false,
			failure: { kind: 'trustooCode', code: body.code },
			build: (setting) => envelopeError(context.getNode(), body, setting),
		};
	}
	return { ok: true, envelope: body };
}

/** A UTF-16 surrogate without its pair: it cannot be URL-encoded. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Text that stands for an input coercion gone wrong, never for a user's value. */
function describeBadValue(value: unknown): string | undefined {
	if (value === undefined) return 'undefined';
	if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
	if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') return `a ${typeof value}`;
	return undefined;
}

/**
 * The last check before anything is sent: every query value is a string, a finite number or a
 * boolean (or a list of them), and the body has no NaN, Infinity or undefined inside a list. A
 * problem here means a parameter got a value of the wrong type (usually from an expression).
 */
export function assertWellFormed(context: IExecuteSingleFunctions, options: IHttpRequestOptions): void {
	const fail = (field: string, what: string): never => {
		const itemIndex = context.getItemIndex();
		throw new NodeOperationError(context.getNode(), `The value of "${field}" is not valid (${what}) [item ${itemIndex}]`, {
			description: `Check the node parameter that sets “${field}”: if it is an expression, make it return text or a number.`,
			itemIndex,
		});
	};
	for (const [key, value] of Object.entries((options.qs ?? {}) as IDataObject)) {
		if (value === undefined || value === null) continue;
		const entries = Array.isArray(value) ? value : [value];
		for (const entry of entries) {
			const bad = describeBadValue(entry);
			if (bad) fail(key, bad);
			if (entry === null || typeof entry === 'object') fail(key, Array.isArray(entry) ? 'a nested list' : 'an object');
			if (typeof entry === 'string' && LONE_SURROGATE.test(entry)) fail(key, 'a broken character');
		}
	}
	const walk = (value: unknown, path: string, inList: boolean): void => {
		if (value === undefined) {
			if (inList) fail(path, 'undefined');
			return;
		}
		const bad = describeBadValue(value);
		if (bad) fail(path, bad);
		if (Array.isArray(value)) value.forEach((entry, index) => walk(entry, `${path}[${index}]`, true));
		else if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
			for (const [key, entry] of Object.entries(value)) walk(entry, path ? `${path}.${key}` : key, false);
		}
	};
	if (options.body !== undefined && typeof options.body === 'object' && options.body !== null) walk(options.body, '', false);
}

/** Replaces the credential's secrets in a text, should any library have put one there. */
async function redactSecrets(context: IExecuteSingleFunctions, error: NodeApiError): Promise<NodeApiError> {
	let secrets: string[] = [];
	try {
		const credentials = await context.getCredentials(CREDENTIAL_TYPES[authenticationOf(context)]);
		const tokenData = (credentials.oauthTokenData ?? {}) as IDataObject;
		secrets = [credentials.privateToken, credentials.clientSecret, tokenData.access_token, tokenData.refresh_token]
			.filter((secret): secret is string => typeof secret === 'string' && secret.length >= 6);
	} catch {
		return error;
	}
	const redact = (text: unknown) =>
		typeof text === 'string' ? secrets.reduce((result, secret) => result.split(secret).join('***'), text) : text;
	error.message = redact(error.message) as string;
	if (typeof error.description === 'string') error.description = redact(error.description) as string;
	error.messages = error.messages.map((text) => redact(text) as string);
	return error;
}

/**
 * Sends one request and returns the envelope of a successful answer; throws a clear error
 * otherwise. Transient failures are retried as retry.ts decides, with a fresh signature each time.
 */
export async function sendTrustooRequest(
	context: IExecuteSingleFunctions,
	options: IHttpRequestOptions,
): Promise<TrustooEnvelope> {
	assertWellFormed(context, options);
	const itemIndex = context.getItemIndex();
	const retryClass = retryClassOf(options);
	const maxRetries = maxRetriesOf(context);
	const cancelSignal = context.getExecutionCancelSignal?.();
	for (let attempt = 1; ; attempt++) {
		const outcome = await attemptOnce(context, options);
		if (outcome.ok) return outcome.envelope;
		const decision = decideRetry(retryClass, outcome.failure, attempt, maxRetries);
		if (!decision.retry || cancelSignal?.aborted) {
			const error = outcome.build({
				itemIndex,
				attempts: attempt,
				authentication: sendsWithoutCredential(options) ? 'platform' : authenticationOf(context),
				scope: endpointSpecOf(options)?.scope,
				retryAfterTooLong: !decision.retry && decision.reason === 'retryAfterTooLong',
			});
			throw await redactSecrets(context, error);
		}
		context.logger?.debug(
			`Trustoo: ${endpointOf(options) ?? 'request'} failed (${describeFailure(outcome.failure)}); retry ${attempt} of ${maxRetries} in ${decision.delayMs} ms`,
			{ itemIndex },
		);
		await sleepWithAbort(decision.delayMs, cancelSignal);
	}
}

function describeFailure(failure: AttemptFailure): string {
	switch (failure.kind) {
		case 'status':
			return `HTTP ${failure.status}`;
		case 'network':
			return failure.code;
		case 'trustooCode':
			return `Trustoo code ${failure.code}`;
		case 'malformed':
			return 'unreadable answer';
		default:
			return 'error';
	}
}

export function toJson(value: unknown): IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value)
		? (value as IDataObject)
		: { value: value as IDataObject[keyof IDataObject] };
}

/** One output item per record, never the envelope. */
export function dataToItems(data: unknown): INodeExecutionData[] {
	if (Array.isArray(data)) return data.map((entry) => ({ json: toJson(entry) }));
	if (data === undefined || data === null) return [{ json: { success: true } }];
	if (typeof data === 'object' && Object.keys(data).length === 0) return [{ json: { success: true } }];
	return [{ json: toJson(data) }];
}
