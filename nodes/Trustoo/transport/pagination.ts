/**
 * Page walking for the list endpoints (`page`/`page_size` until `total_page`), trimmed to the
 * user's Limit. The largest page size the API allows is used for Return All.
 *
 * Page 1 is always fetched alone: it tells how many pages there are. The rest are then fetched
 * with up to `Parallel Page Requests` requests in flight (1 = one after the other), each through
 * `sendTrustooRequest` (so retries and 429 handling apply per page), and emitted in the API's
 * order. With a Limit only the pages that the limit needs are requested.
 *
 * An answer without `page.total_page` (the shape of several list endpoints is not documented) is
 * walked one page at a time until a page comes back empty, or repeats the previous one (a server
 * that ignores `page`), so that no records are silently left out.
 */
import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeExecutionData } from 'n8n-workflow';

import { MAX_PAGE_SIZE } from '../../shared/api';
import { recordsOf, totalPagesOf } from '../../shared/records';
import type { TrustooEnvelope } from './errors';
import { authenticationOf, sendTrustooRequest, toJson } from './request';

/** Chosen from bench/ measurements (see BENCHMARKS.md). */
export const DEFAULT_PARALLEL_PAGE_REQUESTS = 4;
export const MAX_PARALLEL_PAGE_REQUESTS = 16;

interface Page {
	list: unknown[];
	/** Undefined when the answer does not say. */
	totalPages: number | undefined;
}

function readPage(envelope: TrustooEnvelope): Page {
	return { list: recordsOf(envelope.data) ?? [], totalPages: totalPagesOf(envelope.data) };
}

/** Two pages with the same records: the server answered the same page again. */
function samePage(previous: unknown[], next: unknown[]): boolean {
	if (previous.length !== next.length || next.length === 0) return false;
	return JSON.stringify(previous[0]) === JSON.stringify(next[0]) && JSON.stringify(previous[previous.length - 1]) === JSON.stringify(next[next.length - 1]);
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
	if (concurrency <= 1 || first.totalPages === undefined) {
		let { totalPages } = first;
		let previous = first.list;
		for (let page = 2; totalPages === undefined || page <= totalPages; page++) {
			const next = await fetchPage(page);
			totalPages = next.totalPages ?? totalPages;
			if (samePage(previous, next.list) || !take(next.list) || next.list.length === 0) break;
			previous = next.list;
		}
		return items;
	}

	// Only the pages the limit needs, as page 1 counted them.
	const lastPage = Math.min(first.totalPages, Math.ceil(wanted / pageSize));
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
