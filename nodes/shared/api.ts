/**
 * Every choice about the Trustoo (TrustWILL) Open API that the node, the trigger and the test
 * sandbox depend on lives here. Items marked INFERRED are not confirmed by Trustoo's docs
 * (see the README's "Inferred API details"): when the real API disagrees, fix it here once.
 */

export const DEFAULT_BASE_URL = 'https://rapi.trustoo.io';

/** Header names for HMAC-signed requests (header names are case-insensitive on the wire). */
export const REQUEST_HEADERS = {
	publicToken: 'Public-Token',
	timestamp: 'Timestamp',
	sign: 'Sign',
} as const;

/** Header names on webhook deliveries (reference §5.6). */
export const DELIVERY_HEADERS = {
	publicToken: 'Open-Trustoo-Webhook-Public-token',
	timestamp: 'Open-Trustoo-Webhook-Timestamp',
	sign: 'Open-Trustoo-Webhook-Sign',
	requestId: 'Open-Trustoo-Webhook-RequestId',
} as const;

/** A signed timestamp is accepted for 15 minutes (INFERRED: in both directions). */
export const TIMESTAMP_TOLERANCE_SECONDS = 15 * 60;

/** Success codes: 0 in the current API, 2000 in the oldest generation. */
export const SUCCESS_CODES: readonly number[] = [0, 2000];

/** INFERRED: the largest `page_size` the list endpoints accept (one public client says 100). */
export const MAX_PAGE_SIZE = 100;

/**
 * INFERRED: how array query parameters are written on the wire and signed.
 * `indexed` gives `ratings[0]=5&ratings[1]=4`, the form public clients send.
 */
export const ARRAY_QUERY_STYLE: 'indexed' | 'comma' = 'indexed';

/**
 * INFERRED: how IDs travel in JSON bodies (`id`, `product_id`, `order_id`, `customer_id`,
 * `shop_id`). `string` keeps every ID exact (Shopify IDs pass 2^53): Trustoo answers IDs as
 * strings and its 2026 Create Review example sends `product_id` as text, although the oldest Update
 * Webhook page typed `id` as an integer. With `number`, IDs up to Number.MAX_SAFE_INTEGER are
 * sent as JSON numbers and longer ones stay text.
 */
export const BODY_ID_TYPE: 'string' | 'number' = 'string';

/** An ID (digits) as it goes into a JSON body, following BODY_ID_TYPE. */
export function bodyId(id: string): string | number {
	if (BODY_ID_TYPE === 'number' && Number.isSafeInteger(Number(id))) return Number(id);
	return id;
}

/** INFERRED: the query parameter that names the review in Get Review Detail. */
export const REVIEW_ID_QUERY_PARAM = 'id';

/** OAuth2 scopes, space-separated in the credential (INFERRED separator; the sandbox accepts commas too). */
export const SCOPES = {
	readReviews: 'read_reviews',
	writeReviews: 'write_reviews',
	readCustomerEvents: 'read_customer_events',
	writeCustomers: 'write_customers',
	readCustomers: 'read_customers', // INFERRED: not seen in the docs
	readOrders: 'read_orders', // INFERRED: not seen in the docs
	readShopInstallStatus: 'read_shop_install_status',
} as const;

export type TrustooScope = (typeof SCOPES)[keyof typeof SCOPES];

/** Every scope an operation of this package can need. */
export const ALL_SCOPES: readonly TrustooScope[] = Object.values(SCOPES);

/** INFERRED: likely scope names (reference §2.6) that Trustoo's docs never show. */
export const INFERRED_SCOPES: readonly TrustooScope[] = [SCOPES.readOrders, SCOPES.readCustomers];

/**
 * The OAuth2 credential's default scope: the documented scopes the nodes use. The inferred ones
 * are left out, so that an authorization server that refuses unknown scopes does not refuse
 * every Connect; the credential's hint says when to add them.
 */
export const DEFAULT_SCOPES: readonly TrustooScope[] = ALL_SCOPES.filter((scope) => !INFERRED_SCOPES.includes(scope));

/**
 * How an endpoint authenticates:
 * - `shop`: HMAC signature or OAuth2 Bearer token (the normal case),
 * - `bearer`: OAuth2 Bearer token only,
 * - `platform`: the platform's client_id + client_secret in the query or body.
 */
export type EndpointAuth = 'shop' | 'bearer' | 'platform';

export interface TrustooEndpoint {
	method: 'GET' | 'POST';
	path: string;
	auth: EndpointAuth;
	/** Scope a Bearer token needs; undefined: any valid token. */
	scope?: TrustooScope;
	/** The answer is a list of records, walked by `page`/`page_size` (`paged`) or whole (`whole`). */
	list?: 'paged' | 'whole';
	/** Why the path or scope is a guess, if it is one. */
	inferred?: string;
}

const PREFIX = '/api/v1/openapi';

export const ENDPOINTS = {
	// OAuth2 (reference §3)
	oauthAuthorize: { method: 'GET', path: `${PREFIX}/oauth/authorize`, auth: 'platform' },
	oauthToken: { method: 'POST', path: `${PREFIX}/oauth/token`, auth: 'platform' },
	getAuthorizationUrl: { method: 'GET', path: `${PREFIX}/get_oauth_authorize_url`, auth: 'platform' },
	revokeToken: { method: 'POST', path: `${PREFIX}/oauth_revoke_token`, auth: 'platform' },
	// Platform management (reference §4)
	disconnect: { method: 'POST', path: `${PREFIX}/oauth/disconnect`, auth: 'bearer' },
	getAuthorizationInfo: {
		method: 'GET',
		path: `${PREFIX}/get_shop_authorization_info`,
		auth: 'platform',
	},
	getInstallStatus: {
		method: 'GET',
		path: `${PREFIX}/get_shop_install_status`,
		auth: 'platform',
		scope: SCOPES.readShopInstallStatus,
	},
	cancelAuthorization: {
		method: 'POST',
		path: `${PREFIX}/oauth/cancel`,
		auth: 'platform',
		inferred: 'path and body unknown; modelled as the platform cancelling one shop with its client credentials',
	},
	// Webhooks (reference §5)
	createWebhook: { method: 'POST', path: `${PREFIX}/create_shop_webhook`, auth: 'shop' },
	updateWebhook: {
		method: 'POST',
		path: `${PREFIX}/update_shop_webhook`,
		auth: 'shop',
		inferred: 'path carried over from the older API with POST',
	},
	deleteWebhook: {
		method: 'POST',
		path: `${PREFIX}/delete_shop_webhook`,
		auth: 'shop',
		inferred: 'path and body {id} from public client code',
	},
	getWebhooks: {
		method: 'GET',
		path: `${PREFIX}/get_shop_webhooks`,
		auth: 'shop',
		list: 'whole',
		inferred: 'path from public client code',
	},
	// Reviews and ratings (reference §6)
	getReview: { method: 'GET', path: `${PREFIX}/get_review`, auth: 'shop', scope: SCOPES.readReviews },
	getReviews: { method: 'GET', path: `${PREFIX}/get_reviews`, auth: 'shop', scope: SCOPES.readReviews, list: 'paged' },
	createReview: {
		method: 'POST',
		path: `${PREFIX}/create_review`,
		auth: 'shop',
		scope: SCOPES.writeReviews,
	},
	deleteReview: {
		method: 'POST',
		path: `${PREFIX}/delete_review`,
		auth: 'shop',
		scope: SCOPES.writeReviews,
		inferred: 'path and body {id} from public client code',
	},
	getRating: { method: 'GET', path: `${PREFIX}/get_rating`, auth: 'shop', scope: SCOPES.readReviews },
	// Media (reference §7.1, §7.2)
	getImageUploadCredentials: {
		method: 'GET',
		path: `${PREFIX}/get_image_upload_policy_token`,
		auth: 'shop',
		scope: SCOPES.writeReviews,
	},
	getVideoUploadUrl: {
		method: 'GET',
		path: `${PREFIX}/get_video_upload_url`,
		auth: 'shop',
		scope: SCOPES.writeReviews,
		inferred: 'path, parameters and response unknown',
	},
	// Orders, customer events, customers (reference §7.3 to §7.8)
	getOrders: {
		method: 'GET',
		path: `${PREFIX}/get_orders`,
		auth: 'shop',
		list: 'paged',
		scope: SCOPES.readOrders,
		inferred: 'scope',
	},
	getCustomerEvents: {
		method: 'GET',
		path: `${PREFIX}/get_customer_events`,
		auth: 'shop',
		list: 'paged',
		scope: SCOPES.readCustomerEvents,
	},
	emailUnsubscribe: {
		method: 'POST',
		path: `${PREFIX}/email_unsubscribe`,
		auth: 'shop',
		scope: SCOPES.writeCustomers,
		inferred: 'scope',
	},
	createExclusion: {
		method: 'POST',
		path: `${PREFIX}/create_customer_exclude`,
		auth: 'shop',
		scope: SCOPES.writeCustomers,
	},
	deleteExclusion: {
		method: 'POST',
		path: `${PREFIX}/delete_customer_exclude`,
		auth: 'shop',
		scope: SCOPES.writeCustomers,
	},
	getExclusions: {
		method: 'GET',
		path: `${PREFIX}/get_customer_excludes`,
		auth: 'shop',
		list: 'paged',
		scope: SCOPES.readCustomers,
		inferred: 'path, parameters and scope unknown',
	},
} as const satisfies Record<string, TrustooEndpoint>;

export type EndpointName = keyof typeof ENDPOINTS;

/** An endpoint's description as a TrustooEndpoint, optional fields included (ENDPOINTS keeps literal types). */
export function endpointSpec(name: EndpointName): TrustooEndpoint {
	return ENDPOINTS[name];
}

/** Webhook topics (reference §5.1) and the OAuth2 scope each one needs. */
export const WEBHOOK_TOPICS = {
	'review/created': SCOPES.writeReviews,
	'review/updated': SCOPES.writeReviews,
	'review/deleted': SCOPES.writeReviews,
	'customer_event/created': SCOPES.readCustomerEvents,
} as const;

export type WebhookTopic = keyof typeof WEBHOOK_TOPICS;

/** `sort_by` values shared by the list endpoints. */
export const SORT_VALUES = ['created-descending', 'created-ascending'] as const;

/** Email types for Email Unsubscribe (reference §7.5). */
export const EMAIL_TYPES = [
	'all',
	'review_request',
	'review_request_test',
	'discount_for_photo_review',
	'left_review',
	'market_email',
	'question_notification',
	'answer_notification',
	'review_request_quota_exhausted',
	'review_display_quota_exhausted',
	'reply_to_review',
	'post_purchase_referral',
	'advocate_reward_paid',
	'advocate_reward_refund',
	'review_media_remind',
	'auto_leave_review',
	'request_update_review',
] as const;

/** Review sources for Create Review; `ChatWILL` appears in the 2026 example. */
export const REVIEW_SOURCES = [
	'AliExpress',
	'Amazon',
	'Auto',
	'ChatWILL',
	'CSV uploaded',
	'Email request',
	'QR Code',
	'Shop',
	'Shopee',
	'Store front',
	'Store link',
] as const;

/** Review-request status filter of Get Order List (`type`). */
export const ORDER_REQUEST_STATUSES = {
	0: 'All',
	1: 'Waiting',
	2: 'Scheduled',
	3: 'Sent',
	4: 'Opened',
	5: 'Evaluated',
	6: 'Cancelled',
} as const;

/**
 * Documented values of customer-event filters (reference §7.4). The docs end each list with
 * "etc.", so the node sends other values set by an expression as they are.
 */
export const CUSTOMER_EVENT_TYPES = [
	'VIEW_REVIEW',
	'EXPAND_CONTENT',
	'SUBMIT_REVIEW',
	'CLICK_REVIEW',
	'PAGINATION',
	'FILTER_REVIEW',
	'SORT_REVIEW',
	'CLICK_MEDIA',
	'CLOSE_VIDEO_POPUP',
] as const;
export const CUSTOMER_EVENT_OS_TYPES = ['IOS', 'ANDROID', 'WINDOWS'] as const;
export const CUSTOMER_EVENT_SOURCES = ['STOREFRONT', 'EMAIL', 'ADMIN'] as const;

/** INFERRED: `media[].type` codes in Create Review (1 = image is suggested by the example). */
export const MEDIA_TYPES = { image: 1, video: 2 } as const;

/** Limits from the Create Review docs. */
export const REVIEW_LIMITS = {
	authorMaxLength: 120,
	titleMaxLength: 300,
	contentMaxLength: 10000,
	itemTypeMaxLength: 120,
	maxImages: 10,
} as const;
