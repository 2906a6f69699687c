import type { INodeProperties } from 'n8n-workflow';

import { showFor } from '../../transport/routing';

export const platformFields: INodeProperties[] = [
	{
		displayName:
			'Platform operations use the Client ID and Client Secret of a TrustWILL (Trustoo) OAuth2 API credential: set Authentication to OAuth2',
		name: 'platformNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { resource: ['platform'], authentication: ['apiKey'] } },
	},
	{
		displayName: 'Redirect URI',
		name: 'redirectUri',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'https://your-app.example.com/oauth/callback',
		description: 'Where TrustWILL sends the merchant, with the authorization code, after they approve',
		displayOptions: showFor('platform', ['getAuthorizationUrl']),
		routing: { send: { type: 'query', property: 'redirect_uri' } },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: showFor('platform', ['getAuthorizationUrl']),
		options: [
			{
				displayName: 'Scope',
				name: 'scope',
				type: 'string',
				default: '',
				placeholder: 'read_reviews write_reviews',
				description: 'Space-separated scopes to ask for; the credential’s Scope when empty',
			},
			{
				displayName: 'State',
				name: 'state',
				type: 'string',
				default: '',
				description: 'A value you get back unchanged on the redirect, to match the answer to the request',
				routing: { send: { type: 'query', property: 'state' } },
			},
		],
	},
	{
		displayName: 'Shop',
		name: 'shop',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 59730165893 or my-store.myshopify.com',
		description: 'The Shopify shop ID or the store’s myshopify.com domain',
		displayOptions: showFor('platform', ['getAuthorizationInfo', 'getInstallStatus', 'cancelAuthorization']),
	},
	{
		displayName: 'Token to Revoke',
		name: 'tokenToRevoke',
		type: 'options',
		default: 'accessToken',
		displayOptions: showFor('platform', ['revokeToken']),
		options: [
			{ name: 'Credential’s Access Token', value: 'accessToken', description: 'The access token this credential is using now' },
			{ name: 'Credential’s Refresh Token', value: 'refreshToken', description: 'The refresh token this credential is using now' },
			{ name: 'Other Token', value: 'custom', description: 'A token you enter' },
		],
	},
	{
		displayName: 'Token',
		name: 'token',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		description: 'The access or refresh token to revoke',
		displayOptions: { show: { resource: ['platform'], operation: ['revokeToken'], tokenToRevoke: ['custom'] } },
	},
];
