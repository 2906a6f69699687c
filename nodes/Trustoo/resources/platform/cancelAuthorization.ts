import type { INodeProperties } from 'n8n-workflow';

import { shopField } from './shared';

export const platformCancelAuthorizationFields: INodeProperties[] = [shopField('cancelAuthorization')];
