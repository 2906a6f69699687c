/**
 * Turns Trustoo's answers and HTTP failures into errors a merchant can act on. Trustoo reports most
 * errors as HTTP 200 with a non-zero `code` (reference §9). Nothing here copies request headers,
 * URLs or bodies into an error: they may carry tokens and client secrets. Errors are built from
 * plain objects (never from the underlying Error), so no stack trace or request reaches the
 * message, the description or the error's context.
 */
import { type INode, type JsonObject, NodeApiError } from 'n8n-workflow';

import { TIMESTAMP_TOLERANCE_SECONDS } from '../../shared/api';

export interface TrustooEnvelope {
	code: number;
	message?: string;
	time?: number;
	request_id?: string;
	data?: unknown;
}

/** What the error is about, beyond the failure itself. */
export interface ErrorSetting {
	itemIndex?: number;
	/** How many times the request was sent (more than 1 after retries). */
	attempts?: number;
	/** How the request authenticated (`platform`: the OAuth2 client's ID and secret): the advice differs. */
	authentication?: 'apiKey' | 'oAuth2' | 'platform';
	/** The answer asked to wait longer than the node waits by itself (see retry.ts). */
	retryAfterTooLong?: boolean;
	/** The OAuth2 scope the operation needs, when known: named in the advice for a refusal. */
	scope?: string;
}

/** What each Trustoo code means for the person running the workflow (reference §9). */
const CODE_HINTS: Record<number, { title: string; hint: string }> = {
	1: { title: 'Trustoo canceled the request', hint: 'Run the node again.' },
	3: {
		title: 'Trustoo rejected a parameter',
		hint: 'Check the field named in Trustoo’s message and correct its value.',
	},
	4: {
		title: 'Trustoo did not finish the request in time',
		hint: 'Run the node again; if it keeps happening, request fewer records (a lower Limit).',
	},
	5: {
		title: 'Not found',
		hint: 'Check the ID: the review, webhook or customer may have been deleted, or belongs to another store.',
	},
	6: {
		title: 'It already exists',
		hint: 'Trustoo already has this entry (for example the same webhook topic and URL, or the same excluded customer).',
	},
	8: {
		title: 'Trustoo refused the operation',
		hint: 'With OAuth2, the access token may lack the scope this operation needs: add it to the credential’s Scope and reconnect.',
	},
	13: {
		title: 'Trustoo had an internal error',
		hint: 'Wait a moment and try again; contact TrustWILL support if it persists.',
	},
	16: {
		title: 'Authentication failed',
		hint: 'Check the Public Token and Private Token in the credential (copy them again from the TrustWILL app) and that this machine’s clock is correct: signed requests are valid for 15 minutes.',
	},
};

function scopeHint(scope: string): string {
	return `The access token may lack the scope this operation needs, ${scope}: add it to the OAuth2 credential’s Scope and reconnect.`;
}

const OAUTH2_AUTH_HINT =
	'The OAuth2 access token was not accepted: reconnect the credential (or check its Client ID and Client Secret).';

const PLATFORM_AUTH_HINT =
	'Trustoo did not accept the platform’s Client ID and Client Secret: copy them again into the TrustWILL (Trustoo) OAuth2 API credential, exactly as TrustWILL issued them.';

export function describeTrustooCode(
	code: number,
	authentication?: ErrorSetting['authentication'],
	scope?: string,
): { title: string; hint: string } {
	if (code === 8 && authentication === 'oAuth2' && scope) {
		return { title: CODE_HINTS[8].title, hint: scopeHint(scope) };
	}
	if (code === 16 && authentication === 'oAuth2') return { title: CODE_HINTS[16].title, hint: OAUTH2_AUTH_HINT };
	if (code === 16 && authentication === 'platform') return { title: CODE_HINTS[16].title, hint: PLATFORM_AUTH_HINT };
	return (
		CODE_HINTS[code] ?? {
			title: `Trustoo returned error code ${code}`,
			hint: 'See Trustoo’s message above.',
		}
	);
}

/** Trustoo's wording for a timestamp outside its window (the sandbox says "timestamp expired"). */
const TIMESTAMP_MESSAGE = /time ?stamp|clock|skew/i;

/**
 * Minutes between this machine's clock and Trustoo's (positive: this machine is ahead), when the
 * answer carries Trustoo's time; undefined otherwise.
 */
export function clockOffsetMinutes(envelope: TrustooEnvelope, now: number = Date.now()): number | undefined {
	if (typeof envelope.time !== 'number' || !Number.isFinite(envelope.time) || envelope.time <= 0) return undefined;
	return Math.round((now / 1000 - envelope.time) / 60);
}

/** A signed timestamp rejected because the clocks disagree (code 16, or 4, about the timestamp). */
export function isClockSkew(envelope: TrustooEnvelope, now: number = Date.now()): boolean {
	if (envelope.code !== 16 && envelope.code !== 4) return false;
	if (TIMESTAMP_MESSAGE.test(envelope.message ?? '')) return true;
	const offset = clockOffsetMinutes(envelope, now);
	return envelope.code === 16 && offset !== undefined && Math.abs(offset * 60) > TIMESTAMP_TOLERANCE_SECONDS;
}

function clockSkewText(envelope: TrustooEnvelope): { title: string; hint: string } {
	const offset = clockOffsetMinutes(envelope);
	const by =
		offset !== undefined && Math.abs(offset) >= 1
			? ` This machine’s clock is about ${Math.abs(offset)} minute${Math.abs(offset) === 1 ? '' : 's'} ${offset > 0 ? 'ahead of' : 'behind'} Trustoo’s.`
			: '';
	return {
		title: 'Trustoo rejected the request’s timestamp: the clock of this machine is wrong',
		hint: `Signed requests are valid for ${TIMESTAMP_TOLERANCE_SECONDS / 60} minutes around Trustoo’s time.${by} Set the clock of the machine that runs n8n (turn on automatic time synchronisation, NTP) and run the node again.`,
	};
}

function requestIdText(requestId: string | undefined): string {
	return requestId ? ` Trustoo request ID: ${requestId}.` : '';
}

function attemptsText(attempts: number | undefined): string {
	return attempts && attempts > 1 ? ` The node tried ${attempts} times.` : '';
}

/** Trustoo's own message, shortened and on one line: it is quoted, never trusted as markup. */
function quote(message: string | undefined): string {
	const line = (message ?? '').replace(/\s+/g, ' ').trim();
	return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}

export function envelopeError(
	node: INode,
	envelope: TrustooEnvelope,
	setting: ErrorSetting | number = {},
): NodeApiError {
	const { itemIndex, attempts, authentication, scope } = typeof setting === 'number' ? { itemIndex: setting } : setting;
	const { title, hint } = isClockSkew(envelope) ? clockSkewText(envelope) : describeTrustooCode(envelope.code, authentication, scope);
	const trustooMessage = quote(envelope.message);
	const message = trustooMessage ? `${title}: ${trustooMessage}` : title;
	const error = new NodeApiError(
		node,
		{ code: envelope.code, message: trustooMessage, request_id: envelope.request_id ?? '' },
		{
			message,
			description: `${hint} Trustoo code ${envelope.code}.${requestIdText(envelope.request_id)}${attemptsText(attempts)}`,
			httpCode: '200',
			itemIndex,
		},
	);
	error.context.trustooCode = envelope.code;
	error.context.requestId = envelope.request_id;
	if (attempts !== undefined) error.context.attempts = attempts;
	return error;
}

export interface HttpFailure {
	status?: number;
	/** A network error code such as ECONNREFUSED. */
	code?: string;
	/** The Retry-After header, as received. */
	retryAfter?: string;
	envelope?: TrustooEnvelope;
	/** A Retry-After longer than the node waits. */
	retryAfterTooLong?: boolean;
	/** For any other failure: its message, on one line and with any address removed. */
	detail?: string;
}

/** n8n keeps a network error's code (ECONNREFUSED, ...) in `code`, or only in `httpCode`. */
const NETWORK_CODE = /^(E[A-Z_]+|ERR_[A-Z0-9_]+|[A-Z]+(_[A-Z]+)+)$/;

function asEnvelope(data: unknown): TrustooEnvelope | undefined {
	return data && typeof data === 'object' && typeof (data as TrustooEnvelope).code === 'number'
		? (data as TrustooEnvelope)
		: undefined;
}

/**
 * Extracts what is safe and useful from an error thrown by n8n's request helpers, and nothing
 * else: the HTTP status and the Trustoo envelope of the answer, or the network error code.
 */
export function inspectHttpFailure(error: unknown): HttpFailure {
	const candidates = [error, (error as { cause?: unknown })?.cause];
	for (const candidate of candidates) {
		const failure = candidate as {
			response?: { status?: number; data?: unknown; headers?: Record<string, unknown> };
			code?: unknown;
			httpCode?: unknown;
			context?: { data?: unknown };
		};
		if (!failure || typeof failure !== 'object') continue;
		if (failure.response?.status) {
			const retryAfter = failure.response.headers?.['retry-after'];
			return {
				status: failure.response.status,
				envelope: asEnvelope(failure.response.data),
				retryAfter: retryAfter === undefined ? undefined : String(retryAfter),
			};
		}
		// n8n's NodeApiError keeps the status as `httpCode` and the answer's body in `context.data`.
		if (typeof failure.httpCode === 'string' && /^[1-5]\d\d$/.test(failure.httpCode)) {
			return { status: Number(failure.httpCode), envelope: asEnvelope(failure.context?.data) };
		}
		for (const networkCode of [failure.code, failure.httpCode]) {
			if (typeof networkCode === 'string' && NETWORK_CODE.test(networkCode)) return { code: networkCode };
		}
	}
	// Anything else (n8n's own refusals, such as an OAuth2 credential that is not connected) keeps
	// its message, so the advice can match the cause.
	const message = candidates
		.map((candidate) => (candidate as { message?: unknown } | undefined)?.message)
		.find((text): text is string => typeof text === 'string' && text.trim() !== '');
	return message ? { detail: safeDetail(message) } : {};
}

/** A message without addresses (they may carry a client secret in their query), on one line. */
function safeDetail(message: string): string {
	return quote(message.replace(/\b[a-z][a-z0-9+.-]*:\/\/\S+/gi, '<address>'));
}

/**
 * n8n-core's refusal to send an OAuth2 request before the credential holds a token (the second
 * wording comes from its OAuth2 client when the credential's token data is empty).
 */
const NOT_CONNECTED = /OAuth credentials not connected|Unable to sign without access token/i;

const TIMED_OUT = 'The request to Trustoo timed out';
const NOT_RESOLVED = 'The Trustoo host name could not be resolved (DNS)';
const TLS_FAILED = 'The secure (TLS) connection to Trustoo failed';

const NETWORK_MESSAGES: Record<string, string> = {
	ECONNREFUSED: 'The connection to Trustoo was refused',
	ENOTFOUND: NOT_RESOLVED,
	EAI_AGAIN: NOT_RESOLVED,
	EHOSTUNREACH: 'The Trustoo server could not be reached',
	ENETUNREACH: 'The Trustoo server could not be reached',
	ECONNRESET: 'The connection to Trustoo was interrupted',
	EPIPE: 'The connection to Trustoo was interrupted',
	ETIMEDOUT: TIMED_OUT,
	ESOCKETTIMEDOUT: TIMED_OUT,
	ECONNABORTED: TIMED_OUT,
	EPROTO: TLS_FAILED,
	CERT_HAS_EXPIRED: TLS_FAILED,
	CERT_NOT_YET_VALID: TLS_FAILED,
	DEPTH_ZERO_SELF_SIGNED_CERT: TLS_FAILED,
	SELF_SIGNED_CERT_IN_CHAIN: TLS_FAILED,
	UNABLE_TO_VERIFY_LEAF_SIGNATURE: TLS_FAILED,
	UNABLE_TO_GET_ISSUER_CERT_LOCALLY: TLS_FAILED,
	ERR_TLS_CERT_ALTNAME_INVALID: TLS_FAILED,
	ERR_SSL_WRONG_VERSION_NUMBER: TLS_FAILED,
	ERR_CANCELED: 'The request to Trustoo was canceled',
	// client-oauth2, when n8n fetches or refreshes a token and the token endpoint refuses.
	EAUTH: 'The OAuth2 access token for Trustoo could not be obtained or refreshed',
	ESTATUS: 'The OAuth2 access token for Trustoo could not be obtained or refreshed',
};

const NETWORK_DESCRIPTIONS: Record<string, string> = {
	[TIMED_OUT]:
		'Trustoo did not answer within the timeout. Try again later, or raise the node’s Timeout (Settings → Request Options → Timeout).',
	[NOT_RESOLVED]:
		'Check the Base URL in the credential (the default is https://rapi.trustoo.io) and this machine’s DNS and internet connection.',
	[TLS_FAILED]:
		'The certificate of the server could not be verified or the TLS handshake failed. Check that the credential’s Base URL starts with https:// and points at the Trustoo API, and that no proxy intercepts the connection.',
	'The connection to Trustoo was refused':
		'Nothing accepted the connection at the credential’s Base URL. Check the Base URL and that this machine may connect to it.',
	'The request to Trustoo was canceled': 'The execution was stopped while the request was running.',
	'The OAuth2 access token for Trustoo could not be obtained or refreshed':
		'Trustoo’s token endpoint refused the credential. Reconnect the credential (its refresh token may have expired or been revoked), and check its Client ID and Client Secret.',
};

function tlsFailure(code: string): boolean {
	return /CERT|SSL|TLS/.test(code);
}

/** The error for an HTTP-level failure: a non-2xx status, or a network error. */
export function httpError(node: INode, failure: HttpFailure, setting: ErrorSetting | number = {}): NodeApiError {
	const { itemIndex, attempts, authentication, scope } = typeof setting === 'number' ? { itemIndex: setting } : setting;
	const envelope = failure.envelope && failure.envelope.code !== 0 ? failure.envelope : undefined;
	const status = failure.status;
	// Statuses that say more than the envelope's code come first (404/405: a wrong Base URL, not a missing record).
	const statusFirst = status !== undefined && [401, 403, 404, 405, 429].includes(status);
	if (envelope && !statusFirst && !(status && status >= 500)) {
		const error = envelopeError(node, envelope, { itemIndex, attempts, authentication, scope });
		if (status) error.httpCode = String(status);
		return error;
	}
	const trustooSays = envelope?.message ? ` Trustoo says: “${quote(envelope.message)}”.` : '';
	let message: string;
	let description: string;
	if (envelope && isClockSkew(envelope)) {
		const { title, hint } = clockSkewText(envelope);
		message = title;
		description = hint;
	} else if (status === 401 || status === 403) {
		message = `Trustoo refused the credentials (HTTP ${status})`;
		description =
			authentication === 'oAuth2'
				? `${OAUTH2_AUTH_HINT}${status === 403 ? ` ${scope ? scopeHint(scope) : 'The token may also lack the scope this operation needs.'}` : ''}`
				: authentication === 'platform'
					? PLATFORM_AUTH_HINT
					: 'Check the credential: copy the Public Token and Private Token again from the TrustWILL app.';
	} else if (status === 429) {
		message = 'Trustoo is rate limiting these requests (HTTP 429)';
		const wait = failure.retryAfter ? ` Trustoo asks to wait ${failure.retryAfter} s.` : '';
		description = failure.retryAfterTooLong
			? `Too many requests in a short time.${wait} That is longer than the node waits by itself: run it again later, or send fewer items per run (Settings → Request Options → Batching).`
			: `Too many requests in a short time.${wait} Wait a moment and run the node again, or send fewer items per run (Settings → Request Options → Batching).`;
	} else if (status && status >= 500) {
		message = `Trustoo had a server error (HTTP ${status})`;
		description = 'The TrustWILL service failed to handle the request. Try again in a moment; contact TrustWILL support if it persists.';
	} else if (status) {
		message = `Trustoo answered with HTTP ${status}`;
		description =
			status === 404 || status === 405
				? 'The address does not exist: check the Base URL in the credential (the default is https://rapi.trustoo.io).'
				: 'Check the Base URL in the credential and the parameters of this node.';
	} else if (failure.code && (NETWORK_MESSAGES[failure.code] || tlsFailure(failure.code))) {
		message = NETWORK_MESSAGES[failure.code] ?? TLS_FAILED;
		description = `${NETWORK_DESCRIPTIONS[message] ?? 'Check the credential’s Base URL and this machine’s network connection.'} (${failure.code})`;
	} else if (failure.detail && NOT_CONNECTED.test(failure.detail)) {
		message = 'The OAuth2 credential is not connected to a TrustWILL store yet';
		description =
			'Open the TrustWILL (Trustoo) OAuth2 API credential and click “Connect my account” to approve your platform for the store, or use the Client Credentials grant if TrustWILL allows it for your platform.';
	} else {
		message = 'The request to Trustoo failed';
		description = failure.code
			? `Network error ${failure.code}. Check the credential’s Base URL and this machine’s network connection.`
			: failure.detail
				? `n8n reported: “${failure.detail}”. Check the credential and the node’s parameters, then try again.`
				: 'Check the credential’s Base URL and try again.';
	}
	description = `${description}${trustooSays}${requestIdText(envelope?.request_id)}${attemptsText(attempts)}`;
	// No `code` key: NodeApiError would replace the message with n8n's generic text for it.
	const errorResponse: JsonObject = {
		message,
		status: status ?? null,
		networkError: failure.code ?? null,
		request_id: envelope?.request_id ?? null,
	};
	const error = new NodeApiError(node, errorResponse, {
		message,
		description,
		httpCode: status ? String(status) : null,
		itemIndex,
	} as ConstructorParameters<typeof NodeApiError>[2]);
	if (envelope) {
		error.context.trustooCode = envelope.code;
		error.context.requestId = envelope.request_id;
	}
	if (failure.code) error.context.networkError = failure.code;
	if (attempts !== undefined) error.context.attempts = attempts;
	return error;
}

/** A 2xx answer whose body is not a Trustoo envelope (cut off, HTML from a proxy, ...). */
export function malformedAnswerError(node: INode, setting: ErrorSetting = {}): NodeApiError {
	const message = 'Trustoo sent an answer that is not valid JSON';
	const error = new NodeApiError(
		node,
		{ message },
		{
			message,
			description: `The answer could not be read (it may have been cut off). Check that the credential’s Base URL points at the Trustoo API, then try again.${attemptsText(setting.attempts)}`,
			itemIndex: setting.itemIndex,
		},
	);
	if (setting.attempts !== undefined) error.context.attempts = setting.attempts;
	return error;
}
