/**
 * Stand-in for n8n's built-in `oAuth2Api` credential type (packages/nodes-base), which community
 * credentials extend. Same property names, defaults and display rules as n8n's; fields the
 * Trustoo credentials never use (dynamic client registration, JWE, PKCE extras) are left out.
 */
class OAuth2Api {
	constructor() {
		this.name = 'oAuth2Api';
		this.displayName = 'OAuth2 API';
		this.genericAuth = true;
		this.properties = [
			{
				displayName: 'Grant Type',
				name: 'grantType',
				type: 'options',
				options: [
					{ name: 'Authorization Code', value: 'authorizationCode' },
					{ name: 'Client Credentials', value: 'clientCredentials' },
					{ name: 'PKCE', value: 'pkce' },
				],
				default: 'authorizationCode',
			},
			{
				displayName: 'Authorization URL',
				name: 'authUrl',
				type: 'string',
				displayOptions: { show: { grantType: ['authorizationCode', 'pkce'] } },
				default: '',
				required: true,
			},
			{
				displayName: 'Access Token URL',
				name: 'accessTokenUrl',
				type: 'string',
				default: '',
				required: true,
			},
			{ displayName: 'Client ID', name: 'clientId', type: 'string', default: '', required: true },
			{
				displayName: 'Client Secret',
				name: 'clientSecret',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				required: true,
			},
			{ displayName: 'Scope', name: 'scope', type: 'string', default: '' },
			{
				displayName: 'Auth URI Query Parameters',
				name: 'authQueryParameters',
				type: 'string',
				displayOptions: { show: { grantType: ['authorizationCode', 'pkce'] } },
				default: '',
			},
			{
				displayName: 'Authentication',
				name: 'authentication',
				type: 'options',
				options: [
					{ name: 'Body', value: 'body' },
					{ name: 'Header', value: 'header' },
				],
				default: 'header',
			},
			{
				displayName: 'Ignore SSL Issues (Insecure)',
				name: 'ignoreSSLIssues',
				type: 'boolean',
				default: false,
				// As in n8n: not inherited by credential types that extend this one.
				doNotInherit: true,
			},
		];
	}
}

module.exports = { OAuth2Api };
