import type { INodeProperties } from 'n8n-workflow';

import { shopField } from './shared';

export const platformGetInstallStatusFields: INodeProperties[] = [shopField('getInstallStatus')];
