import type { INodeProperties } from 'n8n-workflow';

import { showFor } from '../../transport/routing';

export const platformRevokeTokenFields: INodeProperties[] = [
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
