import type { INodeProperties } from 'n8n-workflow';

import { showFor } from '../../transport/routing';

export const platformGetAuthorizationUrlFields: INodeProperties[] = [
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
];
