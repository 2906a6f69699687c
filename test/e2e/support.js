'use strict';
/**
 * Shared pieces of the end-to-end tests: a real n8n (scripts/n8n-runtime.js, pinned version,
 * installed into the cache on first use), the Trustoo sandbox in this process, credentials
 * pointing at it, and small builders for workflow JSON.
 *
 * Environment: TRUSTOO_N8N_VERSION / TRUSTOO_N8N_NODE pick another n8n or Node (see
 * scripts/n8n-runtime.js); TRUSTOO_E2E_KEEP=1 keeps the temporary n8n user folders.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { startSandbox } = require('../sandbox/server');
const { ensureN8n } = require('../../scripts/n8n-runtime');
const { N8nInstance, outputItems, nodeError, PACKAGE_NAME } = require('../../scripts/n8n-instance');
const { sandboxCredentials, credentialRef, CREDENTIAL_IDS, CREDENTIAL_NAMES } = require('../../scripts/sandbox-credentials');

/** beforeAll may install n8n on a fresh machine (5-10 minutes); the `npm test` script does it first. */
const SETUP_TIMEOUT_MS = 40 * 60 * 1000;
const TEARDOWN_TIMEOUT_MS = 60 * 1000;

function runtimeOptions() {
	return {
		n8nVersion: process.env.TRUSTOO_N8N_VERSION || undefined,
		nodeBinary: process.env.TRUSTOO_N8N_NODE || undefined,
	};
}

/**
 * Starts the sandbox and prepares an n8n instance in a temporary user folder, with the sandbox
 * credentials imported. `cleanup()` stops everything and removes the folder (unless the run
 * failed or TRUSTOO_E2E_KEEP=1).
 */
async function setupE2E(name, { sandboxOptions = {}, oauthTokenData = false } = {}) {
	const runtime = await ensureN8n({ ...runtimeOptions(), log: (line) => console.log(line) });
	const sandbox = await startSandbox({ port: 0, seed: 42, reviewCount: 300, ...sandboxOptions });
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), `trustoo-e2e-${name}-`));
	const n8n = await N8nInstance.create({ runtime, userFolder, log: () => {} });
	const tokenData = oauthTokenData ? sandbox.issueToken({ clientId: sandbox.demo.oauth.clientId }) : undefined;
	const credentials = sandboxCredentials(sandbox.url, sandbox.demo, { oauthTokenData: tokenData });
	await n8n.importCredentials(credentials);
	let failed = false;
	return {
		runtime,
		sandbox,
		n8n,
		credentials,
		userFolder,
		markFailed() {
			failed = true;
		},
		async cleanup() {
			await n8n.stop().catch(() => {});
			await sandbox.close().catch(() => {});
			if (failed || process.env.TRUSTOO_E2E_KEEP) {
				console.log(`n8n user folder kept: ${userFolder} (log: ${n8n.logFile})`);
			} else {
				fs.rmSync(userFolder, { recursive: true, force: true });
			}
		},
	};
}

// ---- workflow JSON ------------------------------------------------------------------------------

const uuid = () => crypto.randomUUID();

function node(name, type, parameters = {}, extra = {}) {
	const { typeVersion = 1, ...rest } = extra;
	return { id: uuid(), name, type, typeVersion, position: [0, 0], parameters, ...rest };
}

const manualTrigger = (name = 'Start') => node(name, 'n8n-nodes-base.manualTrigger');

/**
 * Node types of this package as n8n names them when it is installed as a community package
 * (how N8nInstance loads it, and how merchants get it).
 */
const NODE_TYPES = Object.freeze({
	action: `${PACKAGE_NAME}.trustoo`,
	trigger: `${PACKAGE_NAME}.trustooTrigger`,
	tool: `${PACKAGE_NAME}.trustooTool`,
});

/** A TrustWILL (Trustoo) action node; `auth` is 'apiKey', 'oAuth2' or 'oAuth2AuthorizationCode'. */
function trustoo(name, auth, parameters, extra = {}) {
	const authentication = auth === 'apiKey' ? 'apiKey' : 'oAuth2';
	return node(name, NODE_TYPES.action, { authentication, ...parameters }, { credentials: credentialRef(auth), ...extra });
}

/**
 * A workflow from nodes and edges `[from, to]` (or `[from, to, outputIndex]`); nodes are laid out
 * left to right in the order given.
 */
function workflow(id, name, nodes, edges) {
	nodes.forEach((entry, index) => {
		entry.position = [index * 240, (index % 2) * 40];
	});
	const connections = {};
	for (const [from, to, output = 0] of edges) {
		connections[from] ??= { main: [] };
		while (connections[from].main.length <= output) connections[from].main.push([]);
		connections[from].main[output].push({ node: to, type: 'main', index: 0 });
	}
	return { id, name, nodes, connections, settings: { executionOrder: 'v1' }, active: false, pinData: {} };
}

/** A → B → C ... edges for `workflow()`. */
const chain = (...names) => names.slice(1).map((name, index) => [names[index], name]);

// ---- example workflows -------------------------------------------------------------------------

const EXAMPLES_DIR = path.resolve(__dirname, '..', '..', 'examples');

function loadExample(file) {
	return JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8'));
}

/** Replaces a node by a No Operation node of the same name (keeps its connections). */
function replaceWithNoOp(wf, nodeName) {
	const index = wf.nodes.findIndex((entry) => entry.name === nodeName);
	if (index < 0) throw new Error(`${wf.name} has no node "${nodeName}"`);
	const { id, name, position } = wf.nodes[index];
	wf.nodes[index] = { id, name, position, type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {} };
	return wf;
}

// ---- the sandbox --------------------------------------------------------------------------------

/** Signs and sends one Open API request to the sandbox as the demo shop (HMAC, like the node). */
async function shopRequest(sandbox, method, endpointPath, { body, query } = {}) {
	const { signRequest } = require('../../dist/nodes/shared/signRequest');
	const signed = signRequest(
		{ publicToken: sandbox.demo.shop.publicToken, privateToken: sandbox.demo.shop.privateToken },
		{ method, url: `${sandbox.url}${endpointPath}`, qs: query, body },
	);
	const response = await fetch(signed.url, { method, headers: signed.headers, body: signed.body });
	const envelope = await response.json();
	if (envelope.code !== 0) throw new Error(`${method} ${endpointPath}: code ${envelope.code} ${envelope.message}`);
	return envelope.data;
}

/** Creates a review in the sandbox through its API (fires review/created deliveries). */
async function createReviewInSandbox(sandbox, fields) {
	const { ENDPOINTS } = require('../../dist/nodes/shared/api');
	const review = await shopRequest(sandbox, 'POST', ENDPOINTS.createReview.path, {
		body: { product_id: '9200305176832', author: 'E2E shopper', source: 'Store front', ...fields },
	});
	await sandbox.settleDeliveries?.();
	return review;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(predicate, { timeoutMs = 20000, intervalMs = 200, what = 'condition' } = {}) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await predicate();
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
		await sleep(intervalMs);
	}
}

/**
 * Wraps a test body so that a failure message ends with the last lines of n8n's log (CI keeps
 * nothing else). `getEnv` returns the `setupE2E()` result.
 */
function withN8nLog(getEnv, fn) {
	return async () => {
		try {
			await fn();
		} catch (error) {
			const n8n = getEnv()?.n8n;
			if (n8n && error && typeof error.message === 'string') {
				error.message += `\n--- last lines of ${n8n.logFile} ---\n${n8n.logTail(40)}`;
			}
			throw error;
		}
	};
}

/** Every run-data error of a batch result, as readable text (for failure messages). */
function describeRun(result) {
	if (!result) return 'workflow did not run';
	const runData = result.run?.data?.resultData?.runData ?? {};
	const errors = Object.entries(runData)
		.filter(([, tasks]) => tasks?.[0]?.error)
		.map(([name, tasks]) => `${name}: ${tasks[0].error.message} ${tasks[0].error.description ?? ''}`);
	return `${result.status}${result.error ? ` (${result.error})` : ''}${errors.length ? `; ${errors.join('; ')}` : ''}`;
}

module.exports = {
	SETUP_TIMEOUT_MS,
	TEARDOWN_TIMEOUT_MS,
	CREDENTIAL_IDS,
	CREDENTIAL_NAMES,
	NODE_TYPES,
	setupE2E,
	node,
	manualTrigger,
	trustoo,
	workflow,
	chain,
	loadExample,
	replaceWithNoOp,
	shopRequest,
	createReviewInSandbox,
	waitFor,
	sleep,
	outputItems,
	nodeError,
	describeRun,
	withN8nLog,
	EXAMPLES_DIR,
};
