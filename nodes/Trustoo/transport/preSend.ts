/**
 * Checks and adjustments that run before a request is sent (declarative `preSend` hooks). Bad
 * input stops here with a NodeOperationError naming the field, so nothing half-done reaches Trustoo.
 */
import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { authenticationOf, CREDENTIAL_TYPES } from './request';

type PreSend = (this: IExecuteSingleFunctions, options: IHttpRequestOptions) => Promise<IHttpRequestOptions>;

function fail(context: IExecuteSingleFunctions, message: string, description: string): never {
	const itemIndex = context.getItemIndex();
	throw new NodeOperationError(context.getNode(), `${message} [item ${itemIndex}]`, {
		description,
		itemIndex,
	});
}

function bodyOf(options: IHttpRequestOptions): IDataObject {
	if (typeof options.body !== 'object' || options.body === null) options.body = {};
	return options.body as IDataObject;
}

/** Operations on the platform resource exist only for OAuth2 platforms. */
export const requireOAuth2: PreSend = async function (options) {
	if (authenticationOf(this) !== 'oAuth2') {
		fail(
			this,
			'This operation needs the TrustWILL (Trustoo) OAuth2 API credential',
			'Platform operations use the platform’s Client ID and Client Secret. Set Authentication to "OAuth2" and choose a TrustWILL (Trustoo) OAuth2 API credential.',
		);
	}
	return options;
};

/** Adds the OAuth2 credential's client_id/client_secret where the endpoint expects them. */
export function withPlatformClient(where: 'qs' | 'body', include: { secret: boolean }): PreSend {
	return async function (options) {
		await requireOAuth2.call(this, options);
		const credentials = await this.getCredentials(CREDENTIAL_TYPES.oAuth2);
		const client: IDataObject = { client_id: String(credentials.clientId ?? '') };
		if (include.secret) client.client_secret = String(credentials.clientSecret ?? '');
		if (where === 'qs') options.qs = { ...(options.qs ?? {}), ...client };
		else options.body = { ...bodyOf(options), ...client };
		return options;
	};
}

/** `shop` accepts a numeric Shopify shop ID or a myshopify.com domain. */
export function withShop(where: 'qs' | 'body'): PreSend {
	return async function (options) {
		const shop = String(this.getNodeParameter('shop', '') ?? '').trim();
		if (!shop) fail(this, 'Shop is required', 'Enter the Shopify shop ID or the store’s myshopify.com domain.');
		const key = /^\d+$/.test(shop) ? 'shop_id' : 'myshopify_domain';
		if (key === 'myshopify_domain' && !/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/i.test(shop)) {
			fail(
				this,
				`Shop "${shop}" is neither a shop ID nor a myshopify.com domain`,
				'Use the numeric Shopify shop ID (e.g. 59730165893) or the domain like my-store.myshopify.com.',
			);
		}
		if (where === 'qs') options.qs = { ...(options.qs ?? {}), [key]: shop };
		else options.body = { ...bodyOf(options), [key]: shop };
		return options;
	};
}

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isEmail(value: string): boolean {
	return EMAIL_PATTERN.test(value);
}

/** Email Unsubscribe and similar: the email must look like one. */
export const validateEmail: PreSend = async function (options) {
	const email = String(bodyOf(options).email ?? '').trim();
	if (!isEmail(email)) {
		fail(this, `Email "${email}" is not a valid email address`, 'Enter an address like customer@example.com.');
	}
	return options;
};

/** Customer exclusions take a customer ID or an email, never both (reference §7.7). */
export const exactlyOneCustomer: PreSend = async function (options) {
	const body = bodyOf(options);
	const customerId = String(body.customer_id ?? '').trim();
	const email = String(body.email ?? '').trim();
	if (customerId && email) {
		fail(
			this,
			'Set either Customer ID or Email, not both',
			'Trustoo identifies the customer by one of them. Clear one of the two fields.',
		);
	}
	if (!customerId && !email) {
		fail(this, 'Customer ID or Email is required', 'Enter the Shopify customer ID or the customer’s email.');
	}
	if (customerId && !/^\d+$/.test(customerId)) {
		fail(this, `Customer ID "${customerId}" must be a number`, 'Shopify customer IDs contain digits only.');
	}
	if (email && !isEmail(email)) {
		fail(this, `Email "${email}" is not a valid email address`, 'Enter an address like customer@example.com.');
	}
	delete body.customer_id;
	delete body.email;
	if (customerId) body.customer_id = customerId;
	else body.email = email;
	return options;
};

const NAIVE_DATE_TIME = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(?::(\d{2}))?(?:\.\d+)?)?$/;

/**
 * Trustoo's date format (`YYYY-MM-DD HH:mm:ss`, as in the docs' examples). A value without a time
 * zone keeps its wall-clock digits; one with a zone is converted to UTC (INFERRED: Trustoo uses UTC).
 */
export function toTrustooDateTime(value: string): string | undefined {
	const trimmed = value.trim();
	const naive = NAIVE_DATE_TIME.exec(trimmed);
	if (naive) {
		const [, day, hoursMinutes = '00:00', seconds = '00'] = naive;
		const candidate = new Date(`${day}T${hoursMinutes}:${seconds}Z`);
		return Number.isNaN(candidate.getTime()) ? undefined : `${day} ${hoursMinutes}:${seconds}`;
	}
	const parsed = new Date(trimmed);
	if (Number.isNaN(parsed.getTime())) return undefined;
	return parsed.toISOString().slice(0, 19).replace('T', ' ');
}

/** Normalises date fields (query or body) to Trustoo's format; an unparsable one stops the item. */
export function normalizeDates(fields: Record<string, string>, where: 'qs' | 'body'): PreSend {
	return async function (options) {
		const target = (where === 'qs' ? (options.qs ?? {}) : bodyOf(options)) as IDataObject;
		for (const [key, label] of Object.entries(fields)) {
			const value = target[key];
			if (value === undefined || value === null || value === '') continue;
			const formatted = toTrustooDateTime(String(value));
			if (!formatted) {
				fail(this, `${label} "${String(value)}" is not a valid date`, 'Use a date like 2025-06-20 or 2025-06-20T14:30:00Z.');
			}
			target[key] = formatted;
		}
		return options;
	};
}
