'use strict';
/**
 * Reads the operations table straight from the compiled node description, so tests and the
 * README's table are derived from one source.
 */
const { Trustoo } = require('../../dist/nodes/Trustoo/Trustoo.node.js');

const OAUTH2_ONLY_RESOURCES = new Set(['platform']);

function listOperations() {
	const { properties } = new Trustoo().description;
	const resources = properties.find((property) => property.name === 'resource').options;
	const rows = [];
	for (const resource of resources) {
		const operationProperty = properties.find(
			(property) =>
				property.name === 'operation' &&
				property.displayOptions?.show?.resource?.includes(resource.value),
		);
		for (const operation of operationProperty.options) {
			rows.push({
				resource: resource.value,
				resourceName: resource.name,
				operation: operation.value,
				operationName: operation.name,
				description: operation.description,
				method: operation.routing.request.method,
				path: operation.routing.request.url,
				credentials: OAUTH2_ONLY_RESOURCES.has(resource.value) ? ['oAuth2'] : ['apiKey', 'oAuth2'],
			});
		}
	}
	return rows;
}

function markdownTable(rows = listOperations()) {
	const lines = [
		'| Resource | Operation | `resource` / `operation` | Trustoo endpoint | Credentials |',
		'|---|---|---|---|---|',
	];
	for (const row of rows) {
		const credentials = row.credentials.map((method) => (method === 'apiKey' ? 'API token' : 'OAuth2')).join(', ');
		lines.push(
			`| ${row.resourceName} | ${row.operationName} | \`${row.resource}\` / \`${row.operation}\` | \`${row.method} ${row.path}\` | ${credentials} |`,
		);
	}
	return lines.join('\n');
}

module.exports = { listOperations, markdownTable };

if (require.main === module) console.log(markdownTable());
