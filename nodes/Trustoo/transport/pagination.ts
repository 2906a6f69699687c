/**
 * Page walking for the list endpoints (`page`/`page_size` until `total_page`), trimmed to the
 * user's Limit. The largest page size the API allows is used for Return All.
 */
import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeExecutionData } from 'n8n-workflow';

import { MAX_PAGE_SIZE } from '../../shared/api';
import type { TrustooEnvelope } from './errors';
import { sendTrustooRequest, toJson } from './request';

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
export function requestedCount(context: IExecuteSingleFunctions): number {
	if (context.getNodeParameter('returnAll', true) === true) return Infinity;
	return Math.max(1, Number(context.getNodeParameter('limit', 50)));
}

export function isPagedList(options: IHttpRequestOptions): boolean {
	return typeof options.qs === 'object' && options.qs !== null && 'page_size' in options.qs;
}

export async function fetchPages(
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

