import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import {
	authenticateDelivery,
	checkSize,
	deliverySigningKey,
	parseRecords,
	processRecords,
	readFilters,
	type Rejection,
	SUCCESS_RESPONSE,
} from './delivery';
import { credentialTypeFor, NODE_CREDENTIALS } from '../shared/authentication';
import { createWebhook, deleteWebhook, listWebhooks } from './webhookApi';

/** Node static data: `webhooks` maps each topic to the id of the webhook this node owns. */
const OWNED_WEBHOOKS_KEY = 'webhooks';

type OwnedWebhooks = Record<string, string>;

function ownedWebhooks(staticData: IDataObject): OwnedWebhooks {
	const stored = staticData[OWNED_WEBHOOKS_KEY];
	const owned: OwnedWebhooks = {};
	if (typeof stored === 'object' && stored !== null && !Array.isArray(stored)) {
		for (const [topic, id] of Object.entries(stored)) {
			if (typeof id === 'string' || typeof id === 'number') owned[topic] = String(id);
		}
	}
	return owned;
}

function saveOwnedWebhooks(staticData: IDataObject, owned: OwnedWebhooks): void {
	if (Object.keys(owned).length === 0) delete staticData[OWNED_WEBHOOKS_KEY];
	else staticData[OWNED_WEBHOOKS_KEY] = { ...owned };
}

function subscribedTopics(context: IHookFunctions | IWebhookFunctions): string[] {
	const events = context.getNodeParameter('events', []) as unknown;
	return Array.isArray(events) ? events.filter((event): event is string => typeof event === 'string') : [];
}

function webhookUrlOf(context: IHookFunctions): string {
	const url = context.getNodeWebhookUrl('default');
	if (!url) {
		throw new NodeOperationError(context.getNode(), 'n8n did not provide a webhook URL for this node');
	}
	return url;
}

function assertUsable(context: IHookFunctions, topics: string[]): void {
	if (topics.length === 0) {
		throw new NodeOperationError(context.getNode(), 'Choose at least one event to listen to');
	}
	const filters = readFilters(context.getNodeParameter('options', {}) as IDataObject);
	if (
		filters.minRating !== undefined &&
		filters.maxRating !== undefined &&
		filters.minRating > filters.maxRating
	) {
		throw new NodeOperationError(
			context.getNode(),
			`Minimum Rating (${filters.minRating}) is higher than Maximum Rating (${filters.maxRating})`,
			{ description: 'No review could pass both filters. Lower the minimum or raise the maximum.' },
		);
	}
}

// eslint-disable-next-line @n8n/community-nodes/node-usable-as-tool -- a webhook trigger cannot run as an AI tool
export class TrustooTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'TrustWILL (Trustoo) Trigger',
		name: 'trustooTrigger',
		icon: { light: 'file:trustoo.svg', dark: 'file:trustoo.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description:
			'Starts the workflow when TrustWILL (formerly Trustoo) reviews are created, updated or deleted, or a customer event is recorded',
		defaults: {
			name: 'TrustWILL (Trustoo) Trigger',
		},
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: NODE_CREDENTIALS,
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'webhook',
			},
		],
		properties: [
			{
				displayName: 'Authentication',
				name: 'authentication',
				type: 'options',
				options: [
					{
						name: 'API Token (Public + Private Token)',
						value: 'apiKey',
						description: 'The store’s own Open API tokens; deliveries are checked with the private token',
					},
					{
						name: 'OAuth2 (Platforms)',
						value: 'oAuth2',
						description:
							'A platform connected through TrustWILL OAuth2; deliveries are checked with the client secret',
					},
				],
				default: 'apiKey',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: [],
				description: 'The events to listen to. One Trustoo webhook is registered for each.',
				options: [
					{
						name: 'Customer Event Created',
						value: 'customer_event/created',
						description: 'A shopper interacted with the review widget (OAuth2 scope read_customer_events)',
					},
					{
						name: 'Review Created',
						value: 'review/created',
						description: 'A review was created',
					},
					{
						name: 'Review Deleted',
						value: 'review/deleted',
						description: 'A review was deleted or hidden',
					},
					{
						name: 'Review Updated',
						value: 'review/updated',
						description: 'An existing review was updated',
					},
				],
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Maximum Rating',
						name: 'maxRating',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: 5 },
						default: 2,
						description:
							'Only reviews rated at most this many stars, e.g. 2 for negative reviews. Customer events are not filtered.',
					},
					{
						displayName: 'Minimum Rating',
						name: 'minRating',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: 5 },
						default: 4,
						description:
							'Only reviews rated at least this many stars. Customer events are not filtered.',
					},
					{
						displayName: 'Review Type',
						name: 'reviewType',
						type: 'options',
						options: [
							{ name: 'All Reviews', value: 'all' },
							{
								name: 'Product Reviews Only',
								value: 'product',
								description: 'Reviews of a product',
							},
							{
								name: 'Store Reviews Only',
								value: 'store',
								description: 'Reviews of the store itself (no product)',
							},
						],
						default: 'all',
						description: 'Which reviews start the workflow. Customer events are not filtered.',
					},
				],
			},
		],
	};

	webhookMethods = {
		default: {
			/**
			 * Adopts the shop's webhooks that already point at this node's URL for a chosen topic, and
			 * reports whether every topic is covered. Nothing is created or deleted here.
			 */
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const topics = subscribedTopics(this);
				assertUsable(this, topics);
				const url = webhookUrlOf(this);
				const registered = await listWebhooks(this);
				const staticData = this.getWorkflowStaticData('node');
				const previous = ownedWebhooks(staticData);

				const owned: OwnedWebhooks = {};
				for (const topic of topics) {
					const match = registered.find((webhook) => webhook.url === url && webhook.topic === topic);
					if (match) owned[topic] = match.id;
				}
				// Keep ids this node registered at this URL for topics no longer chosen, while they still
				// exist, so that `delete` removes them too. Matching the URL keeps a test run (webhook-test
				// URL) from ever taking over the production webhooks.
				for (const [topic, id] of Object.entries(previous)) {
					const stillThere = registered.some((webhook) => webhook.id === id && webhook.url === url);
					if (!(topic in owned) && stillThere) owned[topic] = id;
				}
				saveOwnedWebhooks(staticData, owned);
				return topics.every((topic) => topic in owned);
			},

			/** Registers one webhook per chosen topic that is not covered yet. */
			async create(this: IHookFunctions): Promise<boolean> {
				const topics = subscribedTopics(this);
				assertUsable(this, topics);
				const url = webhookUrlOf(this);
				const staticData = this.getWorkflowStaticData('node');
				const owned = ownedWebhooks(staticData);

				for (const topic of topics) {
					if (topic in owned) continue;
					const result = await createWebhook(this, topic, url);
					if ('created' in result) {
						owned[topic] = result.created.id;
					} else {
						// Trustoo already has this topic at this URL (code 6): adopt that webhook.
						const existing = (await listWebhooks(this)).find(
							(webhook) => webhook.url === url && webhook.topic === topic,
						);
						if (!existing) {
							throw new NodeOperationError(
								this.getNode(),
								`Trustoo reports a webhook for "${topic}" at this URL, but does not list it`,
							);
						}
						owned[topic] = existing.id;
					}
					// Saved after each topic, so that a failure later on still lets `delete` clean up.
					saveOwnedWebhooks(staticData, owned);
				}
				return true;
			},

			/**
			 * Deletes exactly the webhooks this node registered or adopted. One Trustoo already lost
			 * (code 5) counts as deleted. Ids that could not be deleted are kept for the next attempt.
			 */
			async delete(this: IHookFunctions): Promise<boolean> {
				const staticData = this.getWorkflowStaticData('node');
				const owned = ownedWebhooks(staticData);
				let allDeleted = true;
				for (const [topic, id] of Object.entries(owned)) {
					try {
						await deleteWebhook(this, id);
						delete owned[topic];
					} catch {
						allDeleted = false;
					}
				}
				saveOwnedWebhooks(staticData, owned);
				return allDeleted;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const request = this.getRequestObject();
		const headers = this.getHeaderData() as Record<string, string | string[] | undefined>;

		// Every answer is written here, before n8n starts the run, rather than left to n8n's
		// `onReceived` response: n8n saves the static data changed in this call (the redelivery
		// seen-set) when the answer is handed back, and n8n 2.39 clears the "changed" mark while
		// starting the run, so a deferred answer would leave the seen-set unsaved.
		const answer = (status: number, body: object): IWebhookResponseData => {
			this.getResponseObject().status(status).json(body);
			return { noWebhookResponse: true };
		};
		const refuse = (rejection: Rejection): IWebhookResponseData => answer(rejection.status, rejection.body);

		// The signature covers the exact bytes Trustoo sent, which n8n keeps as `rawBody`.
		if (!Buffer.isBuffer(request.rawBody) && typeof request.readRawBody === 'function') {
			await request.readRawBody();
		}
		const rawBuffer: unknown = request.rawBody;
		// Fallback only for hosts that do not keep the raw body: re-serialising the parsed body
		// rarely reproduces the signed bytes, so such deliveries will usually fail the signature.
		const rawBody = Buffer.isBuffer(rawBuffer)
			? rawBuffer.toString('utf8')
			: JSON.stringify(this.getBodyData() ?? {});
		const byteLength = Buffer.isBuffer(rawBuffer) ? rawBuffer.length : Buffer.byteLength(rawBody, 'utf8');

		const tooLarge = checkSize(byteLength);
		if (tooLarge) return refuse(tooLarge);

		const credentialType = credentialTypeFor(this.getNodeParameter('authentication', 'apiKey'));
		const credentials = await this.getCredentials(credentialType);
		const unauthenticated = authenticateDelivery(headers, rawBody, {
			signingKey: deliverySigningKey(credentialType, credentials),
		});
		if (unauthenticated) return refuse(unauthenticated);

		const parsed = parseRecords(rawBody);
		if ('status' in parsed) return refuse(parsed);

		const outcome = processRecords(parsed.records, {
			headers,
			subscribedTopics: subscribedTopics(this),
			filters: readFilters(this.getNodeParameter('options', {}) as IDataObject),
			staticData: this.getWorkflowStaticData('node'),
		});

		// Redeliveries and filtered-out records are acknowledged so that Trustoo stops retrying,
		// but the workflow only starts when something is left.
		const acknowledged = answer(200, SUCCESS_RESPONSE);
		if (outcome.items.length === 0) return acknowledged;
		return { ...acknowledged, workflowData: [this.helpers.returnJsonArray(outcome.items)] };
	}
}
