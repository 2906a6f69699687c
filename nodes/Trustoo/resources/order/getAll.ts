import type { INodeProperties } from 'n8n-workflow';

import { ORDER_REQUEST_STATUSES } from '../../../shared/api';
import { normalizeDates } from '../../transport/preSend';
import { byName, returnAllAndLimit, showFor, SORT_FILTER } from '../../transport/routing';

const dateFilter = (displayName: string, name: string, property: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'dateTime',
	default: '',
	description,
	routing: { send: { type: 'query', property } },
});

export const orderGetAllFields: INodeProperties[] = [
	...returnAllAndLimit('order', 'getAll'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: showFor('order', ['getAll']),
		options: [
			dateFilter('Created After', 'createdAfter', 'start_time', 'Only orders created at or after this time'),
			dateFilter('Created Before', 'createdBefore', 'end_time', 'Only orders created at or before this time'),
			{
				displayName: 'Review Request Status',
				name: 'requestStatus',
				type: 'options',
				default: 0,
				description: 'Only orders whose review-request email is in this state',
				options: Object.entries(ORDER_REQUEST_STATUSES)
					.map(([value, name]) => ({ name, value: Number(value) }))
					.sort(byName),
				routing: { send: { type: 'query', property: 'type' } },
			},
			dateFilter('Request Sent After', 'sentAfter', 'start_sent_at', 'Only orders whose review request was sent at or after this time'),
			dateFilter('Request Sent Before', 'sentBefore', 'end_sent_at', 'Only orders whose review request was sent at or before this time'),
			SORT_FILTER,
		],
	},
];

export const normalizeOrderDates = normalizeDates(
	{
		start_time: 'Created After',
		end_time: 'Created Before',
		start_sent_at: 'Request Sent After',
		end_sent_at: 'Request Sent Before',
	},
	'qs',
);
