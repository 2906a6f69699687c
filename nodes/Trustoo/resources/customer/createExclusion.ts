import type { INodeProperties } from 'n8n-workflow';

import { showFor } from '../../transport/routing';
import { customerIdentityFields } from './shared';

export const customerCreateExclusionFields: INodeProperties[] = [
	...customerIdentityFields('createExclusion'),
	{
		displayName: 'Exclusions stop TrustWILL from sending review-request emails to a customer',
		name: 'exclusionNotice',
		type: 'notice',
		default: '',
		displayOptions: showFor('customer', ['createExclusion']),
	},
];
