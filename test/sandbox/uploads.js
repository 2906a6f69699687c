'use strict';
/**
 * A stand-in for the object storage behind the media endpoints, served by the sandbox itself so
 * that an upload test never leaves 127.0.0.1: OSS-style PostObject form uploads (images) and
 * pre-signed PUT URLs (videos), both under `/__sandbox/oss/`.
 */
const crypto = require('node:crypto');
const { isoTime, nowSeconds } = require('./time');

const OSS_PREFIX = '/__sandbox/oss';
const ACCESS_ID = 'LTAI5tSandboxAccessId00';
const SECRET = 'sandbox-oss-secret'; // fake; only this sandbox checks it
const TTL_SECONDS = 1800;

const b64 = (value) =>
	Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64');
const sha1b64 = (text) => crypto.createHmac('sha1', SECRET).update(text).digest('base64');

class Uploads {
	constructor() {
		/** key → {contentType, bytes} */
		this.files = new Map();
	}

	imageCredentials(baseUrl, shop) {
		const expire = nowSeconds() + TTL_SECONDS;
		const day = new Date();
		const dir = `sandbox/${shop.shopId}/${day.getUTCFullYear()}/${day.getUTCMonth() + 1}/${day.getUTCDate()}/`;
		const policy = b64({
			expiration: isoTime(expire),
			conditions: [
				['content-length-range', 0, 20 * 1024 * 1024],
				['starts-with', '$key', dir],
			],
		});
		return {
			access_id: ACCESS_ID,
			host: `${baseUrl}${OSS_PREFIX}`,
			expire: String(expire),
			signature: sha1b64(policy),
			policy,
			dir,
			callback: b64({
				callbackUrl: `${baseUrl}${OSS_PREFIX}/callback`,
				callbackBody: 'filename=${object}&size=${size}&mimeType=${mimeType}',
				callbackBodyType: 'application/x-www-form-urlencoded',
			}),
		};
	}

	videoUploadUrl(baseUrl, shop, fileName) {
		const expire = nowSeconds() + TTL_SECONDS;
		// The key holds the file name as given; only the URL encodes it, and `handle` decodes the
		// path again before checking the signature over the key.
		const key = `sandbox/${shop.shopId}/videos/${crypto.randomUUID()}/${fileName}`;
		const objectUrl = `${baseUrl}${OSS_PREFIX}/${key.split('/').map(encodeURIComponent).join('/')}`;
		return {
			upload_url: `${objectUrl}?expire=${expire}&signature=${encodeURIComponent(sha1b64(`${key}\n${expire}`))}`,
			video_url: objectUrl,
			expire: String(expire),
		};
	}

	/** Handles `/__sandbox/oss...`; returns `{status, body}`. */
	handle(method, path, query, headers, rawBuffer) {
		const key = decodeURIComponent(path.slice(OSS_PREFIX.length + 1));
		if (method === 'POST' && path === OSS_PREFIX) return this.postObject(headers, rawBuffer);
		if (method === 'PUT' && key) {
			const expire = Number(query.expire);
			if (!(expire > nowSeconds()) || query.signature !== sha1b64(`${key}\n${query.expire}`)) {
				return { status: 403, body: { error: 'SignatureDoesNotMatch or expired upload URL' } };
			}
			this.files.set(key, {
				contentType: headers['content-type'] ?? 'application/octet-stream',
				bytes: rawBuffer,
			});
			return { status: 200, body: { key, size: rawBuffer.length } };
		}
		if (method === 'GET' && this.files.has(key)) return { status: 200, file: this.files.get(key) };
		return { status: 404, body: { error: 'NoSuchKey' } };
	}

	/** PostObject: a multipart form with `key`, `policy`, `OSSAccessKeyId`, `Signature`, `file`. */
	postObject(headers, rawBuffer) {
		const fields = parseMultipart(headers['content-type'] ?? '', rawBuffer);
		if (!fields) return { status: 400, body: { error: 'multipart/form-data expected' } };
		const text = (name) => fields[name]?.data.toString('utf8');
		const policy = text('policy');
		if (!policy || text('OSSAccessKeyId') !== ACCESS_ID || text('Signature') !== sha1b64(policy)) {
			return { status: 403, body: { error: 'SignatureDoesNotMatch' } };
		}
		const conditions = JSON.parse(Buffer.from(policy, 'base64').toString('utf8'));
		const dir = conditions.conditions.find((c) => c[1] === '$key')?.[2] ?? '';
		const key = text('key') ?? '';
		if (!key.startsWith(dir) || key === dir)
			return { status: 403, body: { error: `key must start with ${dir}` } };
		if (Date.parse(conditions.expiration) < Date.now())
			return { status: 403, body: { error: 'policy expired' } };
		if (!fields.file) return { status: 400, body: { error: 'file field missing' } };
		this.files.set(key, {
			contentType: fields.file.contentType ?? 'application/octet-stream',
			bytes: fields.file.data,
		});
		return {
			status: 200,
			body: {
				filename: key,
				size: fields.file.data.length,
				mimeType: fields.file.contentType ?? '',
			},
		};
	}
}

/** Minimal multipart/form-data parser: `{name: {data: Buffer, filename, contentType}}` or null. */
function parseMultipart(contentType, buffer) {
	const match = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
	if (!/^multipart\/form-data/i.test(contentType) || !match) return null;
	const boundary = Buffer.from(`--${match[1] ?? match[2]}`);
	const fields = {};
	let start = buffer.indexOf(boundary);
	while (start >= 0) {
		const next = buffer.indexOf(boundary, start + boundary.length);
		if (next < 0) break;
		const part = buffer.subarray(start + boundary.length + 2, next - 2); // drop CRLFs around the part
		const split = part.indexOf('\r\n\r\n');
		if (split >= 0) {
			const head = part.subarray(0, split).toString('utf8');
			const name = /name="([^"]*)"/i.exec(head)?.[1];
			if (name !== undefined) {
				fields[name] = {
					data: part.subarray(split + 4),
					filename: /filename="([^"]*)"/i.exec(head)?.[1],
					contentType: /content-type:\s*([^\r\n]+)/i.exec(head)?.[1],
				};
			}
		}
		start = next;
	}
	return fields;
}

module.exports = { Uploads, OSS_PREFIX };
