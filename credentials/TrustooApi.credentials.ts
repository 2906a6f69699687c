import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { DEFAULT_BASE_URL, ENDPOINTS } from '../nodes/shared/api';
import { signRequest } from '../nodes/shared/signRequest';

export class TrustooApi implements ICredentialType {
	name = 'trustooApi';

	displayName = 'TrustWILL (Trustoo) API';

	icon: Icon = 'file:../nodes/Trustoo/trustoo.svg';

	documentationUrl = 'https://apidoc.trustoo.io/doc-9067301';

	properties: INodeProperties[] = [
		{
			displayName: 'Public Token',
			name: 'publicToken',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. GfKu22TCaj4gULtrA3/OgA==',
			description:
				'Identifies your store. In the TrustWILL (Trustoo) app in Shopify admin, open Settings → Open API (Integrations) to copy it.',
		},
		{
			displayName: 'Private Token',
			name: 'privateToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Signs every request (HMAC-SHA256); it is never sent. Shown next to the Public Token. Resetting it in TrustWILL invalidates the old one at once.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: DEFAULT_BASE_URL,
			description: 'Change only to use a test server',
		},
	];

	// Async so that every request gets a fresh timestamp and its own signature.
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return signRequest(
			{
				publicToken: String(credentials.publicToken ?? ''),
				privateToken: String(credentials.privateToken ?? ''),
			},
			requestOptions,
		);
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: ENDPOINTS.getRating.path,
			method: 'GET',
			qs: { is_store_rating: 1 },
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'code',
					value: 16,
					message:
						'The Public Token or Private Token is invalid (Trustoo code 16). Copy both again from the TrustWILL app, and check that this machine’s clock is correct.',
				},
			},
		],
	};
}
