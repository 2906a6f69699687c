/**
 * The trigger's calls to Trustoo's webhook endpoints (reference §5.2 to §5.5): list, create and
 * delete shop webhooks. Requests are signed or given a Bearer token by the credential through
 * `httpRequestWithAuthentication`; every answer's envelope is checked here.
 */
import type { IDataObject, IHookFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { bodyId, DEFAULT_BASE_URL, ENDPOINTS, SUCCESS_CODES, type TrustooEndpoint } from '../shared/api';
import { envelopeError, httpError, inspectHttpFailure, type TrustooEnvelope } from '../Trustoo/transport/errors';
import { credentialTypeFor, type TrustooCredentialType } from '../shared/authentication';
import { recordsOf } from '../shared/records';

/** Trustoo codes the lifecycle handles itself (reference §9). */
export const NOT_FOUND_CODE = 5;
export const ALREADY_EXISTS_CODE = 6;

export interface TrustooWebhook {
	id: string;
	topic: string;
	url: string;
}

type CallResult = { ok: true; data: unknown } | { ok: false; envelope: TrustooEnvelope; status?: number };

export function credentialTypeOf(context: IHookFunctions): TrustooCredentialType {
	return credentialTypeFor(context.getNodeParameter('authentication', 'apiKey'));
}

function isEnvelope(body: unknown): body is TrustooEnvelope {
	return typeof body === 'object' && body !== null && typeof (body as TrustooEnvelope).code === 'number';
}

function baseUrlOf(credentials: IDataObject): string {
	const configured = typeof credentials.baseUrl === 'string' ? credentials.baseUrl.trim() : '';
	return (configured || DEFAULT_BASE_URL).replace(/\/+$/, '');
}

/**
 * Sends one request. Returns the `data` of a success envelope, or the envelope of a Trustoo error
 * (HTTP 200 with a non-zero code, or an error status carrying an envelope) for the caller to judge;
 * throws for anything else (network failure, an answer that is not an envelope).
 */
async function callTrustoo(
	context: IHookFunctions,
	endpoint: TrustooEndpoint,
	body?: IDataObject,
): Promise<CallResult> {
	const credentialType = credentialTypeOf(context);
	const credentials = await context.getCredentials(credentialType);
	const options: IHttpRequestOptions = {
		method: endpoint.method,
		baseURL: baseUrlOf(credentials),
		url: endpoint.path,
		json: true,
	};
	if (body !== undefined) options.body = body;

	let response: unknown;
	try {
		response = await context.helpers.httpRequestWithAuthentication.call(context, credentialType, options);
	} catch (error) {
		const failure = inspectHttpFailure(error);
		if (failure.envelope && !SUCCESS_CODES.includes(failure.envelope.code)) {
			return { ok: false, envelope: failure.envelope, status: failure.status };
		}
		throw httpError(context.getNode(), failure);
	}
	if (!isEnvelope(response)) {
		throw new NodeApiError(
			context.getNode(),
			{ message: 'Unexpected answer' },
			{
				message: 'Trustoo sent an answer that is not a Trustoo JSON envelope',
				description: 'Check that the credential’s Base URL points at the Trustoo API.',
			},
		);
	}
	if (!SUCCESS_CODES.includes(response.code)) return { ok: false, envelope: response };
	return { ok: true, data: response.data };
}

function failed(context: IHookFunctions, result: { envelope: TrustooEnvelope; status?: number }): NodeApiError {
	const error = envelopeError(context.getNode(), result.envelope);
	if (result.status) error.httpCode = String(result.status);
	return error;
}

function toWebhook(value: unknown): TrustooWebhook | undefined {
	if (typeof value !== 'object' || value === null) return undefined;
	const record = value as IDataObject;
	if (record.id === undefined || record.id === null || record.id === '') return undefined;
	return { id: String(record.id), topic: String(record.topic ?? ''), url: String(record.url ?? '') };
}

/** All webhooks Trustoo lists for this credential (the shop, or the platform's with OAuth2). */
export async function listWebhooks(context: IHookFunctions): Promise<TrustooWebhook[]> {
	const result = await callTrustoo(context, ENDPOINTS.getWebhooks);
	if (!result.ok) throw failed(context, result);
	return (recordsOf(result.data) ?? [])
		.map(toWebhook)
		.filter((webhook): webhook is TrustooWebhook => webhook !== undefined);
}

/** Registers a webhook; answers `exists` when Trustoo already has one with this topic and URL (code 6). */
export async function createWebhook(
	context: IHookFunctions,
	topic: string,
	url: string,
): Promise<{ created: TrustooWebhook } | { exists: true }> {
	const result = await callTrustoo(context, ENDPOINTS.createWebhook, { topic, url });
	if (!result.ok) {
		if (result.envelope.code === ALREADY_EXISTS_CODE) return { exists: true };
		throw failed(context, result);
	}
	const created = toWebhook(result.data);
	if (!created) {
		throw new NodeApiError(
			context.getNode(),
			{ message: 'Webhook id missing' },
			{
				message: 'Trustoo did not return the id of the new webhook',
				description: `The webhook for "${topic}" may have been created; check the shop's webhooks in TrustWILL.`,
			},
		);
	}
	return { created };
}

/** Deletes a webhook; answers `gone` when Trustoo no longer has it (code 5). */
export async function deleteWebhook(context: IHookFunctions, id: string): Promise<'deleted' | 'gone'> {
	const result = await callTrustoo(context, ENDPOINTS.deleteWebhook, { id: bodyId(id) });
	if (result.ok) return 'deleted';
	if (result.envelope.code === NOT_FOUND_CODE) return 'gone';
	throw failed(context, result);
}
