'use strict';
/** The two time formats of the API: ISO 8601 `...Z` (created_at) and `YYYY-MM-DD HH:mm:ss` (UTC). */

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** `2025-06-20T11:06:48Z` (no milliseconds, as in the doc examples). */
function isoTime(seconds) {
	return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** `2025-06-20 11:06:48` (UTC). */
function plainTime(seconds) {
	return isoTime(seconds).replace('T', ' ').replace('Z', '');
}

const PLAIN = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Unix seconds from either API format, or NaN. Plain times are UTC. */
function parseTime(value) {
	if (typeof value !== 'string') return NaN;
	const plain = PLAIN.exec(value);
	if (plain) {
		const [, y, mo, d, h, mi, s] = plain.map(Number);
		const ms = Date.UTC(y, mo - 1, d, h, mi, s);
		// Reject rollovers such as 2025-02-31.
		return isoTime(ms / 1000).startsWith(value.replace(' ', 'T')) ? ms / 1000 : NaN;
	}
	if (ISO.test(value)) {
		const ms = Date.parse(value);
		return Number.isNaN(ms) ? NaN : Math.floor(ms / 1000);
	}
	return NaN;
}

module.exports = { nowSeconds, isoTime, plainTime, parseTime };
