import type { INodeProperties } from 'n8n-workflow';

import { returnAllAndLimit } from '../../transport/routing';

export const customerGetExclusionsFields: INodeProperties[] = [...returnAllAndLimit('customer', 'getExclusions')];
