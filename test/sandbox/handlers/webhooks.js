'use strict';
/**
 * Shop webhooks. Platform isolation (reference §5.1): a webhook made with a Bearer token belongs
 * to that platform, one made with HMAC to the shop alone (owner 0); each sees only its own.
 */
const { invalidArgument, notFound, alreadyExists } = require('../envelope');
const { requireScope } = require('../auth');
const p = require('../params');
const { isoTime, plainTime, nowSeconds } = require('../time');

/** updated_at uses the plain format, as in the doc's example response. */
const toWebhook = (w) => ({
	id: w.id,
	topic: w.topic,
	url: w.url,
	created_at: isoTime(w.created),
	updated_at: plainTime(w.updated),
});

const ownerOf = (ctx) => ctx.auth.platformId;
const ownWebhooks = (ctx) => ctx.shop.webhooks.filter((w) => w.owner === ownerOf(ctx));

/** `{topic, url}` from the body; the topic's scope is checked for Bearer callers. */
function parseTopicAndUrl(ctx, body) {
	const topic = p.string(body.topic, 'topic', { required: true });
	const topics = Object.keys(ctx.api.WEBHOOK_TOPICS);
	if (!topics.includes(topic)) throw invalidArgument(`topic must be one of ${topics.join(', ')}`);
	requireScope(ctx.auth, ctx.api.WEBHOOK_TOPICS[topic]);
	return { topic, url: p.httpUrl(body.url, 'url') };
}

function assertUnique(ctx, topic, url, exceptId) {
	if (ownWebhooks(ctx).some((w) => w.topic === topic && w.url === url && w.id !== exceptId)) {
		throw alreadyExists(`webhook already exists for topic ${topic} and url ${url}`);
	}
}

function findOwn(ctx, value) {
	const id = p.idString(value, 'id');
	if (id === undefined) throw invalidArgument('id is required');
	const webhook = ownWebhooks(ctx).find((w) => w.id === id);
	if (!webhook) throw notFound(`webhook not found: ${id}`);
	return webhook;
}

function createWebhook(ctx) {
	const { topic, url } = parseTopicAndUrl(ctx, p.requireObjectBody(ctx.body));
	assertUnique(ctx, topic, url);
	const now = nowSeconds();
	const webhook = {
		id: ctx.state.nextWebhookId(),
		topic,
		url,
		owner: ownerOf(ctx),
		created: now,
		updated: now,
	};
	ctx.shop.webhooks.push(webhook);
	return toWebhook(webhook);
}

function updateWebhook(ctx) {
	const body = p.requireObjectBody(ctx.body);
	const webhook = findOwn(ctx, body.id);
	const { topic, url } = parseTopicAndUrl(ctx, body);
	assertUnique(ctx, topic, url, webhook.id);
	Object.assign(webhook, { topic, url, updated: nowSeconds() });
	return toWebhook(webhook);
}

function deleteWebhook(ctx) {
	const webhook = findOwn(ctx, p.requireObjectBody(ctx.body).id);
	ctx.shop.webhooks.splice(ctx.shop.webhooks.indexOf(webhook), 1);
	return { id: webhook.id };
}

function getWebhooks(ctx) {
	return ownWebhooks(ctx).map(toWebhook);
}

module.exports = {
	handlers: { createWebhook, updateWebhook, deleteWebhook, getWebhooks },
	toWebhook,
};
