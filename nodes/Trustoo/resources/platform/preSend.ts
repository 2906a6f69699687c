import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { ALL_SCOPES } from '../../../shared/api';
import { fail, textOf } from '../../transport/preSend';
import { CREDENTIAL_TYPES } from '../../../shared/authentication';

/** What a scope name looks like (read_reviews, write_customers, ...). */
const SCOPE_NAME = /^[a-z][a-z0-9_:.-]*$/i;

/** Get Authorization URL asks for the credential's scopes unless the node names others. */
export async function withAuthorizationScope(
	this: IExecuteSingleFunctions,
	options: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const fields = this.getNodeParameter('additionalFields', {}) as IDataObject;
	let scope = textOf(this, fields.scope, 'Scope');
	if (!scope) {
		const credentials = await this.getCredentials(CREDENTIAL_TYPES.oAuth2);
		scope = String(credentials.scope ?? '').trim();
	}
	// Only the form is checked: Trustoo's full list of scopes is not published, so it judges the names.
	const malformed = scope.split(/[\s,]+/).filter((entry) => entry && !SCOPE_NAME.test(entry));
	if (malformed.length) {
		fail(this, `Scope "${malformed.join(' ')}" is not a scope name`, `Use space-separated scope names such as ${ALL_SCOPES.slice(0, 2).join(' ')}.`);
	}
	if (scope) options.qs = { ...(options.qs ?? {}), scope };
	return options;
}

/** Revoke Token sends the chosen token: the credential's own ones by default. */
export async function withTokenToRevoke(
	this: IExecuteSingleFunctions,
	options: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const choice = this.getNodeParameter('tokenToRevoke', 'accessToken') as string;
	let token = '';
	if (choice === 'custom') {
		token = textOf(this, this.getNodeParameter('token', ''), 'Token');
	} else {
		const credentials = await this.getCredentials(CREDENTIAL_TYPES.oAuth2);
		const tokenData = (credentials.oauthTokenData ?? {}) as IDataObject;
		token = String((choice === 'refreshToken' ? tokenData.refresh_token : tokenData.access_token) ?? '');
	}
	if (!token) {
		const itemIndex = this.getItemIndex();
		throw new NodeOperationError(this.getNode(), `There is no token to revoke [item ${itemIndex}]`, {
			description:
				choice === 'custom'
					? 'Enter the token in the Token field.'
					: 'The credential has no such token yet: connect it first, or choose “Other Token”.',
			itemIndex,
		});
	}
	options.body = { ...((options.body as IDataObject) ?? {}), token };
	return options;
}
