import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_PARALLEL_PAGE_REQUESTS, MAX_PARALLEL_PAGE_REQUESTS } from '../transport/pagination';
import { DEFAULT_MAX_RETRIES, MAX_RETRIES_LIMIT } from '../transport/retry';

/** Settings that apply to every operation (read by the transport, not sent to Trustoo). */
export const nodeOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Max Retries',
			name: 'maxRetries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: MAX_RETRIES_LIMIT, numberPrecision: 0 },
			default: DEFAULT_MAX_RETRIES,
			description:
				'How many times a failed request is sent again: after a rate limit (HTTP 429) or a network error before sending, and for reads and repeatable writes also after a server error, a timeout or an interrupted connection. Writes that may have reached Trustoo are never repeated. 0 turns retries off.',
		},
		{
			displayName: 'Parallel Page Requests',
			name: 'parallelPageRequests',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_PARALLEL_PAGE_REQUESTS, numberPrecision: 0 },
			default: DEFAULT_PARALLEL_PAGE_REQUESTS,
			description:
				'For lists of many pages (Return All or a large Limit): how many pages to request at the same time once the first page has told how many there are. Results keep Trustoo’s order. 1 requests one page after the other.',
		},
	],
};
