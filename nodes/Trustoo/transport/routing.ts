/** Small builders that keep the operations tables short and uniform. */
import type { IDisplayOptions, INodeProperties, INodePropertyRouting } from 'n8n-workflow';

import { endpointSpec, type EndpointName, MAX_PAGE_SIZE } from '../../shared/api';

type PreSend = NonNullable<NonNullable<INodePropertyRouting['send']>['preSend']>;

/**
 * Routing of one operation: method and path from api.ts, sent through the node's transport. A
 * paged list (`list: 'paged'` in api.ts) starts at page 1; the transport walks the pages for
 * Return All / Limit.
 */
export function routeTo(endpoint: EndpointName, preSend: PreSend = []): INodePropertyRouting {
	const { method, path, list } = endpointSpec(endpoint);
	return {
		request: { method, url: path, ...(list === 'paged' ? { qs: { page: 1, page_size: MAX_PAGE_SIZE } } : {}) },
		send: { paginate: true, preSend },
	};
}

export function showFor(resource: string, operations: string[]): IDisplayOptions {
	return { show: { resource: [resource], operation: operations } };
}

/** The standard Return All / Limit pair (the transport reads them). */
export function returnAllAndLimit(resource: string, operation: string): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: showFor(resource, [operation]),
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { resource: [resource], operation: [operation], returnAll: [false] } },
		},
	];
}

const SORT_OPTIONS = [
	{ name: 'Newest First', value: 'created-descending' },
	{ name: 'Oldest First', value: 'created-ascending' },
];

/** The `sort_by` filter shared by every paged list (same values on all list endpoints). */
export const SORT_FILTER: INodeProperties = {
	displayName: 'Sort',
	name: 'sortBy',
	type: 'options',
	default: 'created-descending',
	description: 'Order of the records by creation time',
	options: SORT_OPTIONS,
	routing: { send: { type: 'query', property: 'sort_by' } },
};

/**
 * Alphabetical order of option names (n8n's lint wants options sorted). A plain code-unit
 * comparison: `localeCompare` would initialise ICU while n8n loads the node, a cost at start-up.
 */
export function byName(a: { name: string }, b: { name: string }): number {
	return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
