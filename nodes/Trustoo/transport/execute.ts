/**
 * The node's single entry to the API: wired as the declarative `requestOperations.pagination`
 * function, and every operation routes with `paginate: true`, so signing, the Trustoo envelope,
 * error mapping and page walking happen in one place for all operations.
 */
import type {
	DeclarativeRestApiSettings,
	IExecutePaginationFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
} from 'n8n-workflow';

import { recordsOf } from '../../shared/records';
import { fetchPages, requestedCount } from './pagination';
import { dataToItems, sendTrustooRequest, toJson } from './request';
import { endpointSpecOf } from './retry';

export async function executeTrustooRequest(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const options = requestData.options as IHttpRequestOptions;
	const list = endpointSpecOf(options)?.list;
	if (list === 'paged') return await fetchPages(this, options);
	const envelope = await sendTrustooRequest(this, options);
	if (list !== 'whole') return dataToItems(envelope.data);
	// A list answered whole (webhooks) still honours Return All / Limit.
	const records = recordsOf(envelope.data) ?? [];
	return records.slice(0, requestedCount(this)).map((record) => ({ json: toJson(record) }));
}
