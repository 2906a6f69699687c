import type { INodeProperties } from 'n8n-workflow';

import { routeToList } from '../../transport/routing';
import { customerEventGetAllFields } from './getAll';

export const customerEventOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['customerEvent'] } },
	default: 'getAll',
	options: [
		{ name: 'Get Many', value: 'getAll', action: 'Get many customer events', description: 'List shoppers’ interactions with review widgets', routing: routeToList('getCustomerEvents') },
	],
};

export const customerEventFields: INodeProperties[] = [...customerEventGetAllFields];
