'use strict';
/**
 * Child process: the sandbox API on its own core, so that its CPU time and memory are not
 * counted against the client being measured. Controlled over IPC by run.js.
 *   -> {cmd: 'latency', ms}   every API request waits `ms` first (a `delay` fault), 0 = none
 *   <- {ready: true, url, demo} once listening; {ok: true, id} after each command
 */
const { startSandbox } = require('../test/sandbox/server');

const reviewCount = Number(process.argv[2] ?? 10000);

(async () => {
	const sandbox = await startSandbox({
		port: 0,
		seed: 42,
		reviewCount,
		secondShopReviewCount: 10,
		maxRecordedRequests: 0,
	});
	process.on('message', async (message) => {
		if (message.cmd === 'latency') {
			sandbox.clearFaults();
			if (message.ms > 0) sandbox.setFault({ kind: 'delay', ms: message.ms });
		} else if (message.cmd === 'close') {
			await sandbox.close();
			process.disconnect();
			return;
		}
		process.send({ ok: true, id: message.id });
	});
	process.send({ ready: true, url: sandbox.url, demo: { shop: sandbox.demo.shop } });
})().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
