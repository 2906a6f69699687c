import type { INodeProperties } from 'n8n-workflow';

import { WEBHOOK_TOPICS } from '../../../shared/api';
import { requireHttpUrl, requireNumericId, requireOneOf, validateLimit } from '../../transport/preSend';
import { routeTo } from '../../transport/routing';
import { webhookCreateFields } from './create';
import { webhookDeleteFields } from './delete';
import { webhookGetAllFields } from './getAll';
import { webhookUpdateFields } from './update';

const webhookId = requireNumericId('body', 'id', 'Webhook ID');
const topic = requireOneOf('body', 'topic', 'Topic', Object.keys(WEBHOOK_TOPICS), { required: true });
// Trustoo calls the URL from the internet: it must be an absolute http(s) URL.
const webhookUrl = requireHttpUrl('body', 'url', 'URL');

export const webhookOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['webhook'] } },
	default: 'getAll',
	options: [
		{ name: 'Create', value: 'create', action: 'Create a webhook', description: 'Register a URL for an event topic', routing: routeTo('createWebhook', [topic, webhookUrl]) },
		{ name: 'Delete', value: 'delete', action: 'Delete a webhook', description: 'Remove a webhook', routing: routeTo('deleteWebhook', [webhookId]) },
		{ name: 'Get Many', value: 'getAll', action: 'Get many webhooks', description: 'List the store’s webhooks', routing: routeTo('getWebhooks', [validateLimit]) },
		{ name: 'Update', value: 'update', action: 'Update a webhook', description: 'Change a webhook’s topic or URL', routing: routeTo('updateWebhook', [webhookId, topic, webhookUrl]) },
	],
};

export const webhookFields: INodeProperties[] = [
	...webhookCreateFields,
	...webhookUpdateFields,
	...webhookDeleteFields,
	...webhookGetAllFields,
];
