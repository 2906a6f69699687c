import type { INodeProperties } from 'n8n-workflow';

import { ORDER_REQUEST_STATUSES, SORT_VALUES } from '../../../shared/api';
import { requireOneOf, validateLimit } from '../../transport/preSend';
import { routeTo } from '../../transport/routing';
import { normalizeOrderDates, orderGetAllFields } from './getAll';

export const orderOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['order'] } },
	default: 'getAll',
	options: [
		{ name: 'Get Many', value: 'getAll', action: 'Get many orders', description: 'List orders with their review-request status', routing: routeTo('getOrders', [validateLimit, normalizeOrderDates, requireOneOf('qs', 'type', 'Review Request Status', Object.keys(ORDER_REQUEST_STATUSES)), requireOneOf('qs', 'sort_by', 'Sort', SORT_VALUES)]) },
	],
};

export const orderFields: INodeProperties[] = [...orderGetAllFields];
