/**
 * The node's single transport: every operation's request goes through `executeTrustooRequest`
 * (wired as the node's declarative `requestOperations.pagination` function, and every operation
 * routes with `paginate: true`). One place therefore handles signing (via the credential), the
 * Trustoo envelope, error mapping and page walking.
 */
import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { MAX_PAGE_SIZE, SUCCESS_CODES } from '../../shared/api';
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

function toJson(value: unknown): IDataObject {
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

interface PageInfo {
	page: number;
	page_size: number;
	total_page: number;
	count: number;
}

function readPage(envelope: TrustooEnvelope): { list: unknown[]; info: PageInfo } {
	const data = (envelope.data ?? {}) as { list?: unknown; page?: Partial<PageInfo> };
	const list = Array.isArray(data.list) ? data.list : [];
	const info = data.page ?? {};
	return {
		list,
		info: {
			page: Number(info.page ?? 1),
			page_size: Number(info.page_size ?? list.length),
			total_page: Number(info.total_page ?? 1),
			count: Number(info.count ?? list.length),
		},
	};
}

/** How many records the user asked for: `returnAll` or `limit`. */
function requestedCount(context: IExecuteSingleFunctions): number {
	if (context.getNodeParameter('returnAll', true) === true) return Infinity;
	return Math.max(1, Number(context.getNodeParameter('limit', 50)));
}

function isPagedList(options: IHttpRequestOptions): boolean {
	return typeof options.qs === 'object' && options.qs !== null && 'page_size' in options.qs;
}

async function fetchPages(
	context: IExecuteSingleFunctions,
	options: IHttpRequestOptions,
): Promise<INodeExecutionData[]> {
	const wanted = requestedCount(context);
	const pageSize = Math.min(MAX_PAGE_SIZE, wanted);
	const records: unknown[] = [];
	let page = 1;
	let totalPages = 1;
	do {
		const envelope = await sendTrustooRequest(context, {
			...options,
			qs: { ...options.qs, page, page_size: pageSize },
		});
		const { list, info } = readPage(envelope);
		records.push(...list);
		totalPages = info.total_page;
		if (list.length === 0) break;
		page += 1;
	} while (page <= totalPages && records.length < wanted);
	return records.slice(0, wanted).map((record) => ({ json: toJson(record) }));
}

export async function executeTrustooRequest(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const options = requestData.options as IHttpRequestOptions;
	if (isPagedList(options)) return await fetchPages(this, options);
	const envelope = await sendTrustooRequest(this, options);
	const items = dataToItems(envelope.data);
	// Unpaged lists (webhooks) still honour Return All / Limit.
	return Array.isArray(envelope.data) ? items.slice(0, requestedCount(this)) : items;
}
