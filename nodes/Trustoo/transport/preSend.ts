/**
 * Checks and adjustments that run before a request is sent (declarative `preSend` hooks). Bad
 * input stops here with a NodeOperationError naming the field, so nothing half-done reaches Trustoo.
 */
import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { bodyId } from '../../shared/api';
import { CREDENTIAL_TYPES } from '../../shared/authentication';
import { authenticationOf } from './request';

type PreSend = (this: IExecuteSingleFunctions, options: IHttpRequestOptions) => Promise<IHttpRequestOptions>;

export function fail(context: IExecuteSingleFunctions, message: string, description: string): never {
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

function targetOf(options: IHttpRequestOptions, where: 'qs' | 'body'): IDataObject {
	if (where === 'body') return bodyOf(options);
	if (typeof options.qs !== 'object' || options.qs === null) options.qs = {};
	return options.qs as IDataObject;
}

/**
 * A parameter's value as trimmed text. Numbers and booleans become text; a list or an object
 * (usually an expression returning the wrong thing) stops the item instead of being sent as
 * "[object Object]".
 */
export function textOf(context: IExecuteSingleFunctions, value: unknown, label: string): string {
	if (value === undefined || value === null) return '';
	if (typeof value === 'string') return value.trim();
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) fail(context, `${label} is not a valid number`, `Enter a value for ${label}.`);
		return String(value);
	}
	if (typeof value === 'boolean') return String(value);
	return fail(
		context,
		`${label} must be text, not ${Array.isArray(value) ? 'a list' : 'an object'}`,
		`If ${label} is an expression, make it return text, for example {{ $json.field }} rather than {{ $json }}.`,
	);
}

/** Length in characters (code points), as Trustoo counts them. */
export function characterCount(value: string): number {
	return [...value].length;
}

const NUMERIC_ID = /^\d{1,20}$/;

/**
 * A Trustoo or Shopify ID sent in the query or body under `key`: required, digits only. The
 * node parameter is named `label` in the message.
 */
export function requireNumericId(where: 'qs' | 'body', key: string, label: string): PreSend {
	return async function (options) {
		const target = targetOf(options, where);
		const id = textOf(this, target[key], label);
		if (!id) fail(this, `${label} is required`, `Enter the ${label}.`);
		if (!NUMERIC_ID.test(id)) fail(this, `${label} "${id}" must be a number`, `A ${label} contains digits only, for example 1049812.`);
		target[key] = where === 'body' ? bodyId(id) : id;
		return options;
	};
}

/**
 * A value (or a list of values) that must be one of `allowed`; an absent or empty one is
 * dropped. Lists are always sent as lists, even when an expression returns a single value.
 */
export function requireOneOf(
	where: 'qs' | 'body',
	key: string,
	label: string,
	allowed: ReadonlyArray<string | number>,
	{ list = false, required = false }: { list?: boolean; required?: boolean } = {},
): PreSend {
	const names = allowed.map(String);
	return async function (options) {
		const target = targetOf(options, where);
		const value = target[key];
		if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) {
			if (required) fail(this, `${label} is required`, `Use one of: ${names.join(', ')}.`);
			delete target[key];
			return options;
		}
		if (Array.isArray(value) && !list) fail(this, `${label} must be a single value, not a list`, `Choose one ${label}.`);
		const values = (Array.isArray(value) ? value : [value]).map((entry) => textOf(this, entry, label));
		for (const text of values) {
			if (!names.includes(text)) fail(this, `${label} "${text}" is not a valid choice`, `Use one of: ${names.join(', ')}.`);
		}
		target[key] = list ? values : values[0];
		return options;
	};
}

/** Return All / Limit: the Limit must be a whole number of at least 1. */
export const validateLimit: PreSend = async function (options) {
	if (this.getNodeParameter('returnAll', false) === true) return options;
	const limit = this.getNodeParameter('limit', 50) as unknown;
	const number = typeof limit === 'string' && limit.trim() !== '' ? Number(limit) : limit;
	if (typeof number !== 'number' || !Number.isInteger(number) || number < 1) {
		fail(
			this,
			`Limit must be a whole number of at least 1, got "${typeof limit === 'object' ? JSON.stringify(limit) : String(limit)}"`,
			'Enter how many records to return, or turn on Return All.',
		);
	}
	return options;
};

/** A required absolute http(s) URL, sent under `key`. */
export function requireHttpUrl(where: 'qs' | 'body', key: string, label: string): PreSend {
	return async function (options) {
		const target = targetOf(options, where);
		const url = textOf(this, target[key], label);
		if (!isHttpUrl(url)) {
			fail(this, `${label} "${url}" is not an http(s) URL`, 'Enter a full address such as https://example.com/path.');
		}
		target[key] = url;
		return options;
	};
}

export function isHttpUrl(value: string): boolean {
	try {
		const parsed = new URL(value);
		return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.hostname !== '';
	} catch {
		return false;
	}
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
		const shop = textOf(this, this.getNodeParameter('shop', ''), 'Shop');
		if (!shop) fail(this, 'Shop is required', 'Enter the Shopify shop ID or the store’s myshopify.com domain.');
		const key = NUMERIC_ID.test(shop) ? 'shop_id' : 'myshopify_domain';
		if (key === 'myshopify_domain' && !/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/i.test(shop)) {
			fail(
				this,
				`Shop "${shop}" is neither a shop ID nor a myshopify.com domain`,
				'Use the numeric Shopify shop ID (e.g. 59730165893) or the domain like my-store.myshopify.com.',
			);
		}
		if (where === 'qs') options.qs = { ...(options.qs ?? {}), [key]: shop };
		else options.body = { ...bodyOf(options), [key]: key === 'shop_id' ? bodyId(shop) : shop };
		return options;
	};
}

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isEmail(value: string): boolean {
	return EMAIL_PATTERN.test(value);
}

/** Email Unsubscribe and similar: the email must look like one. */
export const validateEmail: PreSend = async function (options) {
	const email = textOf(this, bodyOf(options).email, 'Email');
	if (!email) fail(this, 'Email is required', 'Enter an address like customer@example.com.');
	if (!isEmail(email)) {
		fail(this, `Email "${email}" is not a valid email address`, 'Enter an address like customer@example.com.');
	}
	bodyOf(options).email = email;
	return options;
};

/** Customer exclusions take a customer ID or an email, never both (reference §7.7). */
export const exactlyOneCustomer: PreSend = async function (options) {
	const body = bodyOf(options);
	const customerId = textOf(this, body.customer_id, 'Customer ID');
	const email = textOf(this, body.email, 'Email');
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
	if (customerId && !NUMERIC_ID.test(customerId)) {
		fail(this, `Customer ID "${customerId}" must be a number`, 'Shopify customer IDs contain digits only.');
	}
	if (email && !isEmail(email)) {
		fail(this, `Email "${email}" is not a valid email address`, 'Enter an address like customer@example.com.');
	}
	delete body.customer_id;
	delete body.email;
	if (customerId) body.customer_id = bodyId(customerId);
	else body.email = email;
	return options;
};

const NAIVE_DATE_TIME = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(?::(\d{2}))?(?:\.\d+)?)?$/;
const ZONED_DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})$/i;
const TRUSTOO_DATE_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

/** The UTC instant of `day`, `HH:mm`, `ss` (and offset), or undefined for impossible values such as 2025-02-31 or 24:00. */
function exactInstant(day: string, hoursMinutes: string, seconds: string, zone = 'Z'): Date | undefined {
	const naive = new Date(`${day}T${hoursMinutes}:${seconds}Z`);
	// V8 rolls impossible days and hours over (2025-02-31 becomes 2025-03-03): reject them instead.
	if (Number.isNaN(naive.getTime()) || naive.toISOString().slice(0, 19) !== `${day}T${hoursMinutes}:${seconds}`) return undefined;
	const offset = zone.toUpperCase() === 'Z' ? 'Z' : zone.replace(/^([+-]\d{2}):?(\d{2})$/, '$1:$2');
	const instant = new Date(`${day}T${hoursMinutes}:${seconds}${offset}`);
	return Number.isNaN(instant.getTime()) ? undefined : instant;
}

/**
 * Trustoo's date format (`YYYY-MM-DD HH:mm:ss`, as in the docs' examples). Accepts ISO 8601 dates
 * and date-times only (what n8n's date fields and `$now` give). A value without a time zone keeps
 * its wall-clock digits; one with a zone is converted to UTC (INFERRED: Trustoo uses UTC).
 */
export function toTrustooDateTime(value: string): string | undefined {
	const trimmed = value.trim();
	const naive = NAIVE_DATE_TIME.exec(trimmed);
	if (naive) {
		const [, day, hoursMinutes = '00:00', seconds = '00'] = naive;
		return exactInstant(day, hoursMinutes, seconds) ? `${day} ${hoursMinutes}:${seconds}` : undefined;
	}
	const zoned = ZONED_DATE_TIME.exec(trimmed);
	if (!zoned) return undefined;
	const [, day, hoursMinutes, seconds = '00', zone] = zoned;
	const instant = exactInstant(day, hoursMinutes, seconds, zone);
	const formatted = instant?.toISOString().slice(0, 19).replace('T', ' ');
	return formatted && TRUSTOO_DATE_TIME.test(formatted) ? formatted : undefined;
}

/** A date parameter's value as text: ISO text, a JavaScript Date, or a Luxon DateTime from `$now`. */
export function dateTextOf(context: IExecuteSingleFunctions, value: unknown, label: string): string {
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
	const luxon = value as { toISO?: () => unknown } | null;
	if (luxon && typeof luxon === 'object' && typeof luxon.toISO === 'function') return String(luxon.toISO() ?? '');
	return textOf(context, value, label);
}

/** Normalises date fields (query or body) to Trustoo's format; an unparsable one stops the item. */
export function normalizeDates(fields: Record<string, string>, where: 'qs' | 'body'): PreSend {
	return async function (options) {
		const target = (where === 'qs' ? (options.qs ?? {}) : bodyOf(options)) as IDataObject;
		for (const [key, label] of Object.entries(fields)) {
			const value = target[key];
			if (value === undefined || value === null || value === '') continue;
			const text = dateTextOf(this, value, label);
			const formatted = toTrustooDateTime(text);
			if (!formatted) {
				fail(this, `${label} "${text}" is not a valid date`, 'Use a date like 2025-06-20, 2025-06-20 14:30:00 or 2025-06-20T14:30:00Z.');
			}
			target[key] = formatted;
		}
		return options;
	};
}
