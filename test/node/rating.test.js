/**
 * Rating: get for the store, a product by ID, a product by handle, all products and all reviews,
 * with every credential; the summary is recomputed here from the sandbox's reviews.
 */
const { NodeOperationError } = require('n8n-workflow');
const {
	AUTH_MODES,
	useSandbox,
	run,
	runOk,
	originalError,
	expectOneRequest,
	liveReviews,
} = require('../support/node-runner');

const ctx = useSandbox({ reviewCount: 240 });

/** Trustoo's Rating object computed from a list of reviews (CONTRACT.md, Objects). */
function ratingOf(reviews) {
	const stars = [0, 0, 0, 0, 0, 0];
	for (const review of reviews) stars[review.rating] += 1;
	const count = reviews.length;
	const sum = reviews.reduce((total, review) => total + review.rating, 0);
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

describe.each(AUTH_MODES)('rating with $label', (mode) => {
	const cases = [
		['the store', () => ({ ratingOf: 'store' }), { is_store_rating: '1' }, (r) => r.product_id === '0'],
		[
			'a product by ID',
			(sb) => ({ ratingOf: 'productId', productId: ` ${sb.demo.products[1].id} ` }),
			(sb) => ({ product_id: sb.demo.products[1].id }),
			(r, sb) => r.product_id === sb.demo.products[1].id,
		],
		[
			'a product by handle',
			(sb) => ({ ratingOf: 'productHandle', productHandle: sb.demo.products[3].handle }),
			(sb) => ({ product_handle: sb.demo.products[3].handle }),
			(r, sb) => r.product_id === sb.demo.products[3].id,
		],
		['all products', () => ({ ratingOf: 'allProducts' }), { is_all_products_rating: '1' }, (r) => r.product_id !== '0'],
		['all reviews', () => ({ ratingOf: 'all' }), { is_all_rating: '1' }, () => true],
	];

	test.each(cases)('get: %s', async (_label, parameters, query, belongs) => {
		const result = await runOk(ctx.sb, mode, { resource: 'rating', operation: 'get', ...parameters(ctx.sb) });

		expectOneRequest(ctx.sb, result, mode, {
			endpoint: 'getRating',
			query: typeof query === 'function' ? query(ctx.sb) : query,
		});
		const reviews = liveReviews(ctx.sb).filter((review) => belongs(review, ctx.sb));
		expect(reviews.length).toBeGreaterThan(0);
		expect(result.items).toEqual([ratingOf(reviews)]);
	});
});

describe('rating: the product is checked before anything is sent', () => {
	const mode = AUTH_MODES[0];
	test.each([
		['an empty product ID', { ratingOf: 'productId', productId: '  ' }, /Product ID is required/],
		['a product ID that is not a number', { ratingOf: 'productId', productId: 'classic-tee' }, /Product ID "classic-tee" must be a number/],
		['a blank handle', { ratingOf: 'productHandle', productHandle: '   ' }, /Product Handle is required/],
	])('%s', async (_label, parameters, message) => {
		const failed = await run(ctx.sb, mode, { resource: 'rating', operation: 'get', ...parameters });
		expect(failed.error?.message).toMatch(message);
		const { original } = await originalError(ctx.sb, mode, { resource: 'rating', operation: 'get', ...parameters });
		expect(original).toBeInstanceOf(NodeOperationError);
		expect(ctx.sb.requests).toHaveLength(0);
	});
});
