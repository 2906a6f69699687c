import type { INodeProperties } from 'n8n-workflow';

import { returnAllAndLimit, showFor } from '../../transport/routing';

export const customerExclusionFields: INodeProperties[] = [
	{
		displayName: 'Customer ID',
		name: 'customerId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 23044610359590',
		description: 'The Shopify customer ID. Fill in either Customer ID or Email, not both.',
		displayOptions: showFor('customer', ['createExclusion', 'deleteExclusion']),
		routing: { send: { type: 'body', property: 'customer_id' } },
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		description: 'The customer’s email address. Fill in either Customer ID or Email, not both.',
		displayOptions: showFor('customer', ['createExclusion', 'deleteExclusion']),
		routing: { send: { type: 'body', property: 'email' } },
	},
	{
		displayName: 'Exclusions stop TrustWILL from sending review-request emails to a customer',
		name: 'exclusionNotice',
		type: 'notice',
		default: '',
		displayOptions: showFor('customer', ['createExclusion']),
	},
	...returnAllAndLimit('customer', 'getExclusions'),
];
