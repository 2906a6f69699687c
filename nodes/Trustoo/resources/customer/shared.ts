/** Fields that several customer operations share, built per operation. */
import type { INodeProperties } from 'n8n-workflow';

import { showFor } from '../../transport/routing';

/** Customer ID or Email, exactly one (checked by `exactlyOneCustomer`). */
export function customerIdentityFields(operation: string): INodeProperties[] {
	return [
		{
			displayName: 'Customer ID',
			name: 'customerId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 23044610359590',
			description: 'The Shopify customer ID. Fill in either Customer ID or Email, not both.',
			displayOptions: showFor('customer', [operation]),
			routing: { send: { type: 'body', property: 'customer_id' } },
		},
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
			description: 'The customer’s email address. Fill in either Customer ID or Email, not both.',
			displayOptions: showFor('customer', [operation]),
			routing: { send: { type: 'body', property: 'email' } },
		},
	];
}
