'use strict';
/** Reviews and ratings: getReview, getReviews, createReview, deleteReview, getRating. */
const { invalidArgument, notFound } = require('../envelope');
const p = require('../params');
const { plainTime, nowSeconds } = require('../time');

function parseMedia(value, api) {
	if (value === undefined || value === null) return [];
	if (!Array.isArray(value))
		throw invalidArgument('media must be an array of {url, thumbnail_url, type, is_published}');
	const { image, video } = api.MEDIA_TYPES;
	const media = value.map((item, i) => {
		const field = `media[${i}]`;
		if (item === null || typeof item !== 'object' || Array.isArray(item))
			throw invalidArgument(`${field} must be an object`);
		const type =
			p.integer(item.type, `${field}.type`, {
				min: image,
				max: video,
				range: `${image} (image) or ${video} (video)`,
			}) ?? image;
		return {
			url: p.httpUrl(item.url, `${field}.url`),
			thumbnail_url: p.string(item.thumbnail_url, `${field}.thumbnail_url`) ?? '',
			type,
			is_published: p.flag(item.is_published, `${field}.is_published`) ?? 1,
		};
	});
	const images = media.filter((m) => m.type === image).length;
	if (images > api.REVIEW_LIMITS.maxImages)
		throw invalidArgument(`media may hold at most ${api.REVIEW_LIMITS.maxImages} images`);
	return media;
}

function parseReply(value) {
	if (value === undefined || value === null) return null;
	if (typeof value !== 'object' || Array.isArray(value))
		throw invalidArgument('reply must be an object {content, reply_at}');
	const content = p.string(value.content, 'reply.content', { required: true, max: 10000 });
	const at = p.time(value.reply_at, 'reply.reply_at') ?? nowSeconds();
	return { content, reply_at: plainTime(at) };
}

/**
 * Validates Review fields. `partial` (merchant edits) checks only the fields present; otherwise
 * required fields are enforced and defaults filled in. Unknown fields are ignored.
 */
function parseReviewInput(body, api, { partial = false } = {}) {
	const b = p.requireObjectBody(body);
	const limits = api.REVIEW_LIMITS;
	const out = {};
	const set = (key, value, fallback) => {
		if (value !== undefined) out[key] = value;
		else if (!partial && fallback !== undefined) out[key] = fallback;
	};
	set('product_id', p.idString(b.product_id, 'product_id'), '0');
	const rating = p.integer(b.rating, 'rating', { min: 1, max: 5, range: '1 to 5' });
	if (rating === undefined && !partial) throw invalidArgument('rating is required (1 to 5)');
	set('rating', rating);
	set(
		'author',
		p.string(b.author, 'author', {
			required: !partial || p.has(b, 'author'),
			max: limits.authorMaxLength,
		}),
	);
	set('author_email', p.email(b.author_email, 'author_email'), '');
	p.string(b.author_phone, 'author_phone'); // accepted, not part of the Review object
	set('author_country', p.string(b.author_country, 'author_country', { max: 64 }), '');
	set('title', p.string(b.title, 'title', { max: limits.titleMaxLength }), '');
	set('content', p.string(b.content, 'content', { max: limits.contentMaxLength }), '');
	set('item_type', p.string(b.item_type, 'item_type', { max: limits.itemTypeMaxLength }), '');
	// Required by the documented body (reference §6.3); the 2026 example still sends it.
	const source = p.string(b.source, 'source', { required: !partial || p.has(b, 'source') });
	if (source !== undefined && !api.REVIEW_SOURCES.includes(source)) {
		throw invalidArgument(`source must be one of ${api.REVIEW_SOURCES.join(', ')}`);
	}
	set('source', source);
	set('tag', p.string(b.tag, 'tag', { max: 255 }), '');
	set('order_id', p.idString(b.order_id, 'order_id'), '');
	const commentedAt = p.time(b.commented_at, 'commented_at');
	if (commentedAt !== undefined) out.commented_at = plainTime(commentedAt);
	set('is_verified', p.flag(b.is_verified, 'is_verified'), 0);
	set('is_featured', p.flag(b.is_featured, 'is_featured'), 0);
	set('is_published', p.flag(b.is_published, 'is_published'), 1);
	set('is_top', p.flag(b.is_top, 'is_top'), 0);
	if (!partial || p.has(b, 'media')) out.media = parseMedia(b.media, api);
	if (!partial || p.has(b, 'reply')) out.reply = parseReply(b.reply);
	return out;
}

/** `{row}` of a live review of this shop named by `value`, or code 3 / 5. */
function findRow(shop, value, field) {
	const id = p.idString(value, field);
	if (id === undefined) throw invalidArgument(`${field} is required`);
	const row = shop.reviews.rowOf(id);
	if (row < 0) throw notFound(`review not found: ${id}`);
	return row;
}

/** The record a webhook delivery carries: the Review plus the shop identifiers. */
const deliveryRecord = (shop, review) => ({
	...review,
	my_shopify_domain: shop.myshopifyDomain,
	shopify_shop_id: shop.shopId,
});

function getReview(ctx) {
	const field = ctx.api.REVIEW_ID_QUERY_PARAM;
	return ctx.shop.reviews.get(findRow(ctx.shop, ctx.query[field], field));
}

function getReviews({ api, shop, query }) {
	const table = shop.reviews;
	const paging = p.pagination(query, api);
	const asc = p.ascending(query, api);
	const productIds = p
		.arrayParam(query, 'product_ids', api)
		.map((v, i) => p.idString(v, `product_ids[${i}]`));
	const ratings = p
		.arrayParam(query, 'ratings', api)
		.map((v) => p.integer(v, 'ratings', { min: 1, max: 5, range: '1 to 5' }));
	const sources = p.arrayParam(query, 'sources', api).map((v) => {
		const index = api.REVIEW_SOURCES.indexOf(v);
		if (index < 0) throw invalidArgument(`sources must be among ${api.REVIEW_SOURCES.join(', ')}`);
		return index;
	});
	const storeOnly = p.flag(query.is_store_review, 'is_store_review') === 1;
	const keyword = p.string(query.keyword, 'keyword', { max: 255 })?.trim() ?? '';
	const { count, rows } = table.query({
		products: productIds.length
			? new Set(productIds.map((id) => table.products.byId.get(id) ?? -1))
			: null,
		storeOnly,
		ratings: ratings.length ? new Set(ratings) : null,
		sources: sources.length ? new Set(sources) : null,
		keyword,
		ascending: asc,
		offset: paging.offset,
		limit: paging.pageSize,
	});
	return p.page(
		paging,
		count,
		rows.map((row) => table.get(row)),
	);
}

function createReview(ctx) {
	const review = ctx.shop.reviews.create(parseReviewInput(ctx.body, ctx.api));
	ctx.emit('review/created', ctx.shop, deliveryRecord(ctx.shop, review));
	return review;
}

function deleteReview(ctx) {
	const body = p.requireObjectBody(ctx.body);
	const review = ctx.shop.reviews.remove(findRow(ctx.shop, body.id, 'id'));
	ctx.emit('review/deleted', ctx.shop, deliveryRecord(ctx.shop, review));
	return { id: review.id };
}

const RATING_SELECTORS = [
	'product_id',
	'product_handle',
	'is_store_rating=1',
	'is_all_products_rating=1',
	'is_all_rating=1',
];

function getRating({ shop, query }) {
	const products = shop.reviews.products;
	const chosen = [];
	if (p.present(query, 'product_id')) {
		const index = products.byId.get(p.idString(query.product_id, 'product_id')) ?? -1;
		chosen.push((ix) => ix === index);
	}
	if (p.present(query, 'product_handle')) {
		const index = products.byHandle.get(query.product_handle) ?? -1;
		chosen.push((ix) => ix === index);
	}
	if (p.flag(query.is_store_rating, 'is_store_rating') === 1) chosen.push((ix) => ix === 0);
	if (p.flag(query.is_all_products_rating, 'is_all_products_rating') === 1)
		chosen.push((ix) => ix !== 0);
	if (p.flag(query.is_all_rating, 'is_all_rating') === 1) chosen.push(() => true);
	if (chosen.length !== 1) {
		throw invalidArgument(
			`exactly one of ${RATING_SELECTORS.join(', ')} is required (got ${chosen.length})`,
		);
	}
	const stars = shop.reviews.starCounts(chosen[0]);
	const count = stars.reduce((a, b) => a + b, 0);
	const sum = stars.reduce((total, n, star) => total + n * star, 0);
	return {
		rating_value: count ? (Math.round((sum / count) * 10) / 10).toFixed(1) : '0',
		review_count: count,
		star1_count: stars[1],
		star2_count: stars[2],
		star3_count: stars[3],
		star4_count: stars[4],
		star5_count: stars[5],
	};
}

module.exports = {
	handlers: { getReview, getReviews, createReview, deleteReview, getRating },
	parseReviewInput,
	deliveryRecord,
};
