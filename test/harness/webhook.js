/**
 * Runs a webhook trigger node the way n8n does, through n8n-core's real HookContext (for
 * webhookMethods.default.checkExists / create / delete) and WebhookContext (for webhook()):
 *
 * - the node sits alone in a real n8n Workflow, so its parameters get their defaults and
 *   `getNodeWebhookUrl('default')` is n8n's `<webhook base>/<webhookId>/<path>`;
 * - credentials come from the harness's CredentialsHelper (credential defaults, `$self`
 *   expressions, the credential's authenticate(), OAuth2 through n8n-core's real requestOAuth2);
 * - static data is saved between calls only when n8n would save it (`__dataChanged`), as a JSON
 *   copy, so every call starts from what n8n would have loaded from its database, and with
 *   n8n 2.39's order (a run set up before a deferred answer clears the mark);
 * - a delivery's body is read and parsed like n8n's body parser (rawBody Buffer kept; malformed
 *   `application/json` is refused with 422 before the node runs), and the node's return value is
 *   turned into the HTTP answer like n8n's webhook helpers do for responseMode `onReceived`.
 *
 * Nothing downstream runs: a started workflow is reported as the items the trigger emitted.
 */
require('./env');

const crypto = require('node:crypto');
const http = require('node:http');
const { EventEmitter } = require('node:events');

const { core, workflow: n8nWorkflow, logCollector } = require('./n8n');
const { createAdditionalData, BASE_URL } = require('./additional-data');
const { createCredentialTypes } = require('./credential-types');
const { HarnessCredentialsHelper, createCredentialStore } = require('./credentials-helper');
const { HarnessNodeTypes, PACKAGE_PREFIX, loadNodeType, prepareLoadedNodeType } = require('./node-types');

const { HookContext, WebhookContext, parseIncomingMessage } = core;
const { Workflow, deepCopy, jsonParse } = n8nWorkflow;

let harnessCounter = 0;

/** The version the n8n editor gives a new node: the default, else the highest. */
function latestVersion(nodeType) {
	if ('nodeVersions' in nodeType) return nodeType.description.defaultVersion ?? nodeType.currentVersion;
	const { version } = nodeType.description;
	return Array.isArray(version) ? Math.max(...version) : version;
}

function lowerCaseHeaders(headers = {}) {
	const result = {};
	for (const [name, value] of Object.entries(headers)) {
		if (value === undefined) continue;
		result[name.toLowerCase()] = Array.isArray(value) ? value.map(String) : String(value);
	}
	return result;
}

/**
 * n8n's parseBody (packages/cli/src/middlewares/body-parser.ts) for the content types a trigger
 * receives: JSON is parsed (failure → 422 before the node runs), text/plain kept as a string,
 * form bodies decoded, anything else left unparsed; then `req.body ??= {}` as in bodyParser.
 */
function parseBodyLikeN8n(req) {
	const { rawBody, contentType, encoding } = req;
	if (rawBody?.length) {
		try {
			if (contentType === 'application/json') {
				req.body = jsonParse(rawBody.toString(encoding));
			} else if (contentType === 'application/x-www-form-urlencoded') {
				req.body = Object.fromEntries(new URLSearchParams(rawBody.toString(encoding)));
			} else if (contentType === 'text/plain') {
				req.body = rawBody.toString(encoding);
			}
		} catch (error) {
			return { status: 422, body: { code: 422, message: 'Failed to parse request body', hint: error.message } };
		}
	}
	if (!req.body) req.body = {};
	return undefined;
}

/** The parts of express's Response that nodes use, over any object with writeHead-like state. */
function addExpressResponseMethods(res, write) {
	res.status = (code) => {
		res.statusCode = code;
		return res;
	};
	res.set = res.header = (name, value) => {
		res.setHeader(name, value);
		return res;
	};
	res.json = (data) => {
		if (!res.getHeader('content-type')) res.setHeader('Content-Type', 'application/json; charset=utf-8');
		write(JSON.stringify(data));
		return res;
	};
	res.send = (data) => {
		if (data !== null && typeof data === 'object' && !Buffer.isBuffer(data)) return res.json(data);
		if (!res.getHeader('content-type')) res.setHeader('Content-Type', 'text/html; charset=utf-8');
		write(data === undefined ? '' : data);
		return res;
	};
	return res;
}

/** An in-memory express-like Response for calls without a socket. */
class CapturedResponse {
	constructor() {
		this.statusCode = 200;
		this.headers = {};
		this.body = undefined;
		this.headersSent = false;
		this.writableEnded = false;
		addExpressResponseMethods(this, (chunk) => this.end(chunk));
	}

	setHeader(name, value) {
		this.headers[name.toLowerCase()] = value;
	}

	getHeader(name) {
		return this.headers[name.toLowerCase()];
	}

	end(chunk) {
		if (this.writableEnded) throw new Error('The response was already sent');
		this.body = chunk === undefined ? '' : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk);
		this.headersSent = true;
		this.writableEnded = true;
	}
}

function parseJsonText(text) {
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

class TriggerHarness {
	/**
	 * @param {object} options
	 * @param {string} options.nodeTypeFile compiled node file, absolute or relative to the repo root
	 * @param {object} [options.parameters] node parameters as n8n stores them
	 * @param {object} [options.credentials] `{ [credentialType]: data }`
	 * @param {object} [options.credentialStore] a store to share (e.g. with its OAuth2 tokens)
	 * @param {string} [options.webhookBaseUrl] n8n's production webhook base, default http://localhost:5678/webhook
	 * @param {boolean} [options.test] run as a test webhook (webhook-test URL, manual mode)
	 * @param {object} [options.staticData] the workflow's saved static data to start from
	 * @param {string} [options.nodeName]
	 * @param {string} [options.webhookId] default: a random UUID, as the n8n editor assigns
	 */
	constructor(options) {
		this.nodeType = prepareLoadedNodeType(loadNodeType(options.nodeTypeFile));
		if (typeof this.nodeType.webhook !== 'function' || !this.nodeType.webhookMethods?.default) {
			throw new TypeError(`${options.nodeTypeFile} is not a webhook trigger node`);
		}
		this.nodeTypeName = `${PACKAGE_PREFIX}.${this.nodeType.description.name}`;
		this.nodeTypes = new HarnessNodeTypes().add(this.nodeTypeName, this.nodeType);
		this.credentialStore = options.credentialStore ?? createCredentialStore(options.credentials ?? {});
		this.credentialsHelper = new HarnessCredentialsHelper(createCredentialTypes(), this.credentialStore);
		this.parameters = deepCopy(options.parameters ?? {});
		this.nodeName = options.nodeName ?? 'Trigger';
		this.webhookId = options.webhookId ?? crypto.randomUUID();
		this.workflowId = `harness-trigger-${++harnessCounter}`;
		this.isTest = options.test === true;
		this.webhookBaseUrl = options.webhookBaseUrl ?? `${BASE_URL}/webhook`;
		this.webhookTestBaseUrl = options.webhookTestBaseUrl ?? `${BASE_URL}/webhook-test`;
		this.savedStaticData = deepCopy(options.staticData ?? {});
		this.staticDataSaves = 0;
		this.executionCounter = 0;
	}

	/** The node as n8n stores it in the workflow. */
	nodeData() {
		return {
			id: 'trigger-under-test',
			name: this.nodeName,
			type: this.nodeTypeName,
			typeVersion: latestVersion(this.nodeType),
			position: [0, 0],
			webhookId: this.webhookId,
			parameters: deepCopy(this.parameters),
			credentials: Object.fromEntries(
				Object.values(this.credentialStore).map((entry) => [entry.type, { id: entry.id, name: entry.name }]),
			),
		};
	}

	/** A fresh Workflow loaded with the saved static data, as n8n builds one per activation/request. */
	prepare(mode) {
		const workflowData = {
			id: this.workflowId,
			name: 'Trigger harness',
			nodes: [this.nodeData()],
			connections: {},
			active: true,
			settings: { executionOrder: 'v1' },
		};
		const workflow = new Workflow({
			...workflowData,
			nodeTypes: this.nodeTypes,
			staticData: deepCopy(this.savedStaticData),
		});
		const node = workflow.getNode(this.nodeName);
		const additionalData = createAdditionalData({
			credentialsHelper: this.credentialsHelper,
			executionId: `${this.workflowId}-${++this.executionCounter}`,
			workflowData,
		});
		additionalData.webhookBaseUrl = this.webhookBaseUrl;
		additionalData.webhookTestBaseUrl = this.webhookTestBaseUrl;
		const description = this.nodeType.description.webhooks.find((webhook) => webhook.name === 'default');
		const webhookData = {
			httpMethod: description.httpMethod,
			node: node.name,
			path: description.path,
			webhookDescription: description,
			workflowId: workflow.id,
			workflowExecuteAdditionalData: additionalData,
			webhookId: node.webhookId,
			isTest: this.isTest,
		};
		return { workflow, node, additionalData, webhookData, mode };
	}

	/** What n8n's WorkflowStaticDataService.saveStaticData does: save only when flagged as changed. */
	persist(workflow) {
		if (workflow.staticData.__dataChanged === true) {
			this.savedStaticData = JSON.parse(JSON.stringify(workflow.staticData));
			this.staticDataSaves += 1;
		}
	}

	/** What n8n 2.39's WorkflowRunner.establishContextForPersistence does to the static data. */
	startRunContext(workflow) {
		new Workflow({
			id: workflow.id,
			name: workflow.name,
			nodes: Object.values(workflow.nodes),
			connections: workflow.connectionsBySourceNode,
			active: true,
			nodeTypes: this.nodeTypes,
			staticData: workflow.staticData,
			settings: workflow.settings,
		});
	}

	/** The node's static data as n8n has saved it. */
	get nodeStaticData() {
		return this.savedStaticData[`node:${this.nodeName}`] ?? {};
	}

	webhookUrl() {
		const { workflow, node, additionalData, webhookData } = this.prepare('trigger');
		return new HookContext(workflow, node, additionalData, 'trigger', 'activate', webhookData).getNodeWebhookUrl('default');
	}

	/** Runs one of webhookMethods.default (checkExists, create, delete) in a HookContext. */
	async runHook(method, activation = 'activate') {
		const mode = this.isTest ? 'manual' : 'trigger';
		const { workflow, node, additionalData, webhookData } = this.prepare(mode);
		const context = new HookContext(workflow, node, additionalData, mode, activation, webhookData);
		const mark = logCollector.mark();
		try {
			const result = await this.nodeType.webhookMethods.default[method].call(context);
			return { result, logs: logCollector.since(mark) };
		} catch (error) {
			return { error, logs: logCollector.since(mark) };
		} finally {
			this.persist(workflow);
		}
	}

	/**
	 * n8n's WebhookService.createWebhookIfNotExists: checkExists, then create when it answered
	 * false. When either throws, n8n removes the workflow's webhooks again (delete) and fails the
	 * activation; so does this.
	 */
	async activate(activation = 'activate') {
		const checked = await this.runHook('checkExists', activation);
		let created;
		if (!checked.error && checked.result !== true) created = await this.runHook('create', activation);
		const error = checked.error ?? created?.error;
		if (error) {
			const cleanup = await this.runHook('delete', activation);
			return { error, existed: false, created: false, cleanup };
		}
		return { existed: checked.result === true, created: created?.result === true };
	}

	/** n8n's deactivation: the delete method in a HookContext. */
	async deactivate() {
		return await this.runHook('delete', 'update');
	}

	/**
	 * Calls webhook() with a request built from `rawBody` (Buffer or string; default the JSON of
	 * `body`) and `headers`, and returns the HTTP answer n8n would send.
	 */
	async deliver({ body, rawBody, headers = {}, method = 'POST', query = {} } = {}) {
		const raw = Buffer.isBuffer(rawBody)
			? rawBody
			: Buffer.from(rawBody !== undefined ? rawBody : JSON.stringify(body ?? {}), 'utf8');
		const requestHeaders = lowerCaseHeaders({ 'content-type': 'application/json', ...headers });
		if (requestHeaders['content-type'] === '') delete requestHeaders['content-type'];
		requestHeaders['content-length'] = String(raw.length);
		const req = {
			method,
			url: '/',
			headers: requestHeaders,
			query,
			params: {},
			rawBody: raw,
			_body: true,
			readRawBody: async () => {},
			header(name) {
				return requestHeaders[name.toLowerCase()];
			},
			get(name) {
				return requestHeaders[name.toLowerCase()];
			},
		};
		parseIncomingMessage(req);
		const res = new CapturedResponse();
		const refused = parseBodyLikeN8n(req);
		if (refused) {
			return { statusCode: refused.status, body: refused.body, headers: {}, nodeCalled: false, workflowStarted: false, items: [] };
		}
		const outcome = await this.handle(req, res);
		return {
			...outcome,
			statusCode: res.statusCode,
			headers: res.headers,
			text: res.body,
			body: res.body === undefined ? undefined : parseJsonText(res.body),
		};
	}

	/**
	 * The part of n8n's executeWebhook that matters to a trigger: run webhook() in a
	 * WebhookContext, save static data, then answer like handleImmediateWebhookResponse and the
	 * `onReceived` response mode (webhookResponse, else n8n's default messages).
	 */
	async handle(req, res) {
		const mode = this.isTest ? 'manual' : 'webhook';
		const { workflow, node, additionalData, webhookData } = this.prepare(mode);
		additionalData.httpRequest = req;
		additionalData.httpResponse = res;
		const context = new WebhookContext(workflow, node, additionalData, mode, webhookData, [], null);
		const mark = logCollector.mark();
		const responseCode = Number(webhookData.webhookDescription.responseCode ?? 200);
		let result;
		let error;
		try {
			result = await this.nodeType.webhook.call(context);
		} catch (thrown) {
			error = thrown;
		}
		const logs = logCollector.since(mark);

		if (error) {
			this.persist(workflow);
			if (!res.headersSent) {
				res.status(500).json({ code: 0, message: 'Workflow Webhook Error: Workflow could not be started!' });
			}
			return { nodeCalled: true, error, workflowStarted: false, items: [], logs };
		}
		let responded = result.noWebhookResponse === true;
		// n8n saves the webhook call's static data when the answer is handed back. A node that
		// answered itself has done so already; otherwise, when a run starts, the `onReceived`
		// answer waits until the run is set up, and n8n 2.39's WorkflowRunner.run wraps the same
		// static data in a new Workflow first, which clears its "changed" mark.
		if (!responded && result.workflowData !== undefined) this.startRunContext(workflow);
		this.persist(workflow);
		if (result.workflowData === undefined) {
			if (!responded && !res.headersSent) {
				res.status(responseCode).json(result.webhookResponse !== undefined ? result.webhookResponse : { message: 'Webhook call received' });
				responded = true;
			}
			return { nodeCalled: true, result, workflowStarted: false, items: [], logs };
		}
		if (!responded && !res.headersSent) {
			res.status(responseCode).json(result.webhookResponse !== undefined ? result.webhookResponse : { message: 'Workflow was started' });
		}
		const items = (result.workflowData[0] ?? []).map((item) => item.json);
		return { nodeCalled: true, result, workflowStarted: true, items, workflowData: result.workflowData, logs };
	}

	/**
	 * A real HTTP receiver on 127.0.0.1 playing n8n's webhook server for this node: requests to the
	 * node's webhook path go through the same body parsing and handle(). Sets this harness's
	 * webhook base URL to it, so that webhookUrl() and create register a reachable URL.
	 */
	async startReceiver() {
		const events = new EventEmitter();
		const deliveries = [];
		const server = http.createServer((req, res) => {
			const chunks = [];
			req.on('data', (chunk) => chunks.push(chunk));
			req.on('end', async () => {
				try {
					req.rawBody = Buffer.concat(chunks);
					req._body = true;
					req.readRawBody = async () => {};
					req.header = (name) => req.headers[name.toLowerCase()];
					addExpressResponseMethods(res, (chunk) => res.end(chunk));
					const path = new URL(req.url, 'http://receiver').pathname;
					const expected = new URL(this.webhookUrl()).pathname;
					if (req.method !== 'POST' || path !== expected) {
						res.status(404).json({ code: 404, message: 'The requested webhook is not registered.' });
						return;
					}
					parseIncomingMessage(req);
					const refused = parseBodyLikeN8n(req);
					let outcome = { nodeCalled: false, workflowStarted: false, items: [] };
					let text = '';
					const end = res.end.bind(res);
					res.end = (chunk, ...rest) => {
						text = chunk === undefined ? '' : String(chunk);
						return end(chunk, ...rest);
					};
					if (refused) res.status(refused.status).json(refused.body);
					else outcome = await this.handle(req, res);
					const delivery = {
						headers: { ...req.headers },
						rawBody: req.rawBody.toString('utf8'),
						statusCode: res.statusCode,
						body: parseJsonText(text),
						...outcome,
					};
					deliveries.push(delivery);
					events.emit('delivery', delivery);
				} catch (error) {
					if (!res.headersSent) res.status(500).json({ code: 13, message: String(error) });
				}
			});
		});
		await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
		const { port } = server.address();
		const url = `http://127.0.0.1:${port}`;
		this.webhookBaseUrl = `${url}/webhook`;
		this.webhookTestBaseUrl = `${url}/webhook-test`;

		const waitForDeliveries = (count, timeoutMs = 5000) =>
			new Promise((resolve, reject) => {
				if (deliveries.length >= count) return resolve(deliveries.slice(0, count));
				const timer = setTimeout(() => {
					events.off('delivery', onDelivery);
					reject(new Error(`expected ${count} deliveries, got ${deliveries.length} within ${timeoutMs} ms`));
				}, timeoutMs);
				const onDelivery = () => {
					if (deliveries.length < count) return;
					clearTimeout(timer);
					events.off('delivery', onDelivery);
					resolve(deliveries.slice(0, count));
				};
				events.on('delivery', onDelivery);
			});

		return {
			url,
			deliveries,
			waitForDeliveries,
			close: () =>
				new Promise((resolve) => {
					server.close(() => resolve());
					server.closeAllConnections();
				}),
		};
	}
}

module.exports = { TriggerHarness, CapturedResponse, parseBodyLikeN8n };
