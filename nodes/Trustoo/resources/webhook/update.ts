import type { INodeProperties } from 'n8n-workflow';

import { topicField, urlField, webhookIdField } from './shared';

export const webhookUpdateFields: INodeProperties[] = [
	webhookIdField(['update'], 'The ID of the webhook to change'),
	topicField(['update']),
	urlField(['update']),
];
