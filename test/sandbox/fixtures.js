'use strict';
/**
 * Fixed fixture data: the two shops, their products and the word lists the seeded records are
 * built from. Public tokens contain `/`, `+` and `=` on purpose: they catch header/URL encoding bugs.
 */

const SHOPS = [
	{
		key: 'demo',
		publicToken: 'GfKu22TCaj4gULt+A3/OgA==',
		privateToken: 'pvt_Zq7x+Lm2/Rt9Wc4kHs8dNa==',
		shopId: '59730165893',
		myshopifyDomain: 'trustoo-sandbox.myshopify.com',
		salt: 1,
		reviewIdBase: 3100000000,
		products: [
			['9200305176832', 'classic-cotton-tee', 'Classic Cotton Tee'],
			['9200305209600', 'linen-summer-dress', 'Linen Summer Dress'],
			['9200305242368', 'leather-crossbody-bag', 'Leather Crossbody Bag'],
			['9200305275136', 'merino-wool-beanie', 'Merino Wool Beanie'],
			['9200305307904', 'canvas-sneakers', 'Canvas Sneakers'],
			['9200305340672', 'ceramic-coffee-mug', 'Ceramic Coffee Mug'],
			['9200305373440', 'bamboo-sunglasses', 'Bamboo Sunglasses'],
			['9200305406208', 'gift-card', 'Gift Card'],
		],
	},
	{
		key: 'second',
		publicToken: '7ygMzD/8/cpvR8DN+rquVQ==',
		privateToken: 'pvt_second_Xk3+Jw/8Qe1Yz0==',
		shopId: '61234567890',
		myshopifyDomain: 'second-sandbox.myshopify.com',
		salt: 2,
		reviewIdBase: 4100000000,
		products: [
			['8100000000001', 'yoga-mat', 'Yoga Mat'],
			['8100000000002', 'steel-water-bottle', 'Steel Water Bottle'],
			['8100000000003', 'resistance-bands', 'Resistance Bands'],
		],
	},
];

/** OAuth2 platform clients (reference §10: `trustwill` / `instafeed` and their test secrets). */
const CLIENTS = [
	{
		id: 'trustwill',
		secret: 'oauth_test_secret_2026',
		name: 'TrustWILL demo platform',
		allowClientCredentials: true,
		redirectUris: ['http://localhost:3000/oauth/callback'],
		platformScopes: ['read_shop_install_status'],
	},
	{
		id: 'instafeed',
		secret: 'trustwill_2026',
		name: 'Platform without client_credentials',
		allowClientCredentials: false,
		redirectUris: ['http://localhost:3000/oauth/callback'],
		platformScopes: [],
	},
];

/** Seeded webhooks point at a non-loopback host, so deliveries to them are skipped, never sent. */
const SEEDED_WEBHOOKS = {
	demo: [
		['review/created', 'https://hooks.example.com/trustoo/review-created'],
		['customer_event/created', 'https://hooks.example.com/trustoo/customer-events'],
	],
	second: [['review/created', 'https://hooks.example.com/second-shop/reviews']],
};

// Non-ASCII names and texts make sure UTF-8 survives signing and parsing.
const AUTHORS = [
	'Emma W.',
	'Liam S.',
	'Olivia M.',
	'Noah B.',
	'Ava T.',
	'Ethan R.',
	'Sophia L.',
	'Mason K.',
	'Isabella G.',
	'Lucas P.',
	'Mia H.',
	'Amelia C.',
	'Harper D.',
	'Elijah F.',
	'Zoë K.',
	'Łukasz P.',
	'José M.',
	'Chloé D.',
	'Søren A.',
	'Aarav N.',
	'Yuki T.',
	'佐藤 花子',
	'Anonymous',
	'Grace O.',
	'Henry V.',
	'Nora J.',
	'Oscar E.',
	'Ruby Q.',
	'Leo Z.',
	'Ivy N.',
];
const TITLES = [
	'Love it!',
	'Great quality',
	'Exactly as described',
	'Fast shipping',
	'Good value for money',
	'Not what I expected',
	'Runs small',
	'Perfect gift',
	'Would buy again',
	'Okay overall',
	'Disappointed',
	'Beautiful colour',
	'Five stars',
	'Comfortable and stylish',
	'Très bien',
	'Arrived damaged',
	'Solid product',
	'Better than the photos',
	'',
	'Excellent customer service',
];
const CONTENTS = [
	'The quality is amazing and it arrived two days early.',
	'Fits perfectly, I ordered my usual size.',
	'Colour is slightly different from the photos but still nice.',
	'Shipping took longer than expected, product is fine.',
	'I bought this as a gift and my sister loved it.',
	'Material feels cheap, returned it.',
	'Second time ordering, still great quality.',
	'Customer service answered within an hour, very helpful.',
	'Runs a little small, size up.',
	'Works exactly as described. Recommended!',
	'Packaging was damaged but the item was fine.',
	'Absolutely love it — wearing it every day.',
	'Très bon produit, je recommande !',
	'Not worth the price in my opinion.',
	'Super comfortable 😊',
	'Arrived broken, waiting for a replacement.',
	'Good, but the instructions were unclear.',
	'Great value for money.',
	'The stitching came loose after a week.',
	'Exceeded my expectations, five stars.',
];
const REPLIES = [
	'Thank you for your kind words!',
	'We are sorry to hear that — our team will contact you.',
	'Thanks for the feedback, we appreciate it.',
	'Glad you love it! 💛',
];
const COUNTRIES = ['US', 'US', 'US', 'GB', 'CA', 'AU', 'DE', 'FR', 'NL', 'JP', 'PL', 'ES'];
const VARIANTS = ['S / Black', 'M / White', 'L / Navy', 'XL / Red', 'One size', 'Blue', 'Green'];
const TAGS = ['imported', 'vip', 'photo', 'campaign-2025'];
const FIRST_NAMES = [
	'Alice',
	'Bob',
	'Carla',
	'David',
	'Elena',
	'Farid',
	'Greta',
	'Hiro',
	'Ines',
	'Jon',
];
const LAST_NAMES = ['Smith', 'Garcia', 'Müller', 'Rossi', 'Dubois', 'Tanaka', 'Kowalski', 'Silva'];

module.exports = {
	SHOPS,
	CLIENTS,
	SEEDED_WEBHOOKS,
	AUTHORS,
	TITLES,
	CONTENTS,
	REPLIES,
	COUNTRIES,
	VARIANTS,
	TAGS,
	FIRST_NAMES,
	LAST_NAMES,
};
