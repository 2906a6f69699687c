/**
 * One request to Trustoo: signing (by the credential), the envelope check and error mapping.
 */
import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { SUCCESS_CODES } from '../../shared/api';
import { envelopeError, httpError, inspectHttpFailure, type TrustooEnvelope } from './errors';

export const CREDENTIAL_TYPES = {
	apiKey: 'trustooApi',
	oAuth2: 'trustooOAuth2Api',
} as const;

export type AuthenticationMethod = keyof typeof CREDENTIAL_TYPES;

export function authenticationOf(context: IExecuteSingleFunctions): AuthenticationMethod {
	return context.getNodeParameter('authentication', 'apiKey') === 'oAuth2' ? 'oAuth2' : 'apiKey';
}

function isEnvelope(body: unknown): body is TrustooEnvelope {
	return typeof body === 'object' && body !== null && typeof (body as TrustooEnvelope).code === 'number';
}

/** Sends one request and returns the envelope of a successful answer; throws a clear error otherwise. */
export async function sendTrustooRequest(
	context: IExecuteSingleFunctions,
	options: IHttpRequestOptions,
): Promise<TrustooEnvelope> {
	const credentialType = CREDENTIAL_TYPES[authenticationOf(context)];
	const itemIndex = context.getItemIndex();
	let body: unknown;
	try {
		body = await context.helpers.httpRequestWithAuthentication.call(context, credentialType, {
			...options,
			json: true,
			returnFullResponse: false,
		});
	} catch (error) {
		throw httpError(context.getNode(), inspectHttpFailure(error), itemIndex);
	}
	if (!isEnvelope(body)) {
		throw new NodeApiError(
			context.getNode(),
			{ message: 'Unexpected answer' },
			{
				message: 'Trustoo sent an answer that is not valid JSON',
				description:
					'The answer could not be read. Check that the credential’s Base URL points at the Trustoo API, then try again.',
				itemIndex,
			},
		);
	}
	if (!SUCCESS_CODES.includes(body.code)) {
		throw envelopeError(context.getNode(), body, itemIndex);
	}
	return body;
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
