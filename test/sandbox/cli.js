#!/usr/bin/env node
'use strict';
/**
 * `npm run sandbox`: runs the sandbox on 127.0.0.1:$PORT (default 5680) until Ctrl-C and prints
 * the demo credentials, which are fixed test values.
 *   PORT=5680 SEED=42 REVIEW_COUNT=300 npm run sandbox
 */
const { startSandbox } = require('./server');

async function main() {
	const number = (name, fallback) =>
		process.env[name] === undefined ? fallback : Number(process.env[name]);
	const sandbox = await startSandbox({
		port: number('PORT', 5680),
		seed: number('SEED', 42),
		reviewCount: number('REVIEW_COUNT', 300),
	});
	const { shop, secondShop, oauth } = sandbox.demo;
	console.log(`Trustoo sandbox listening on ${sandbox.url}

  HMAC (Base URL ${sandbox.url})
    Public Token:  ${shop.publicToken}
    Private Token: ${shop.privateToken}
    Shop:          ${shop.myshopifyDomain} (id ${shop.shopId})
    Second shop:   ${secondShop.publicToken} / ${secondShop.privateToken}

  OAuth2
    Client ID:     ${oauth.clientId}
    Client Secret: ${oauth.clientSecret}
    Redirect URI:  ${oauth.redirectUri} (any loopback URL is accepted)

  Control: ${sandbox.url}/__sandbox/state/summary  (see test/sandbox/README.md)
  Ctrl-C to stop.`);

	let stopping = false;
	const stop = async (signal) => {
		if (stopping) return;
		stopping = true;
		console.log(`\n${signal}: closing the sandbox`);
		await sandbox.close();
		process.exit(0);
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error) => {
	console.error(error.message);
	process.exit(1);
});
