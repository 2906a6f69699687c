import type { INodeProperties } from 'n8n-workflow';

import { webhookIdField } from './shared';

export const webhookDeleteFields: INodeProperties[] = [webhookIdField(['delete'], 'The ID of the webhook to remove')];
