'use strict';
/**
 * The hand-written baseline: what a developer would write without n8n. axios, Trustoo's HMAC
 * signing in a few lines of node:crypto (sorted query + timestamp, HMAC-SHA256 with the private
 * token), and a page loop over get_reviews. It shares no code with the package (dist/ is used
 * only by run.js to cross-check the signature).
 */
const crypto = require('node:crypto');
const http = require('node:http');
const https = require('node:https');
const axios = require('axios');

const REVIEWS_PATH = '/api/v1/openapi/get_reviews';
const PAGE_SIZE = 100;

/** `k=v` pairs plus `timestamp`, sorted by key, `&`-joined, raw values; then `|body` if any. */
function stringToSign(pairs, timestamp, body) {
	const canonical = [...pairs, ['timestamp', timestamp]]
		.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
		.map(([key, value]) => `${key}=${value}`)
		.join('&');
	return body ? `${canonical}|${body}` : canonical;
}

function sign(privateToken, pairs, timestamp, body) {
	return crypto.createHmac('sha256', privateToken).update(stringToSign(pairs, timestamp, body), 'utf8').digest('hex');
}

/**
 * `freshConnections`: a new agent (so a new TCP connection) for every request, as n8n's request
 * helpers do; by default axios uses Node's global agent, which keeps connections alive.
 */
function createClient({ baseUrl, publicToken, privateToken, freshConnections = false }) {
	const client = axios.create({ baseURL: baseUrl.replace(/\/+$/, '') });
	const agents = () => (freshConnections ? { httpAgent: new http.Agent(), httpsAgent: new https.Agent() } : {});

	async function get(path, query) {
		const pairs = Object.entries(query).map(([key, value]) => [key, String(value)]);
		const timestamp = String(Math.floor(Date.now() / 1000));
		const search = pairs
			.slice()
			.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
			.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
			.join('&');
		const { data } = await client.get(search ? `${path}?${search}` : path, {
			...agents(),
			headers: {
				Accept: 'application/json',
				'Public-Token': publicToken,
				Timestamp: timestamp,
				Sign: sign(privateToken, pairs, timestamp),
			},
		});
		if (!data || (data.code !== 0 && data.code !== 2000)) {
			throw new Error(`Trustoo code ${data && data.code}: ${data && data.message}`);
		}
		return data.data;
	}

	const reviewsPage = (page, pageSize = PAGE_SIZE) => get(REVIEWS_PATH, { page, page_size: pageSize });

	/** Every review, one page after the other. `maxPages` stops early (used for warm-up). */
	async function allReviewsSequential({ maxPages = Infinity } = {}) {
		const reviews = [];
		let totalPages = 1;
		for (let page = 1; page <= totalPages && page <= maxPages; page++) {
			const { list, page: info } = await reviewsPage(page);
			for (const review of list) reviews.push(review);
			totalPages = info.total_page;
			if (list.length === 0) break;
		}
		return reviews;
	}

	/** Page 1 first (for total_page), then the rest with `concurrency` requests in flight, in order. */
	async function allReviewsParallel({ concurrency = 4, maxPages = Infinity } = {}) {
		const first = await reviewsPage(1);
		const lastPage = Math.min(first.page.total_page, maxPages);
		const lists = new Array(Math.max(lastPage, 1));
		lists[0] = first.list;
		let next = 2;
		const worker = async () => {
			while (next <= lastPage) {
				const page = next++;
				lists[page - 1] = (await reviewsPage(page)).list;
			}
		};
		await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(lastPage - 1, 0)) }, worker));
		const reviews = [];
		for (const list of lists) for (const review of list) reviews.push(review);
		return reviews;
	}

	return { get, reviewsPage, allReviewsSequential, allReviewsParallel };
}

module.exports = { createClient, sign, stringToSign, REVIEWS_PATH, PAGE_SIZE };
