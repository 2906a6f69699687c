/**
 * Page walking for the list endpoints (`page`/`page_size` until `total_page`), trimmed to the
 * user's Limit. The largest page size the API allows is used for Return All.
 *
 * Page 1 is always fetched alone: it tells how many pages there are. The rest are then fetched
 * with up to `Parallel Page Requests` requests in flight (1 = one after the other), each through
 * `sendTrustooRequest` (so retries and 429 handling apply per page), and emitted in the API's
 * order. With a Limit only the pages that the limit needs are requested.
 */
import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeExecutionData } from 'n8n-workflow';

import { MAX_PAGE_SIZE } from '../../shared/api';
import type { TrustooEnvelope } from './errors';
import { authenticationOf, sendTrustooRequest, toJson } from './request';

/** Chosen from bench/ measurements (see BENCHMARKS.md). */
export const DEFAULT_PARALLEL_PAGE_REQUESTS = 4;
export const MAX_PARALLEL_PAGE_REQUESTS = 16;

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

/** The `Parallel Page Requests` option, clamped to 1..MAX_PARALLEL_PAGE_REQUESTS. */
export function parallelPageRequests(context: IExecuteSingleFunctions): number {
	const value = Number(context.getNodeParameter('options.parallelPageRequests', DEFAULT_PARALLEL_PAGE_REQUESTS));
	if (!Number.isFinite(value)) return DEFAULT_PARALLEL_PAGE_REQUESTS;
	return Math.min(MAX_PARALLEL_PAGE_REQUESTS, Math.max(1, Math.floor(value)));
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
	const fetchPage = async (page: number) =>
		readPage(
			await sendTrustooRequest(context, {
				...options,
				qs: { ...options.qs, page, page_size: pageSize },
			}),
		);

	// Records are wrapped as they arrive, straight into the output: no intermediate copies.
	const items: INodeExecutionData[] = [];
	/** Appends a page's records up to the limit; false once no more are wanted. */
	const take = (list: unknown[]): boolean => {
		const end = Math.min(list.length, wanted - items.length);
		for (let index = 0; index < end; index++) items.push({ json: toJson(list[index]) });
		return items.length < wanted;
	};

	const first = await fetchPage(1);
	if (!take(first.list) || first.list.length === 0) return items;

	const concurrency = parallelPageRequests(context);
	if (concurrency <= 1) {
		let totalPages = first.info.total_page;
		for (let page = 2; page <= totalPages; page++) {
			const { list, info } = await fetchPage(page);
			totalPages = info.total_page;
			if (!take(list) || list.length === 0) break;
		}
		return items;
	}

	// Only the pages the limit needs, as page 1 counted them.
	const lastPage = Math.min(first.info.total_page, Math.ceil(wanted / pageSize));
	if (!(lastPage >= 2)) return items;

	// Pages that arrived ahead of their turn wait here until every earlier page is emitted.
	const arrived = new Map<number, unknown[]>();
	let nextToEmit = 2;
	const emitReady = (): void => {
		while (arrived.has(nextToEmit)) {
			take(arrived.get(nextToEmit) as unknown[]);
			arrived.delete(nextToEmit);
			nextToEmit++;
		}
	};
	// An OAuth2 access token that expires mid-walk fails every request in flight, and each of them
	// refreshes it with the same refresh token; where refresh tokens are rotated (the sandbox does
	// it, Trustoo does not say), all but one refresh fail. A page that fails during the parallel
	// walk is therefore fetched once more, one at a time, after the requests in flight finished.
	const refetchOnce = authenticationOf(context) === 'oAuth2';
	const refetched = new Set<number>();
	let toRefetch: number[] = [];
	let nextToFetch = 2;
	let failure: { error: unknown } | undefined;

	const worker = async (): Promise<void> => {
		while (failure === undefined && toRefetch.length === 0 && nextToFetch <= lastPage) {
			const page = nextToFetch++;
			try {
				arrived.set(page, (await fetchPage(page)).list);
			} catch (error) {
				// Stop handing out pages; the requests already in flight finish first.
				if (refetchOnce && !refetched.has(page)) toRefetch.push(page);
				else failure ??= { error };
				return;
			}
			emitReady();
		}
	};

	while (nextToFetch <= lastPage) {
		const workers: Array<Promise<void>> = [];
		const count = Math.min(concurrency, lastPage - nextToFetch + 1);
		for (let index = 0; index < count; index++) workers.push(worker());
		await Promise.all(workers);
		if (failure !== undefined) throw failure.error;
		const pages = toRefetch.sort((a, b) => a - b);
		toRefetch = [];
		for (const page of pages) {
			refetched.add(page);
			arrived.set(page, (await fetchPage(page)).list);
		}
		emitReady();
	}
	return items;
}
