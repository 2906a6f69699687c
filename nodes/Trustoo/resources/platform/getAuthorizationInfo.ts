import type { INodeProperties } from 'n8n-workflow';

import { shopField } from './shared';

export const platformGetAuthorizationInfoFields: INodeProperties[] = [shopField('getAuthorizationInfo')];
