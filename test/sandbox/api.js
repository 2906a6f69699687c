'use strict';
/**
 * Loads the package's API table from the compiled dist, so that one edit to nodes/shared/api.ts
 * moves the node and the sandbox together.
 */
const path = require('node:path');
const fs = require('node:fs');

const API_JS = path.resolve(__dirname, '../../dist/nodes/shared/api.js');

function loadApi() {
	if (!fs.existsSync(API_JS)) {
		throw new Error(
			`Trustoo sandbox: ${path.relative(process.cwd(), API_JS)} is missing. ` +
				'Build the package first: npx tsc -p tsconfig.json',
		);
	}
	return require(API_JS);
}

/** `Map<path, {key, method, auth, scope}>` for routing. */
function buildRoutes(api) {
	const routes = new Map();
	for (const [key, endpoint] of Object.entries(api.ENDPOINTS)) {
		routes.set(endpoint.path, { key, ...endpoint });
	}
	return routes;
}

module.exports = { loadApi, buildRoutes };
