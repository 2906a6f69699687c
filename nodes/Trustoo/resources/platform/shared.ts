/** Fields that several platform operations share, built per operation. */
import type { INodeProperties } from 'n8n-workflow';

import { showFor } from '../../transport/routing';

/** The shop a client-authenticated operation is about (sent by `withShop`). */
export function shopField(operation: string): INodeProperties {
	return {
		displayName: 'Shop',
		name: 'shop',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 59730165893 or my-store.myshopify.com',
		description: 'The Shopify shop ID or the store’s myshopify.com domain',
		displayOptions: showFor('platform', [operation]),
	};
}

/** Shown when Authentication is the API token: platform operations need the OAuth2 credential. */
export const PLATFORM_NOTICE: INodeProperties = {
	displayName:
		'Platform operations use the Client ID and Client Secret of a TrustWILL (Trustoo) OAuth2 API credential: set Authentication to OAuth2',
	name: 'platformNotice',
	type: 'notice',
	default: '',
	displayOptions: { show: { resource: ['platform'], authentication: ['apiKey'] } },
};
