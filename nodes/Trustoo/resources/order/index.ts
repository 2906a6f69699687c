import type { INodeProperties } from 'n8n-workflow';

import { routeToList } from '../../transport/routing';
import { normalizeOrderDates, orderGetAllFields } from './getAll';

export const orderOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['order'] } },
	default: 'getAll',
	options: [
		{ name: 'Get Many', value: 'getAll', action: 'Get many orders', description: 'List orders with their review-request status', routing: routeToList('getOrders', [normalizeOrderDates]) },
	],
};

export const orderFields: INodeProperties[] = [...orderGetAllFields];
