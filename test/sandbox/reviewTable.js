'use strict';
/**
 * One shop's reviews, built for 100 000 rows: the fields that filters need live in plain number
 * columns, and a seeded review object is only built (deterministically, from seed + row) when it
 * is answered. Created or edited reviews are kept as full objects. Row order is creation order,
 * so sorting by `created_at` is just walking the rows forwards or backwards.
 */
const { Random, mix } = require('./prng');
const F = require('./fixtures');
const { isoTime, plainTime, nowSeconds } = require('./time');

const SEED_START = Date.UTC(2025, 5, 1) / 1000; // seeded reviews span 2025-06-01 .. 2026-06-01
const SEED_SPAN = 365 * 86400;
const RATING_WEIGHTS = [7, 5, 10, 22, 56]; // ratings 1..5, skewed positive like real shops
const SOURCE_WEIGHTS = { Shop: 20, 'Store front': 25, 'Email request': 25 };

/** Products of a shop; index 0 is the store itself (`product_id` "0"). */
class Products {
	constructor(list) {
		this.list = [{ id: '0', handle: '', title: 'Store' }];
		this.byId = new Map([['0', 0]]);
		this.byHandle = new Map();
		for (const [id, handle, title] of list) this.add(id, handle, title);
	}

	add(id, handle, title) {
		const index = this.list.length;
		this.list.push({ id, handle, title });
		this.byId.set(id, index);
		if (handle) this.byHandle.set(handle, index);
		return index;
	}

	/** Index of a product id, registering unknown products (the API does not check them). */
	ensure(id) {
		return this.byId.get(id) ?? this.add(id, `product-${id}`, `Product ${id}`);
	}
}

/** Field order of a Review on the wire (CONTRACT.md, Objects). */
function buildReview(f) {
	return {
		id: f.id,
		product_id: f.product_id,
		product_handle: f.product_handle,
		rating: f.rating,
		author: f.author,
		author_email: f.author_email,
		author_country: f.author_country,
		title: f.title,
		content: f.content,
		item_type: f.item_type,
		source: f.source,
		tag: f.tag,
		order_id: f.order_id,
		commented_at: f.commented_at,
		created_at: f.created_at,
		is_verified: f.is_verified,
		is_featured: f.is_featured,
		is_published: f.is_published,
		is_top: f.is_top,
		media: f.media,
		reply: f.reply,
	};
}

const clone = (review) => ({
	...review,
	media: review.media.map((m) => ({ ...m })),
	reply: review.reply ? { ...review.reply } : null,
});

class ReviewTable {
	constructor({ shop, seed, count, sources }) {
		this.shop = shop;
		this.seed = seed;
		this.sources = sources;
		this.products = new Products(shop.products);
		// Columns, one entry per row (seeded rows first, then created ones).
		this.product = [];
		this.rating = [];
		this.source = [];
		this.created = [];
		this.deleted = [];
		// Text of a seeded row as indexes into the fixture lists; -1 once the row is an object.
		this.authorIx = [];
		this.titleIx = [];
		this.contentIx = [];
		/** row → full Review, for created and edited rows. */
		this.objects = new Map();
		this.liveCount = 0;
		this.seedRows(count);
	}

	get size() {
		return this.rating.length;
	}

	seedRows(count) {
		const r = new Random(mix(this.seed, this.shop.salt, 1));
		const productCount = this.products.list.length;
		const sourceWeights = this.sources.map((s) => SOURCE_WEIGHTS[s] ?? 3);
		const step = SEED_SPAN / Math.max(count, 1);
		for (let row = 0; row < count; row++) {
			// The first rows cover every product (and the store), rating and source even for tiny counts.
			this.product.push(row < productCount ? row : r.chance(0.2) ? 0 : 1 + r.int(productCount - 1));
			this.rating.push(row < 5 ? 5 - row : 1 + r.weighted(RATING_WEIGHTS));
			this.source.push(row < this.sources.length ? row : r.weighted(sourceWeights));
			this.created.push(SEED_START + Math.floor(row * step) + r.int(Math.max(1, Math.floor(step))));
			this.deleted.push(0);
			this.authorIx.push(r.int(F.AUTHORS.length));
			this.titleIx.push(r.int(F.TITLES.length));
			this.contentIx.push(r.int(F.CONTENTS.length));
		}
		this.liveCount = count;
	}

	idOf(row) {
		return String(this.shop.reviewIdBase + row);
	}

	/** Row of a live review id, or -1. */
	rowOf(id) {
		if (typeof id !== 'string' || !/^\d+$/.test(id)) return -1;
		const row = Number(id) - this.shop.reviewIdBase;
		return Number.isSafeInteger(row) && row >= 0 && row < this.size && !this.deleted[row]
			? row
			: -1;
	}

	/** A fresh copy of the review at `row`. */
	get(row) {
		const object = this.objects.get(row);
		return object ? clone(object) : this.seeded(row);
	}

	find(id) {
		const row = this.rowOf(id);
		return row < 0 ? null : this.get(row);
	}

	seeded(row) {
		const r = new Random(mix(this.seed, this.shop.salt, 2, row));
		const id = this.idOf(row);
		const product = this.products.list[this.product[row]];
		const created = this.created[row];
		const author = F.AUTHORS[this.authorIx[row]];
		const slug =
			author
				.toLowerCase()
				.replace(/[^a-z]+/g, '.')
				.replace(/^\.|\.$/g, '') || 'customer';
		const orderId = r.chance(0.6) ? `54${r.digits(11)}` : '';
		const media = [];
		const mediaCount = row % 4 === 1 ? 1 + r.int(3) : 0;
		for (let i = 0; i < mediaCount; i++) {
			const video = i === 0 && row % 12 === 1;
			const file = `https://img.trustoo.io/sandbox/${this.shop.shopId}/${id}/${i}`;
			media.push({
				url: video ? `${file}.mp4` : `${file}.jpeg?x-oss-process=style/trustoo_big`,
				thumbnail_url: `${file}.jpeg?x-oss-process=style/trustoo_small`,
				type: video ? 2 : 1,
				is_published: r.chance(0.9) ? 1 : 0,
			});
		}
		return buildReview({
			id,
			product_id: product.id,
			product_handle: product.handle,
			rating: this.rating[row],
			author,
			author_email: `${slug}.${row}@example.com`,
			author_country: r.pick(F.COUNTRIES),
			title: F.TITLES[this.titleIx[row]],
			content: F.CONTENTS[this.contentIx[row]],
			item_type: product.id !== '0' && r.chance(0.5) ? r.pick(F.VARIANTS) : '',
			source: this.sources[this.source[row]],
			tag: r.chance(0.15) ? r.pick(F.TAGS) : '',
			order_id: orderId,
			commented_at: plainTime(created),
			created_at: isoTime(created),
			is_verified: orderId ? 1 : 0,
			is_featured: r.chance(0.1) ? 1 : 0,
			is_published: r.chance(0.92) ? 1 : 0,
			is_top: r.chance(0.03) ? 1 : 0,
			media,
			reply:
				row % 5 === 2
					? { content: r.pick(F.REPLIES), reply_at: plainTime(created + 3600 + r.int(5 * 86400)) }
					: null,
		});
	}

	/** Adds a review from validated, normalised fields (see handlers/reviews.js). */
	create(fields) {
		const row = this.size;
		const created = Math.max(nowSeconds(), this.created[row - 1] ?? 0);
		const productIx = this.products.ensure(fields.product_id);
		const review = buildReview({
			...fields,
			id: this.idOf(row),
			product_handle: this.products.list[productIx].handle,
			commented_at: fields.commented_at ?? plainTime(created),
			created_at: isoTime(created),
		});
		this.product.push(productIx);
		this.rating.push(review.rating);
		this.source.push(this.sources.indexOf(review.source));
		this.created.push(created);
		this.deleted.push(0);
		this.authorIx.push(-1);
		this.titleIx.push(-1);
		this.contentIx.push(-1);
		this.objects.set(row, review);
		this.liveCount++;
		return clone(review);
	}

	/** Applies validated fields to a live row (a merchant edit); returns the new review. */
	update(row, fields) {
		const review = { ...this.get(row), ...fields };
		const productIx = this.products.ensure(review.product_id);
		review.product_handle = this.products.list[productIx].handle;
		const built = buildReview(review);
		this.objects.set(row, built);
		this.product[row] = productIx;
		this.rating[row] = built.rating;
		this.source[row] = this.sources.indexOf(built.source);
		this.authorIx[row] = this.titleIx[row] = this.contentIx[row] = -1;
		return clone(built);
	}

	/** Deletes a live row; returns the review as it was. */
	remove(row) {
		const review = this.get(row);
		this.deleted[row] = 1;
		this.objects.delete(row);
		this.liveCount--;
		return review;
	}

	/** A predicate on rows for a case-insensitive keyword in author, title or content. */
	keywordMatcher(keyword) {
		const needle = keyword.toLowerCase();
		const hits = (list) => list.map((text) => text.toLowerCase().includes(needle));
		const [authorHit, titleHit, contentHit] = [hits(F.AUTHORS), hits(F.TITLES), hits(F.CONTENTS)];
		return (row) => {
			if (this.authorIx[row] >= 0) {
				return (
					authorHit[this.authorIx[row]] ||
					titleHit[this.titleIx[row]] ||
					contentHit[this.contentIx[row]]
				);
			}
			const o = this.objects.get(row);
			return [o.author, o.title, o.content].some((text) => text.toLowerCase().includes(needle));
		};
	}

	/**
	 * Walks the live rows once, newest first unless `ascending`, and returns the total `count` of
	 * matches and the `rows` in the window [offset, offset + limit). Sets may be null (no filter).
	 */
	query({
		products = null,
		storeOnly = false,
		ratings = null,
		sources = null,
		keyword = '',
		ascending = false,
		offset = 0,
		limit = Infinity,
	}) {
		const matchKeyword = keyword ? this.keywordMatcher(keyword) : null;
		const n = this.size;
		const rows = [];
		let count = 0;
		for (let i = 0; i < n; i++) {
			const row = ascending ? i : n - 1 - i;
			if (this.deleted[row]) continue;
			if (storeOnly && this.product[row] !== 0) continue;
			if (products && !products.has(this.product[row])) continue;
			if (ratings && !ratings.has(this.rating[row])) continue;
			if (sources && !sources.has(this.source[row])) continue;
			if (matchKeyword && !matchKeyword(row)) continue;
			if (count >= offset && rows.length < limit) rows.push(row);
			count++;
		}
		return { count, rows };
	}

	/** Star counts `[_, s1, s2, s3, s4, s5]` over the live rows whose product index passes `accept`. */
	starCounts(accept) {
		const stars = [0, 0, 0, 0, 0, 0];
		for (let row = 0; row < this.size; row++) {
			if (!this.deleted[row] && accept(this.product[row])) stars[this.rating[row]]++;
		}
		return stars;
	}
}

module.exports = { ReviewTable, Products, buildReview };
