'use strict';
/**
 * Preloaded into the n8n processes started by scripts/n8n-instance.js
 * (`NODE_OPTIONS=--require .../loopback-guard.js`): every TCP connection and DNS lookup to a
 * host that is not on this machine's loopback (127.0.0.0/8, ::1, localhost) fails at once with
 * EHOSTUNREACH instead of leaving the machine. Unix sockets are not touched.
 *
 * Each refused attempt is appended as one JSON line to $TRUSTOO_LOOPBACK_GUARD_LOG (when set),
 * so tests can show what n8n tried to reach; each process that loads the guard adds a
 * `kind: 'loaded'` line there too.
 */
const dns = require('node:dns');
const fs = require('node:fs');
const net = require('node:net');

const LOG = process.env.TRUSTOO_LOOPBACK_GUARD_LOG;

function isLoopback(host) {
	if (host === undefined || host === null || host === '') return true; // Node's default: localhost
	const name = String(host).toLowerCase().replace(/^\[|\]$/g, '');
	if (name === 'localhost' || name.endsWith('.localhost')) return true;
	if (name === '::1' || name === '0:0:0:0:0:0:0:1') return true;
	const v4 = name.replace(/^::ffff:/, '');
	return net.isIPv4(v4) && v4.startsWith('127.');
}

function refuse(kind, host, port) {
	if (LOG) {
		try {
			fs.appendFileSync(LOG, `${JSON.stringify({ time: new Date().toISOString(), pid: process.pid, kind, host: String(host), port: port ?? null })}\n`);
		} catch {
			// the log is best effort
		}
	}
	const error = new Error(`loopback guard: ${kind} to ${host}${port ? `:${port}` : ''} refused (only 127.0.0.1 may be contacted)`);
	error.code = 'EHOSTUNREACH';
	return error;
}

if (LOG) {
	// One line per process, so tests can tell that the guard was active.
	try {
		fs.appendFileSync(LOG, `${JSON.stringify({ time: new Date().toISOString(), pid: process.pid, kind: 'loaded', argv: process.argv.slice(1, 3) })}\n`);
	} catch {
		// the log is best effort
	}
}

// --- DNS: only loopback names resolve -------------------------------------------------------
const originalLookup = dns.lookup;
function guardedLookup(hostname, options, callback) {
	const cb = typeof options === 'function' ? options : callback;
	if (!isLoopback(hostname) && !net.isIP(String(hostname))) {
		const error = refuse('dns', hostname);
		process.nextTick(() => cb(error));
		return {};
	}
	return originalLookup.apply(this, arguments);
}
dns.lookup = guardedLookup;
const originalPromiseLookup = dns.promises.lookup;
dns.promises.lookup = async function lookup(hostname, ...rest) {
	if (!isLoopback(hostname) && !net.isIP(String(hostname))) throw refuse('dns', hostname);
	return originalPromiseLookup.call(this, hostname, ...rest);
};
for (const method of ['resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCname', 'resolveTxt', 'resolveSrv']) {
	for (const target of [dns, dns.Resolver.prototype, dns.promises, dns.promises.Resolver.prototype]) {
		const original = target[method];
		if (typeof original !== 'function') continue;
		target[method] = function guarded(hostname, ...rest) {
			if (isLoopback(hostname)) return original.call(this, hostname, ...rest);
			const error = refuse('dns', hostname);
			const cb = rest.find((arg) => typeof arg === 'function');
			if (cb) {
				process.nextTick(() => cb(error));
				return undefined;
			}
			return Promise.reject(error);
		};
	}
}

// --- TCP: only loopback addresses connect ----------------------------------------------------
function destination(args) {
	let first = args[0];
	if (Array.isArray(first)) first = first[0]; // internal normalized [options, cb]
	if (first && typeof first === 'object') return { path: first.path, host: first.host, port: first.port };
	if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
		return { host: typeof args[1] === 'string' ? args[1] : undefined, port: Number(first) };
	}
	if (typeof first === 'string') return { path: first };
	return {};
}

const originalConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function connect(...args) {
	const { path, host, port } = destination(args);
	if (!path && host && net.isIP(String(host).replace(/^\[|\]$/g, '')) && !isLoopback(host)) {
		const error = refuse('connect', host, port);
		process.nextTick(() => this.destroy(error));
		return this;
	}
	return originalConnect.apply(this, args);
};
