import type { INodeProperties } from 'n8n-workflow';

import { returnAllAndLimit } from '../../transport/routing';

export const webhookGetAllFields: INodeProperties[] = [...returnAllAndLimit('webhook', 'getAll')];
