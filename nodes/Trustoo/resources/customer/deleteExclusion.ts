import type { INodeProperties } from 'n8n-workflow';

import { customerIdentityFields } from './shared';

export const customerDeleteExclusionFields: INodeProperties[] = [...customerIdentityFields('deleteExclusion')];
