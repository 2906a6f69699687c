/**
 * INodeTypes for one harness run. Loading follows n8n's DirectoryLoader (fresh instance, special
 * parameters such as `requestOptions` added to declarative nodes); lookup follows n8n's NodeTypes
 * (packages/cli/src/node-types.ts), which gives declarative nodes an execute() that runs RoutingNode.
 */
const { core, workflow: n8nWorkflow } = require('./n8n');
const { instantiateFromFile, packageJson } = require('./paths');

const { NodeHelpers } = n8nWorkflow;
const { DirectoryLoader, RoutingNode } = core;

/** n8n names the nodes of an installed community package `<package name>.<node name>`. */
const PACKAGE_PREFIX = packageJson.name;

function loadNodeType(nodeTypeFile) {
	return instantiateFromFile(nodeTypeFile);
}

/** What DirectoryLoader.applySpecialNodeParameters does to each loaded (version of a) node. */
function prepareLoadedNodeType(nodeType) {
	const versions = 'nodeVersions' in nodeType ? Object.values(nodeType.nodeVersions) : [nodeType];
	for (const version of versions) DirectoryLoader.applyDeclarativeNodeOptionParameters(version);
	return nodeType;
}

/** n8n's shouldAssignExecuteMethod (packages/cli/src/utils.ts). */
function shouldAssignExecuteMethod(nodeType) {
	const isDeclarativeNode = nodeType?.description?.requestDefaults !== undefined;
	return (
		!nodeType.execute &&
		!nodeType.poll &&
		!nodeType.trigger &&
		(!nodeType.webhook || isDeclarativeNode) &&
		(!nodeType.methods || isDeclarativeNode)
	);
}

class HarnessNodeTypes {
	/** @param onExecuteError called with the original error whenever a node's execute() throws. */
	constructor(onExecuteError = () => {}) {
		this.byName = new Map();
		this.onExecuteError = onExecuteError;
		this.prepared = new Set();
	}

	add(name, nodeType) {
		this.byName.set(name, nodeType);
		return this;
	}

	getByName(name) {
		const nodeType = this.byName.get(name);
		if (!nodeType) throw new Error(`Unrecognized node type: ${name}`);
		return nodeType;
	}

	getByNameAndVersion(name, version) {
		const versioned = NodeHelpers.getVersionedNodeType(this.getByName(name), version);
		if (!this.prepared.has(versioned)) {
			this.prepared.add(versioned);
			if (shouldAssignExecuteMethod(versioned)) {
				versioned.execute = async function () {
					const routingNode = new RoutingNode(this, versioned);
					const data = await routingNode.runNode();
					return data ?? [];
				};
			}
			this.captureErrors(versioned);
		}
		return versioned;
	}

	/** The engine keeps only a copy of a failed node's error; keep the thrown Error itself. */
	captureErrors(nodeType) {
		if (typeof nodeType.execute !== 'function') return;
		const execute = nodeType.execute;
		const report = this.onExecuteError;
		nodeType.execute = async function (...args) {
			try {
				return await execute.apply(this, args);
			} catch (error) {
				report(error);
				throw error;
			}
		};
	}

	getKnownTypes() {
		const known = {};
		for (const name of this.byName.keys()) known[name] = { className: name, sourcePath: '' };
		return known;
	}
}

module.exports = { HarnessNodeTypes, PACKAGE_PREFIX, loadNodeType, prepareLoadedNodeType, shouldAssignExecuteMethod };
