import type { INodeProperties } from 'n8n-workflow';

import { CUSTOMER_EVENT_OS_TYPES, CUSTOMER_EVENT_SOURCES, CUSTOMER_EVENT_TYPES } from '../../../shared/api';
import { byName, returnAllAndLimit, showFor, SORT_FILTER } from '../../transport/routing';

const titleCase = (value: string) =>
	value
		.toLowerCase()
		.split('_')
		.map((word) => word.charAt(0).toUpperCase() + word.slice(1))
		.join(' ');

const choices = (values: readonly string[]) =>
	values.map((value) => ({ name: titleCase(value), value })).sort(byName);

export const customerEventGetAllFields: INodeProperties[] = [
	...returnAllAndLimit('customerEvent', 'getAll'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: showFor('customerEvent', ['getAll']),
		options: [
			{
				displayName: 'Event Source',
				name: 'eventSource',
				type: 'options',
				default: 'STOREFRONT',
				description: 'Where the event happened. For a value TrustWILL records that is not listed, use an expression.',
				options: choices(CUSTOMER_EVENT_SOURCES),
				routing: { send: { type: 'query', property: 'event_source' } },
			},
			{
				displayName: 'Event Type',
				name: 'eventType',
				type: 'options',
				default: 'VIEW_REVIEW',
				description: 'What the shopper did. For a value TrustWILL records that is not listed, use an expression.',
				options: choices(CUSTOMER_EVENT_TYPES),
				routing: { send: { type: 'query', property: 'event_type' } },
			},
			{
				displayName: 'Operating System',
				name: 'osType',
				type: 'options',
				default: 'IOS',
				description: 'The shopper’s operating system. For one that is not listed (such as MACOS), use an expression.',
				options: choices(CUSTOMER_EVENT_OS_TYPES),
				routing: { send: { type: 'query', property: 'os_type' } },
			},
			SORT_FILTER,
		],
	},
];
