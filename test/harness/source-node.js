/**
 * The first node of every harness workflow: like n8n's Manual Trigger, it starts the run, and it
 * emits the test's input items (one empty item by default) to the node under test.
 */
const { workflow: n8nWorkflow } = require('./n8n');

const { deepCopy } = n8nWorkflow;

const SOURCE_NODE_TYPE = 'harness.source';

function createSourceNodeType(inputItems = [{ json: {} }]) {
	// Accept plain objects too: `[{id: 1}]` means `[{json: {id: 1}}]`.
	const items = inputItems.map((item) => (item && typeof item.json === 'object' ? item : { json: item }));
	return {
		description: {
			displayName: 'Harness Source',
			name: 'source',
			group: ['trigger'],
			version: 1,
			description: 'Emits the input items of a harness run',
			defaults: { name: 'Start' },
			inputs: [],
			outputs: ['main'],
			properties: [],
		},
		async execute() {
			return [deepCopy(items)];
		},
	};
}

module.exports = { SOURCE_NODE_TYPE, createSourceNodeType };
