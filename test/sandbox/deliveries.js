'use strict';
/**
 * Webhook deliveries: signed POSTs of `{"list":[record]}` to the shop's matching webhooks.
 * Only loopback http URLs are contacted; any other URL is recorded in `skipped` and never sent.
 * Failures (refused connection, timeout, non-200) are recorded, never thrown; no automatic retries.
 */
const http = require('node:http');
const { EventEmitter } = require('node:events');
const { hmacHex } = require('./auth');
const { requestId } = require('./envelope');

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);
const MAX_RESPONSE_CHARS = 64 * 1024;

function isLoopbackHttp(url) {
	try {
		const parsed = new URL(url);
		return parsed.protocol === 'http:' && LOOPBACK.has(parsed.hostname);
	} catch {
		return false;
	}
}

class Deliveries extends EventEmitter {
	constructor({ api, timeoutMs = 5000 }) {
		super();
		this.api = api;
		this.timeoutMs = timeoutMs;
		/** Every attempted delivery, in order; exposed as `handle.deliveries`. */
		this.list = [];
		/** Deliveries not sent because the URL is not loopback http. */
		this.skipped = [];
		/** index → what is needed to send it again (kept out of the record: it holds the key). */
		this.targets = new Map();
		this.pending = new Set();
		this.setMaxListeners(0);
	}

	/**
	 * Delivers `record` to every webhook of `shop` with `topic`; `keyFor(webhook)` gives the
	 * signing key. Resolves with the delivery records once all have finished.
	 */
	dispatch({ shop, topic, record, keyFor }) {
		const body = JSON.stringify({ list: [record] });
		const sends = shop.webhooks
			.filter((webhook) => webhook.topic === topic)
			.map((webhook) => {
				if (!isLoopbackHttp(webhook.url)) {
					this.skipped.push({
						topic,
						url: webhook.url,
						webhookId: webhook.id,
						reason: 'not a loopback http URL',
					});
					return null;
				}
				return this.send({
					topic,
					url: webhook.url,
					webhookId: webhook.id,
					shopId: shop.shopId,
					publicToken: shop.publicToken,
					key: keyFor(webhook),
					body,
					requestId: requestId(),
				});
			})
			.filter(Boolean);
		return Promise.all(sends);
	}

	/** Sends delivery `index` (default: the last one) again: same body and request id, new timestamp and sign. */
	redeliver(index = this.list.length - 1) {
		const target = this.targets.get(index);
		if (!target) return Promise.reject(new Error(`no delivery #${index} to redeliver`));
		return this.send({ ...target, redeliveryOf: index });
	}

	send(target) {
		const index = this.list.length;
		const timestamp = String(Math.floor(Date.now() / 1000));
		const names = this.api.DELIVERY_HEADERS;
		const headers = {
			'Content-Type': 'application/json',
			[names.publicToken]: target.publicToken,
			[names.timestamp]: timestamp,
			[names.sign]: hmacHex(target.key, `timestamp=${timestamp}|${target.body}`),
			[names.requestId]: target.requestId,
		};
		const record = {
			index,
			topic: target.topic,
			url: target.url,
			webhookId: target.webhookId,
			shopId: target.shopId,
			requestId: target.requestId,
			redeliveryOf: target.redeliveryOf ?? null,
			headers,
			body: target.body,
			status: 'pending',
			httpStatus: null,
			responseBody: null,
			error: null,
			startedAt: Date.now(),
			finishedAt: null,
		};
		this.targets.set(index, target);
		this.list.push(record);
		const done = this.post(target.url, headers, target.body).then(
			({ httpStatus, responseBody, error }) => {
				Object.assign(record, {
					httpStatus,
					responseBody,
					error,
					status: httpStatus === 200 ? 'delivered' : 'failed',
					finishedAt: Date.now(),
				});
				this.pending.delete(done);
				this.emit('settled', record);
				return record;
			},
		);
		this.pending.add(done);
		return done;
	}

	/** One POST; resolves `{httpStatus, responseBody, error}`, never rejects. */
	post(url, headers, body) {
		return new Promise((resolve) => {
			const request = http.request(
				url,
				{
					method: 'POST',
					headers: { ...headers, 'Content-Length': Buffer.byteLength(body) },
					agent: false,
					timeout: this.timeoutMs,
				},
				(response) => {
					let text = '';
					response.setEncoding('utf8');
					response.on('data', (chunk) => {
						if (text.length < MAX_RESPONSE_CHARS) text += chunk;
					});
					response.on('end', () =>
						resolve({ httpStatus: response.statusCode, responseBody: text, error: null }),
					);
					response.on('error', (error) =>
						resolve({ httpStatus: response.statusCode, responseBody: text, error: error.message }),
					);
				},
			);
			request.on('timeout', () =>
				request.destroy(new Error(`timed out after ${this.timeoutMs} ms`)),
			);
			request.on('error', (error) =>
				resolve({ httpStatus: null, responseBody: null, error: error.code ?? error.message }),
			);
			request.end(body);
		});
	}

	/** Resolves with the first `count` deliveries once they exist and have finished. */
	waitFor(count, { timeoutMs = 10000 } = {}) {
		const ready = () =>
			this.list.length >= count && this.list.slice(0, count).every((d) => d.status !== 'pending');
		if (ready()) return Promise.resolve(this.list.slice(0, count));
		return new Promise((resolve, reject) => {
			const check = () => {
				if (!ready()) return;
				cleanup();
				resolve(this.list.slice(0, count));
			};
			const timer = setTimeout(() => {
				cleanup();
				reject(
					new Error(
						`waited ${timeoutMs} ms for ${count} deliveries, have ${this.list.length} (${this.list.filter((d) => d.status === 'pending').length} pending)`,
					),
				);
			}, timeoutMs);
			const cleanup = () => {
				clearTimeout(timer);
				this.off('settled', check);
			};
			this.on('settled', check);
		});
	}

	/** Resolves when no delivery is in flight. */
	async settle() {
		while (this.pending.size) await Promise.all([...this.pending]);
	}

	clear() {
		this.list.length = 0;
		this.skipped.length = 0;
		this.targets.clear();
	}
}

module.exports = { Deliveries, isLoopbackHttp };
