/**
 * runNode(): executes one node the way n8n does a manual run of a two-node workflow
 * (Start → node under test), through n8n-core's WorkflowExecute.
 */
const { core, workflow: n8nWorkflow, logCollector } = require('./n8n');
const { createAdditionalData } = require('./additional-data');
const { createCredentialTypes } = require('./credential-types');
const { HarnessCredentialsHelper, createCredentialStore } = require('./credentials-helper');
const { HarnessNodeTypes, PACKAGE_PREFIX, loadNodeType, prepareLoadedNodeType } = require('./node-types');
const { SOURCE_NODE_TYPE, createSourceNodeType } = require('./source-node');

const { WorkflowExecute } = core;
const { Workflow, deepCopy } = n8nWorkflow;

const SOURCE_NODE_NAME = 'Start';
let runCounter = 0;

function resolveNodeType({ nodeTypeFile, nodeType }) {
	if (nodeTypeFile) return prepareLoadedNodeType(loadNodeType(nodeTypeFile));
	if (typeof nodeType === 'function') return prepareLoadedNodeType(new nodeType());
	if (nodeType && typeof nodeType === 'object') return prepareLoadedNodeType(nodeType);
	throw new TypeError('runNode needs nodeTypeFile or nodeType');
}

/** The version the n8n editor gives a new node: the default, else the highest. */
function latestVersion(nodeType) {
	if ('nodeVersions' in nodeType) return nodeType.description.defaultVersion ?? nodeType.currentVersion;
	const { version } = nodeType.description;
	return Array.isArray(version) ? Math.max(...version) : version;
}

/**
 * @param {object} options
 * @param {string} [options.nodeTypeFile] compiled node file, absolute or relative to the repo root
 * @param {object|Function} [options.nodeType] node type instance or class (instead of a file)
 * @param {string} [options.nodeTypeName] defaults to `<package name>.<description.name>`
 * @param {object} [options.parameters] node parameters as n8n stores them (expressions allowed)
 * @param {object} [options.credentials] `{ [credentialType]: data }`
 * @param {object} [options.credentialStore] a store from an earlier run, to reuse (e.g. its tokens)
 * @param {object[]} [options.credentialTypes] extra credential type instances
 * @param {object[]} [options.inputItems] items the Start node emits; default one empty item
 * @param {boolean} [options.continueOnFail] sets `onError: 'continueRegularOutput'`
 * @param {string} [options.onError] n8n's onError setting, e.g. 'continueErrorOutput'
 * @param {string} [options.nodeName] default 'Node'
 * @param {number} [options.typeVersion] default: the latest version
 * @param {object} [options.nodeSettings] extra INode fields (retryOnFail, alwaysOutputData, ...)
 */
async function runNode(options) {
	const {
		parameters = {},
		credentials = {},
		credentialTypes: extraCredentialTypes = [],
		inputItems,
		continueOnFail = false,
		onError,
		nodeName = 'Node',
		nodeSettings = {},
	} = options;

	const nodeType = resolveNodeType(options);
	const nodeTypeName = options.nodeTypeName ?? `${PACKAGE_PREFIX}.${nodeType.description.name}`;
	const typeVersion = options.typeVersion ?? latestVersion(nodeType);

	const credentialStore = options.credentialStore ?? createCredentialStore(credentials);
	const credentialsHelper = new HarnessCredentialsHelper(createCredentialTypes(extraCredentialTypes), credentialStore);

	let thrownError;
	const nodeTypes = new HarnessNodeTypes((error) => {
		thrownError = error;
	});
	nodeTypes.add(SOURCE_NODE_TYPE, createSourceNodeType(inputItems));
	nodeTypes.add(nodeTypeName, nodeType);

	const node = {
		id: 'node-under-test',
		name: nodeName,
		type: nodeTypeName,
		typeVersion,
		position: [250, 0],
		parameters: deepCopy(parameters),
		credentials: Object.fromEntries(
			Object.values(credentialStore).map((entry) => [entry.type, { id: entry.id, name: entry.name }]),
		),
		...(continueOnFail ? { onError: 'continueRegularOutput' } : {}),
		...(onError ? { onError } : {}),
		...nodeSettings,
	};
	const source = { id: 'start', name: SOURCE_NODE_NAME, type: SOURCE_NODE_TYPE, typeVersion: 1, position: [0, 0], parameters: {} };
	const connections = { [SOURCE_NODE_NAME]: { main: [[{ node: nodeName, type: 'main', index: 0 }]] } };
	const workflowData = {
		id: 'harness-workflow',
		name: 'Harness',
		nodes: [source, node],
		connections,
		active: false,
		settings: { executionOrder: 'v1' },
	};
	const workflow = new Workflow({ ...workflowData, nodeTypes, staticData: {} });

	const executionId = `harness-${++runCounter}`;
	const additionalData = createAdditionalData({ credentialsHelper, executionId, workflowData });

	const mark = logCollector.mark();
	const restoreConsole = logCollector.captureConsole();
	let run;
	let runError;
	try {
		run = await new WorkflowExecute(additionalData, 'manual').run({
			workflow,
			startNode: workflow.getNode(SOURCE_NODE_NAME),
		});
		runError = run.data.resultData.error;
	} catch (error) {
		// e.g. WorkflowHasIssuesError (a required parameter is missing) is thrown before any node runs.
		runError = error;
	} finally {
		restoreConsole();
	}

	const taskData = run?.data.resultData.runData[nodeName]?.[0];
	const outputs = taskData?.data?.main ?? [];
	// Prefer the Error the node threw (with its class and prototype) over the engine's copy.
	const error = runError && thrownError?.message === runError.message ? thrownError : runError;

	return {
		items: (outputs[0] ?? []).map((item) => item.json),
		outputs,
		error,
		credentialStore,
		logs: logCollector.since(mark),
		hints: taskData?.hints ?? [],
		node: workflow.getNode(nodeName),
		run,
	};
}

module.exports = { runNode, SOURCE_NODE_NAME, latestVersion };
