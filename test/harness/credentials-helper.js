/**
 * In-memory stand-in for n8n's CredentialsHelper (packages/cli/src/credentials-helper.ts): same
 * default merging, `extends` handling, expression resolution and authenticate() dispatch, with a
 * plain object (`credentialStore`) where n8n has its encrypted database rows.
 */
const { workflow: n8nWorkflow, core } = require('./n8n');

const { ICredentialsHelper, NodeHelpers, Workflow, deepCopy, isExpression } = n8nWorkflow;
const { getAdditionalKeys } = core;

/** One stored credential per type: `{ id, name, type, data, updates }`. */
function createCredentialStore(credentials = {}) {
	const store = {};
	for (const [type, data] of Object.entries(credentials)) {
		store[type] = { id: `harness-${type}`, name: `${type} (harness)`, type, data: deepCopy(data), updates: [] };
	}
	return store;
}

/** The shape of n8n's ICredentials, without the encryption. */
class StoredCredentials {
	constructor(entry) {
		this.entry = entry;
		this.id = entry.id;
		this.name = entry.name;
		this.type = entry.type;
	}

	getData() {
		return deepCopy(this.entry.data);
	}

	getDataToSave() {
		return { id: this.id, name: this.name, type: this.type, data: JSON.stringify(this.entry.data) };
	}

	setData(data) {
		this.entry.data = deepCopy(data);
	}
}

// n8n resolves credential expressions outside of any run against a throwaway one-node workflow.
const mockNode = { id: 'mock', name: '', typeVersion: 1, type: 'mock', position: [0, 0], parameters: {} };
const mockNodeTypes = {
	getByName: () => mockNodeType,
	getByNameAndVersion: () => mockNodeType,
	getKnownTypes: () => ({}),
};
const mockNodeType = {
	description: { name: 'mock', displayName: 'Mock', version: 1, properties: [], inputs: [], outputs: [], defaults: {}, group: [], description: '' },
};

class HarnessCredentialsHelper extends ICredentialsHelper {
	constructor(credentialTypes, store) {
		super();
		this.credentialTypes = credentialTypes;
		this.store = store;
	}

	getParentTypes(typeName) {
		return this.credentialTypes.getParentTypes(typeName);
	}

	entryFor(nodeCredentials, type) {
		const entry = this.store[type];
		if (!entry || (nodeCredentials?.id && nodeCredentials.id !== entry.id)) {
			throw new Error(`Credential with ID "${nodeCredentials?.id}" does not exist for type "${type}".`);
		}
		return entry;
	}

	async getCredentials(nodeCredentials, type) {
		return new StoredCredentials(this.entryFor(nodeCredentials, type));
	}

	/** Properties of the type and all its parents; the child's own definitions win. */
	getCredentialsProperties(type) {
		const credentialType = this.credentialTypes.getByName(type);
		if (credentialType.extends === undefined) {
			// n8n adds the token store to the two OAuth base types by hand.
			if (['oAuth1Api', 'oAuth2Api'].includes(type)) {
				return [
					...credentialType.properties,
					{ displayName: 'oauthTokenData', name: 'oauthTokenData', type: 'json', required: false, default: {} },
				];
			}
			return credentialType.properties;
		}
		const combined = [];
		for (const parent of credentialType.extends) {
			NodeHelpers.mergeNodeProperties(combined, this.getCredentialsProperties(parent));
		}
		NodeHelpers.mergeNodeProperties(combined, credentialType.properties);
		return combined;
	}

	async getDecrypted(additionalData, nodeCredentials, type, mode, executeData, raw, expressionResolveValues) {
		const stored = deepCopy(this.entryFor(nodeCredentials, type).data);
		if (raw === true) return stored;
		return this.applyDefaultsAndOverwrites(additionalData, stored, type, mode, executeData, expressionResolveValues);
	}

	applyDefaultsAndOverwrites(additionalData, stored, type, mode, executeData, expressionResolveValues) {
		const properties = this.getCredentialsProperties(type);
		// Defaults of every displayed property; undisplayed and unknown fields are dropped, as in n8n.
		let data = NodeHelpers.getNodeParameters(properties, stored, true, false, null, null);
		if (stored.oauthTokenData !== undefined) {
			// Not a declared property on child types, so n8n puts it back by hand.
			data.oauthTokenData = stored.oauthTokenData;
		}

		const additionalKeys = getAdditionalKeys(additionalData, mode, null, { secretsEnabled: false });
		if (expressionResolveValues) {
			const { workflow, runExecutionData, runIndex, itemIndex, node, connectionInputData } = expressionResolveValues;
			try {
				// selfData = the credential itself: what `$self[...]` reads in credential defaults.
				data = workflow.expression.getParameterValue(
					data, runExecutionData, runIndex, itemIndex, node.name, connectionInputData,
					mode, additionalKeys, executeData, false, data,
				);
			} catch (error) {
				error.message += ' [Error resolving credentials]';
				throw error;
			}
		} else {
			const workflow = new Workflow({ nodes: [mockNode], connections: {}, active: false, nodeTypes: mockNodeTypes });
			data = workflow.expression.getComplexParameterValue(mockNode, data, mode, additionalKeys, undefined, undefined, data);
		}
		return data;
	}

	async authenticate(credentials, typeName, requestOptions, workflow, node) {
		const { authenticate } = this.credentialTypes.getByName(typeName);
		if (typeof authenticate === 'function') {
			return await authenticate(credentials, requestOptions);
		}
		if (authenticate && typeof authenticate === 'object' && authenticate.type === 'generic') {
			requestOptions.headers ??= {};
			for (const [outerKey, entries] of Object.entries(authenticate.properties)) {
				for (const [key, value] of Object.entries(entries)) {
					const resolvedKey = this.resolveValue(key, { $credentials: credentials }, workflow, node);
					const resolvedValue = this.resolveValue(value, { $credentials: credentials }, workflow, node);
					requestOptions[outerKey] ??= {};
					requestOptions[outerKey][resolvedKey] = resolvedValue;
				}
			}
		}
		return requestOptions;
	}

	resolveValue(value, additionalKeys, workflow, node) {
		if (!isExpression(value)) return value;
		const resolved = workflow.expression.getSimpleParameterValue(node, value, 'internal', additionalKeys, undefined, '');
		return resolved ? resolved.toString() : '';
	}

	// n8n only calls a type's preAuthentication when it has an expirable hidden property; the
	// Trustoo credential types have none, so n8n would return undefined for them too.
	async preAuthentication() {
		return undefined;
	}

	async updateCredentials(nodeCredentials, type, data) {
		const entry = this.entryFor(nodeCredentials, type);
		entry.data = deepCopy(data);
		entry.updates.push({ kind: 'data', data: deepCopy(data) });
	}

	async updateCredentialsOauthTokenData(nodeCredentials, type, data) {
		const entry = this.entryFor(nodeCredentials, type);
		// n8n's updateData merges only oauthTokenData into the stored (unresolved) data.
		entry.data = { ...entry.data, oauthTokenData: deepCopy(data.oauthTokenData) };
		entry.updates.push({ kind: 'oauthTokenData', data: deepCopy(data.oauthTokenData) });
	}
}

module.exports = { HarnessCredentialsHelper, createCredentialStore, StoredCredentials };
