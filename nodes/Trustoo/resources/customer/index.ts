import type { INodeProperties } from 'n8n-workflow';

import { EMAIL_TYPES } from '../../../shared/api';
import { exactlyOneCustomer, requireOneOf, validateEmail, validateLimit } from '../../transport/preSend';
import { routeTo } from '../../transport/routing';
import { customerCreateExclusionFields } from './createExclusion';
import { customerDeleteExclusionFields } from './deleteExclusion';
import { customerGetExclusionsFields } from './getExclusions';
import { customerUnsubscribeFields } from './unsubscribe';

export const customerOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['customer'] } },
	default: 'unsubscribe',
	options: [
		{ name: 'Create Exclusion', value: 'createExclusion', action: 'Exclude a customer from review requests', description: 'Stop review-request emails to a customer', routing: routeTo('createExclusion', [exactlyOneCustomer]) },
		{ name: 'Delete Exclusion', value: 'deleteExclusion', action: 'Remove a customer exclusion', description: 'Let a customer receive review requests again', routing: routeTo('deleteExclusion', [exactlyOneCustomer]) },
		{ name: 'Get Exclusions', value: 'getExclusions', action: 'Get excluded customers', description: 'List customers excluded from review requests', routing: routeTo('getExclusions', [validateLimit]) },
		{ name: 'Unsubscribe', value: 'unsubscribe', action: 'Unsubscribe a customer from emails', description: 'Unsubscribe an email address from TrustWILL emails', routing: routeTo('emailUnsubscribe', [validateEmail, requireOneOf('body', 'email_type', 'Email Type', EMAIL_TYPES, { required: true })]) },
	],
};

export const customerFields: INodeProperties[] = [
	...customerUnsubscribeFields,
	...customerCreateExclusionFields,
	...customerDeleteExclusionFields,
	...customerGetExclusionsFields,
];
