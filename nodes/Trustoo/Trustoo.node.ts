import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { NODE_CREDENTIALS } from '../shared/authentication';
import { customerFields, customerOperations } from './resources/customer';
import { customerEventFields, customerEventOperations } from './resources/customerEvent';
import { mediaFields, mediaOperations } from './resources/media';
import { nodeOptions } from './resources/options';
import { orderFields, orderOperations } from './resources/order';
import { platformFields, platformOperations } from './resources/platform';
import { ratingFields, ratingOperations } from './resources/rating';
import { reviewFields, reviewOperations } from './resources/review';
import { webhookFields, webhookOperations } from './resources/webhook';
import { executeTrustooRequest } from './transport/execute';

export class Trustoo implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'TrustWILL (Trustoo)',
		name: 'trustoo',
		icon: { light: 'file:trustoo.svg', dark: 'file:trustoo.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Read and manage TrustWILL (formerly Trustoo) product reviews for Shopify',
		defaults: { name: 'TrustWILL (Trustoo)' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: NODE_CREDENTIALS,
		requestDefaults: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			headers: { Accept: 'application/json' },
		},
		// Every operation routes with `paginate: true`, so all requests go through one transport.
		requestOperations: { pagination: executeTrustooRequest },
		properties: [
			{
				displayName: 'Authentication',
				name: 'authentication',
				type: 'options',
				options: [
					{ name: 'API Token (Public + Private Token)', value: 'apiKey' },
					{ name: 'OAuth2 (Platforms)', value: 'oAuth2' },
				],
				default: 'apiKey',
			},
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Customer', value: 'customer' },
					{ name: 'Customer Event', value: 'customerEvent' },
					{ name: 'Media', value: 'media' },
					{ name: 'Order', value: 'order' },
					{ name: 'Platform', value: 'platform' },
					{ name: 'Rating', value: 'rating' },
					{ name: 'Review', value: 'review' },
					{ name: 'Webhook', value: 'webhook' },
				],
				default: 'review',
			},
			customerOperations,
			customerEventOperations,
			mediaOperations,
			orderOperations,
			platformOperations,
			ratingOperations,
			reviewOperations,
			webhookOperations,
			...customerFields,
			...customerEventFields,
			...mediaFields,
			...orderFields,
			...platformFields,
			...ratingFields,
			...reviewFields,
			...webhookFields,
			// Settings of the transport, shown last as in n8n's own nodes.
			nodeOptions,
		],
	};
}
