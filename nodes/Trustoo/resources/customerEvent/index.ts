import type { INodeProperties } from 'n8n-workflow';

import { SORT_VALUES } from '../../../shared/api';
import { requireOneOf, validateLimit } from '../../transport/preSend';
import { routeTo } from '../../transport/routing';
import { customerEventGetAllFields } from './getAll';

export const customerEventOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['customerEvent'] } },
	default: 'getAll',
	options: [
		{ name: 'Get Many', value: 'getAll', action: 'Get many customer events', description: 'List shoppers’ interactions with review widgets', routing: routeTo('getCustomerEvents', [validateLimit, requireOneOf('qs', 'sort_by', 'Sort', SORT_VALUES)]) },
	],
};

export const customerEventFields: INodeProperties[] = [...customerEventGetAllFields];
