import type { INodeProperties } from 'n8n-workflow';

import { WEBHOOK_TOPICS } from '../../../shared/api';
import { requireNumericId, requireOneOf, validateLimit } from '../../transport/preSend';
import { returnAllAndLimit, routeTo } from '../../transport/routing';
import { topicField, urlField, webhookIdField } from './fields';
import { validateWebhookUrl } from './validate';

const webhookId = requireNumericId('body', 'id', 'Webhook ID');
const topic = requireOneOf('body', 'topic', 'Topic', Object.keys(WEBHOOK_TOPICS), { required: true });

export const webhookOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['webhook'] } },
	default: 'getAll',
	options: [
		{ name: 'Create', value: 'create', action: 'Create a webhook', description: 'Register a URL for an event topic', routing: routeTo('createWebhook', [topic, validateWebhookUrl]) },
		{ name: 'Delete', value: 'delete', action: 'Delete a webhook', description: 'Remove a webhook', routing: routeTo('deleteWebhook', [webhookId]) },
		{ name: 'Get Many', value: 'getAll', action: 'Get many webhooks', description: 'List the store’s webhooks', routing: routeTo('getWebhooks', [validateLimit]) },
		{ name: 'Update', value: 'update', action: 'Update a webhook', description: 'Change a webhook’s topic or URL', routing: routeTo('updateWebhook', [webhookId, topic, validateWebhookUrl]) },
	],
};

export const webhookFields: INodeProperties[] = [
	webhookIdField(['update'], 'The ID of the webhook to change'),
	webhookIdField(['delete'], 'The ID of the webhook to remove'),
	topicField(['create', 'update']),
	urlField(['create', 'update']),
	...returnAllAndLimit('webhook', 'getAll'),
];
