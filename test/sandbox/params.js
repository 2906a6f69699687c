'use strict';
/**
 * Parameter checks shared by the handlers. Each failure is code 3 with a message naming the field.
 * Integer fields accept JSON numbers or decimal strings (a protojson backend takes both).
 */
const { invalidArgument } = require('./envelope');
const { parseTime } = require('./time');

const has = (object, key) =>
	object !== null && object !== undefined && Object.prototype.hasOwnProperty.call(object, key);
const present = (object, key) =>
	has(object, key) && object[key] !== null && object[key] !== undefined && object[key] !== '';

function requireObjectBody(body) {
	if (body === null || body === undefined) return {};
	if (typeof body !== 'object' || Array.isArray(body))
		throw invalidArgument('body must be a JSON object');
	return body;
}

/** Integer from a number or a decimal string; `undefined` when absent. */
function integer(value, field, { min = -Infinity, max = Infinity, range } = {}) {
	if (value === undefined || value === null || value === '') return undefined;
	const ok =
		(typeof value === 'number' && Number.isSafeInteger(value)) ||
		(typeof value === 'string' && /^-?\d{1,15}$/.test(value));
	const n = ok ? Number(value) : NaN;
	if (!ok || n < min || n > max) throw invalidArgument(`${field} must be ${range ?? 'an integer'}`);
	return n;
}

/** A Shopify-size id (may exceed 2^53) as a string of digits; `undefined` when absent. */
function idString(value, field) {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
	if (typeof value === 'string' && /^\d{1,20}$/.test(value)) return value.replace(/^0+(?=\d)/, '');
	throw invalidArgument(`${field} must be a numeric id`);
}

/** 0/1 flag; `undefined` when absent. */
function flag(value, field) {
	return integer(value, field, { min: 0, max: 1, range: '0 or 1' });
}

function string(value, field, { max, required = false } = {}) {
	if (value === undefined || value === null) {
		if (required) throw invalidArgument(`${field} is required`);
		return undefined;
	}
	if (typeof value !== 'string') throw invalidArgument(`${field} must be a string`);
	if (required && value.trim() === '') throw invalidArgument(`${field} is required`);
	if (max !== undefined && [...value].length > max)
		throw invalidArgument(`${field} must be at most ${max} characters`);
	return value;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
function email(value, field, options) {
	const text = string(value, field, options);
	if (text !== undefined && text !== '' && !EMAIL.test(text))
		throw invalidArgument(`${field} must be an email address`);
	return text;
}

function httpUrl(value, field) {
	const text = string(value, field, { required: true });
	let url;
	try {
		url = new URL(text);
	} catch {
		throw invalidArgument(`${field} must be an http(s) URL`);
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:')
		throw invalidArgument(`${field} must be an http(s) URL`);
	return text;
}

/** Unix seconds from `YYYY-MM-DD HH:mm:ss` or ISO 8601; `undefined` when absent. */
function time(value, field) {
	if (value === undefined || value === null || value === '') return undefined;
	const seconds = parseTime(value);
	if (Number.isNaN(seconds))
		throw invalidArgument(`${field} must be YYYY-MM-DD HH:mm:ss or ISO 8601`);
	return seconds;
}

/** `{page, pageSize, offset}` from `page` / `page_size` (defaults 1 / 20, at most MAX_PAGE_SIZE). */
function pagination(query, api) {
	const max = api.MAX_PAGE_SIZE;
	const page = integer(query.page, 'page', { min: 1, range: 'a positive integer' }) ?? 1;
	const pageSize =
		integer(query.page_size, 'page_size', { min: 1, max, range: `1 to ${max}` }) ?? 20;
	return { page, pageSize, offset: (page - 1) * pageSize };
}

function page({ page: current, pageSize }, count, list) {
	return {
		page: { page: current, page_size: pageSize, total_page: Math.ceil(count / pageSize), count },
		list,
	};
}

/** Slices an already filtered array into a Page. */
function paginate(items, paging) {
	return page(paging, items.length, items.slice(paging.offset, paging.offset + paging.pageSize));
}

/** true for `created-ascending`; the default is `created-descending`. */
function ascending(query, api) {
	const value = query.sort_by;
	if (value === undefined || value === '') return false;
	if (!api.SORT_VALUES.includes(value))
		throw invalidArgument(`sort_by must be one of ${api.SORT_VALUES.join(', ')}`);
	return value === 'created-ascending';
}

/**
 * An array query parameter, written as ARRAY_QUERY_STYLE says (`name[0]=a&name[1]=b`, or
 * `name=a,b`). The other form is refused so that an encoding slip in the node shows up.
 */
function arrayParam(query, name, api) {
	const indexed = [];
	const pattern = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\[(\\d*)\\]$`);
	for (const [key, value] of Object.entries(query)) {
		const match = pattern.exec(key);
		if (match) indexed.push([match[1] === '' ? NaN : Number(match[1]), value]);
	}
	if (api.ARRAY_QUERY_STYLE === 'comma') {
		if (indexed.length) throw invalidArgument(`${name} must be sent as ${name}=a,b`);
		return present(query, name) ? query[name].split(',').filter((v) => v !== '') : [];
	}
	if (has(query, name))
		throw invalidArgument(`${name} must be sent as ${name}[0]=..., ${name}[1]=...`);
	if (indexed.some(([index]) => Number.isNaN(index)))
		throw invalidArgument(`${name} needs explicit indexes: ${name}[0]=...`);
	return indexed.sort((a, b) => a[0] - b[0]).map(([, value]) => value);
}

module.exports = {
	has,
	present,
	requireObjectBody,
	integer,
	idString,
	flag,
	string,
	email,
	httpUrl,
	time,
	pagination,
	page,
	paginate,
	ascending,
	arrayParam,
};
