/**
 * Turns Trustoo's answers and HTTP failures into errors a merchant can act on. Trustoo reports most
 * errors as HTTP 200 with a non-zero `code` (reference §9). Nothing here copies request headers,
 * URLs or bodies into an error: they may carry tokens and client secrets.
 */
import { type INode, type JsonObject, NodeApiError } from 'n8n-workflow';

export interface TrustooEnvelope {
	code: number;
	message?: string;
	time?: number;
	request_id?: string;
	data?: unknown;
}

/** What each Trustoo code means for the person running the workflow (reference §9). */
const CODE_HINTS: Record<number, { title: string; hint: string }> = {
	1: { title: 'The request was canceled', hint: 'Run the node again.' },
	3: {
		title: 'Trustoo rejected a parameter',
		hint: 'Check the field named in Trustoo’s message and correct its value.',
	},
	4: {
		title: 'The request expired before Trustoo finished it',
		hint: 'Run the node again; if it keeps happening, request smaller pages.',
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

export function describeTrustooCode(code: number): { title: string; hint: string } {
	return (
		CODE_HINTS[code] ?? {
			title: `Trustoo returned error code ${code}`,
			hint: 'See the message from Trustoo above.',
		}
	);
}

export function envelopeError(node: INode, envelope: TrustooEnvelope, itemIndex?: number): NodeApiError {
	const { title, hint } = describeTrustooCode(envelope.code);
	const trustooMessage = envelope.message ? `: ${envelope.message}` : '';
	const requestId = envelope.request_id ? ` (request ID ${envelope.request_id})` : '';
	const error = new NodeApiError(
		node,
		{ code: envelope.code, message: envelope.message ?? '', request_id: envelope.request_id ?? '' },
		{
			message: `${title}${trustooMessage}`,
			description: `${hint} Trustoo code ${envelope.code}${requestId}.`,
			httpCode: '200',
			itemIndex,
		},
	);
	error.context.trustooCode = envelope.code;
	error.context.requestId = envelope.request_id;
	return error;
}

interface HttpFailure {
	status?: number;
	code?: string;
	retryAfter?: string;
	envelope?: TrustooEnvelope;
}

/** Extracts what is safe and useful from an axios/n8n error, and nothing else. */
export function inspectHttpFailure(error: unknown): HttpFailure {
	const candidates = [error, (error as { cause?: unknown })?.cause];
	for (const candidate of candidates) {
		const failure = candidate as {
			response?: { status?: number; data?: unknown; headers?: Record<string, unknown> };
			code?: unknown;
			httpCode?: unknown;
		};
		if (failure?.response?.status) {
			const data = failure.response.data;
			const envelope =
				data && typeof data === 'object' && typeof (data as TrustooEnvelope).code === 'number'
					? (data as TrustooEnvelope)
					: undefined;
			const retryAfter = failure.response.headers?.['retry-after'];
			return {
				status: failure.response.status,
				envelope,
				retryAfter: retryAfter === undefined ? undefined : String(retryAfter),
			};
		}
		// n8n keeps a network error's code (ECONNREFUSED, ...) in `code`, or only in `httpCode`.
		for (const networkCode of [failure?.code, failure?.httpCode]) {
			if (typeof networkCode === 'string' && /^E?[A-Z_]+$/.test(networkCode)) return { code: networkCode };
		}
	}
	return {};
}

const NETWORK_MESSAGES: Record<string, string> = {
	ECONNREFUSED: 'The connection to Trustoo was refused',
	ENOTFOUND: 'The Trustoo host name could not be resolved',
	EAI_AGAIN: 'The Trustoo host name could not be resolved',
	ECONNRESET: 'The connection to Trustoo was interrupted',
	ETIMEDOUT: 'The request to Trustoo timed out',
	ECONNABORTED: 'The request to Trustoo timed out',
	EPROTO: 'The TLS connection to Trustoo failed',
	CERT_HAS_EXPIRED: 'Trustoo’s TLS certificate could not be verified',
	DEPTH_ZERO_SELF_SIGNED_CERT: 'Trustoo’s TLS certificate could not be verified',
	UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'Trustoo’s TLS certificate could not be verified',
};

export function httpError(node: INode, failure: HttpFailure, itemIndex?: number): NodeApiError {
	if (failure.envelope && failure.envelope.code !== 0) {
		const error = envelopeError(node, failure.envelope, itemIndex);
		if (failure.status) error.httpCode = String(failure.status);
		return error;
	}
	let message: string;
	let description: string;
	if (failure.status === 401 || failure.status === 403) {
		message = `Trustoo refused the credentials (HTTP ${failure.status})`;
		description =
			'Check the credential: for the API credential copy the Public and Private Token again; for OAuth2 reconnect it.';
	} else if (failure.status === 429) {
		message = 'Trustoo is rate limiting these requests (HTTP 429)';
		description = `Too many requests in a short time. Wait${failure.retryAfter ? ` ${failure.retryAfter} s` : ''} and try again, or use fewer items per run.`;
	} else if (failure.status && failure.status >= 500) {
		message = `Trustoo had a server error (HTTP ${failure.status})`;
		description = 'The service failed to process the request. Try again in a moment.';
	} else if (failure.status) {
		message = `Trustoo answered with HTTP ${failure.status}`;
		description = 'Check the Base URL in the credential and the parameters of this node.';
	} else if (failure.code && NETWORK_MESSAGES[failure.code]) {
		message = NETWORK_MESSAGES[failure.code];
		description = `Check the credential’s Base URL and this machine’s network connection (${failure.code}).`;
	} else {
		message = 'The request to Trustoo failed';
		description = failure.code
			? `Network error ${failure.code}. Check the credential’s Base URL.`
			: 'Check the credential’s Base URL and try again.';
	}
	const errorResponse: JsonObject = { message, status: failure.status ?? null, code: failure.code ?? null };
	return new NodeApiError(node, errorResponse, {
		message,
		description,
		httpCode: failure.status ? String(failure.status) : null,
		itemIndex,
	} as ConstructorParameters<typeof NodeApiError>[2]);
}
