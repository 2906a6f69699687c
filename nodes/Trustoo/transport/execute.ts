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

import { fetchPages, isPagedList, requestedCount } from './pagination';
import { dataToItems, sendTrustooRequest } from './request';

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
