import type { INodeProperties } from 'n8n-workflow';

import { topicField, urlField } from './shared';

export const webhookCreateFields: INodeProperties[] = [topicField(['create']), urlField(['create'])];
