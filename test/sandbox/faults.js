'use strict';
/**
 * Injected faults. Each fault matches requests by `path` (exact string or RegExp), `endpoint`
 * (ENDPOINTS key) and `method`, affects the next `times` matching requests (all, if omitted), and
 * answers with one of the kinds below instead of (or, for `delay`, before) the normal handling.
 */
const KINDS = ['status', 'delay', 'malformed', 'code', 'reset', 'shape'];

/**
 * `shape` faults answer normally but give a successful list answer another documented or plausible
 * shape: `bare-list` (`data` is the array of records, as Get Shop Webhooks documents), `no-page-info`
 * (`data: {list}` without `page`), `wrapped-list` (an array answered as `data: {list}`), and
 * `ignore-page` (every page is answered with page 1's records, without `page`).
 */
const SHAPES = ['bare-list', 'no-page-info', 'wrapped-list', 'ignore-page'];

let nextId = 1;

/** Checks and normalises a fault spec; throws a TypeError naming the problem. */
function normalizeFault(spec) {
	if (!spec || typeof spec !== 'object') throw new TypeError('fault must be an object');
	const fault = { ...spec, id: nextId++, hits: 0 };
	if (!KINDS.includes(fault.kind))
		throw new TypeError(`fault kind must be one of ${KINDS.join(', ')}`);
	if (fault.times !== undefined && !(Number.isInteger(fault.times) && fault.times > 0))
		throw new TypeError('times must be a positive integer');
	if (fault.method !== undefined) fault.method = String(fault.method).toUpperCase();
	// Over HTTP a RegExp cannot travel, so `pathRegex` carries its source.
	if (fault.pathRegex !== undefined) fault.path = new RegExp(fault.pathRegex);
	if (fault.kind === 'status') {
		fault.status = fault.status ?? 500;
		if (!Number.isInteger(fault.status) || fault.status < 400 || fault.status > 599)
			throw new TypeError('status must be 400..599');
	}
	if (fault.kind === 'delay') {
		fault.ms = fault.ms ?? fault.delayMs;
		if (!(Number.isFinite(fault.ms) && fault.ms >= 0)) throw new TypeError('delay needs ms >= 0');
	}
	if (fault.kind === 'shape' && !SHAPES.includes(fault.shape))
		throw new TypeError(`shape must be one of ${SHAPES.join(', ')}`);
	if (fault.kind === 'code') {
		if (!Number.isInteger(fault.code) || fault.code === 0)
			throw new TypeError('code fault needs a non-zero integer code');
		fault.message = fault.message ?? `injected error code ${fault.code}`;
	}
	return fault;
}

class Faults {
	constructor() {
		/** Active faults, in the order they were set; exposed as `handle.faults`. */
		this.list = [];
	}

	set(spec) {
		const fault = normalizeFault(spec);
		this.list.push(fault);
		return fault;
	}

	clear() {
		this.list.length = 0;
	}

	/** Takes the first fault matching this request (counting it), or null. */
	take({ method, path, endpoint }) {
		const fault = this.list.find(
			(f) =>
				(f.method === undefined || f.method === method) &&
				(f.endpoint === undefined || f.endpoint === endpoint) &&
				(f.path === undefined || (f.path instanceof RegExp ? f.path.test(path) : f.path === path)),
		);
		if (!fault) return null;
		fault.hits++;
		if (fault.times !== undefined && fault.hits >= fault.times)
			this.list.splice(this.list.indexOf(fault), 1);
		return fault;
	}
}

module.exports = { Faults, normalizeFault, KINDS, SHAPES };
