/** Fields that several webhook operations share, built per operation. */
import type { INodeProperties } from 'n8n-workflow';

import { WEBHOOK_TOPICS } from '../../../shared/api';

export const TOPIC_OPTIONS = [
	{ name: 'Customer Event Created', value: 'customer_event/created', description: 'A shopper interacted with a review widget' },
	{ name: 'Review Created', value: 'review/created', description: 'A review was created' },
	{ name: 'Review Deleted', value: 'review/deleted', description: 'A review was deleted or hidden' },
	{ name: 'Review Updated', value: 'review/updated', description: 'A review was updated' },
] satisfies Array<{ name: string; value: keyof typeof WEBHOOK_TOPICS; description: string }>;

export function topicField(operations: string[]): INodeProperties {
	return {
		displayName: 'Topic',
		name: 'topic',
		type: 'options',
		required: true,
		default: 'review/created',
		description: 'The event that calls the URL',
		options: TOPIC_OPTIONS,
		displayOptions: { show: { resource: ['webhook'], operation: operations } },
		routing: { send: { type: 'body', property: 'topic' } },
	};
}

export function urlField(operations: string[]): INodeProperties {
	return {
		displayName: 'URL',
		name: 'url',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'https://example.com/trustoo-webhook',
		description: 'The http(s) address that receives the events. To start a workflow on events, use the TrustWILL (Trustoo) Trigger node instead.',
		displayOptions: { show: { resource: ['webhook'], operation: operations } },
		routing: { send: { type: 'body', property: 'url' } },
	};
}

export function webhookIdField(operations: string[], description: string): INodeProperties {
	return {
		displayName: 'Webhook ID',
		name: 'webhookId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 19',
		description,
		displayOptions: { show: { resource: ['webhook'], operation: operations } },
		routing: { send: { type: 'body', property: 'id' } },
	};
}
