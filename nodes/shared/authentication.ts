/** The two ways both nodes authenticate, chosen by their `authentication` parameter. */
import type { INodeCredentialDescription } from 'n8n-workflow';

export const CREDENTIAL_TYPES = {
	apiKey: 'trustooApi',
	oAuth2: 'trustooOAuth2Api',
} as const;

export type AuthenticationMethod = keyof typeof CREDENTIAL_TYPES;

export type TrustooCredentialType = (typeof CREDENTIAL_TYPES)[AuthenticationMethod];

export function authenticationMethodOf(parameterValue: unknown): AuthenticationMethod {
	return parameterValue === 'oAuth2' ? 'oAuth2' : 'apiKey';
}

export function credentialTypeFor(parameterValue: unknown): TrustooCredentialType {
	return CREDENTIAL_TYPES[authenticationMethodOf(parameterValue)];
}

/** The nodes' `credentials`: each credential shown for its `authentication` value. */
export const NODE_CREDENTIALS: INodeCredentialDescription[] = (
	Object.entries(CREDENTIAL_TYPES) as Array<[AuthenticationMethod, TrustooCredentialType]>
).map(([method, name]) => ({ name, required: true, displayOptions: { show: { authentication: [method] } } }));
