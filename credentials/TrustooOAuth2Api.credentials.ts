import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import { DEFAULT_BASE_URL, DEFAULT_SCOPES, ENDPOINTS, SCOPES } from '../nodes/shared/api';

export class TrustooOAuth2Api implements ICredentialType {
	name = 'trustooOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'TrustWILL (Trustoo) OAuth2 API';

	icon: Icon = 'file:../nodes/Trustoo/trustoo.svg';

	documentationUrl = 'https://apidoc.trustoo.io/doc-9067301';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: DEFAULT_BASE_URL,
			description: 'Change only to use a test server',
		},
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'options',
			options: [
				{
					name: 'Authorization Code',
					value: 'authorizationCode',
					description: 'A merchant approves your platform for their store',
				},
				{
					name: 'Client Credentials',
					value: 'clientCredentials',
					description: 'Platforms that Trustoo allows to skip merchant approval',
				},
			],
			default: 'authorizationCode',
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: `={{$self["baseUrl"].replace(/\\/+$/, "")}}${ENDPOINTS.oauthAuthorize.path}`,
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: `={{$self["baseUrl"].replace(/\\/+$/, "")}}${ENDPOINTS.oauthToken.path}`,
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'string',
			default: DEFAULT_SCOPES.join(' '),
			description: `Space-separated scopes to request. The default holds every documented scope the TrustWILL (Trustoo) nodes use; remove the ones you do not need. Order → Get Many needs ${SCOPES.readOrders} and Customer → Get Exclusions ${SCOPES.readCustomers}: add them if TrustWILL issued them to your platform (their names are not documented).`,
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'body',
		},
	];
}
