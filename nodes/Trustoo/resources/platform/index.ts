import type { INodeProperties } from 'n8n-workflow';

import { requireHttpUrl, requireOAuth2, withPlatformClient, withShop } from '../../transport/preSend';
import { routeTo } from '../../transport/routing';
import { platformCancelAuthorizationFields } from './cancelAuthorization';
import { platformGetAuthorizationInfoFields } from './getAuthorizationInfo';
import { platformGetAuthorizationUrlFields } from './getAuthorizationUrl';
import { platformGetInstallStatusFields } from './getInstallStatus';
import { withAuthorizationScope, withTokenToRevoke } from './preSend';
import { platformRevokeTokenFields } from './revokeToken';
import { PLATFORM_NOTICE } from './shared';

const clientInQuery = withPlatformClient('qs', { secret: true });
const clientInBody = withPlatformClient('body', { secret: true });

export const platformOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['platform'] } },
	default: 'getAuthorizationUrl',
	options: [
		{ name: 'Cancel Authorization', value: 'cancelAuthorization', action: 'Cancel the authorization of a shop', description: 'Cancel your platform’s authorization for a shop', routing: routeTo('cancelAuthorization', [clientInBody, withShop('body')]) },
		{ name: 'Disconnect', value: 'disconnect', action: 'Disconnect the connected shop', description: 'Remove your platform’s access to the shop of this credential', routing: routeTo('disconnect', [requireOAuth2]) },
		{ name: 'Get Authorization Info', value: 'getAuthorizationInfo', action: 'Get the authorization info of a shop', description: 'Whether a shop has authorized your platform, and the granted scopes', routing: routeTo('getAuthorizationInfo', [clientInQuery, withShop('qs')]) },
		{ name: 'Get Authorization URL', value: 'getAuthorizationUrl', action: 'Get an authorization URL', description: 'Get the URL a merchant opens to authorize your platform', routing: routeTo('getAuthorizationUrl', [withPlatformClient('qs', { secret: false }), requireHttpUrl('qs', 'redirect_uri', 'Redirect URI'), withAuthorizationScope]) },
		{ name: 'Get Install Status', value: 'getInstallStatus', action: 'Get the install status of a shop', description: 'Whether a shop has installed your platform', routing: routeTo('getInstallStatus', [clientInQuery, withShop('qs')]) },
		{ name: 'Revoke Token', value: 'revokeToken', action: 'Revoke a token', description: 'Revoke an access or refresh token', routing: routeTo('revokeToken', [clientInBody, withTokenToRevoke]) },
	],
};

export const platformFields: INodeProperties[] = [
	PLATFORM_NOTICE,
	...platformGetAuthorizationUrlFields,
	...platformGetAuthorizationInfoFields,
	...platformGetInstallStatusFields,
	...platformCancelAuthorizationFields,
	...platformRevokeTokenFields,
];
