'use strict';
/**
 * Child process: runs one variant against the sandbox when run.js asks, and reports each run's
 * wall time, the item count, a checksum of the ids in order, and at the end the process's peak
 * RSS. A child per variant keeps peak RSS clean. Started by run.js with --expose-gc.
 *
 * Variants:
 *   node          our node's review getAll (Return All) through n8n-core's WorkflowExecute;
 *                 `concurrency` sets Options → Parallel Page Requests (omitted: the node's default)
 *   baseline-seq  the hand-written axios client, one page after the other
 *   baseline-seq-fresh  the same with a new connection per request, as n8n's helpers make
 *   baseline-par  the hand-written client with `concurrency` pages in flight
 */
const crypto = require('node:crypto');
const path = require('node:path');
const { performance } = require('node:perf_hooks');

const ROOT = path.resolve(__dirname, '..');
const spec = JSON.parse(process.argv[2]);
const { variant, url, shop, concurrency } = spec;

function checksum(records) {
	const hash = crypto.createHash('sha1');
	for (const record of records) hash.update(`${record.id},`);
	return hash.digest('hex').slice(0, 12);
}

function collect() {
	if (typeof global.gc === 'function') {
		global.gc();
		global.gc();
	}
}

function makeRunner() {
	if (variant === 'node') {
		const { runNode } = require(path.join(ROOT, 'test/harness'));
		const nodeTypeFile = path.join(ROOT, 'dist/nodes/Trustoo/Trustoo.node.js');
		const credentials = {
			trustooApi: { publicToken: shop.publicToken, privateToken: shop.privateToken, baseUrl: url },
		};
		const options = concurrency === undefined ? {} : { parallelPageRequests: concurrency };
		return async ({ warmUp }) => {
			const parameters = warmUp
				? { resource: 'review', operation: 'getAll', returnAll: false, limit: 1000, options }
				: { resource: 'review', operation: 'getAll', returnAll: true, options };
			const result = await runNode({ nodeTypeFile, parameters, credentials });
			if (result.error) throw result.error;
			return result.items;
		};
	}
	const { createClient } = require('./baseline-client');
	const client = createClient({
		baseUrl: url,
		publicToken: shop.publicToken,
		privateToken: shop.privateToken,
		freshConnections: variant === 'baseline-seq-fresh',
	});
	const maxPages = (warmUp) => (warmUp ? 10 : Infinity);
	if (variant === 'baseline-seq' || variant === 'baseline-seq-fresh') {
		return async ({ warmUp }) => await client.allReviewsSequential({ maxPages: maxPages(warmUp) });
	}
	if (variant === 'baseline-par') {
		return async ({ warmUp }) => await client.allReviewsParallel({ concurrency, maxPages: maxPages(warmUp) });
	}
	throw new Error(`unknown variant ${variant}`);
}

/**
 * IPC protocol with run.js, so that the variants' runs can be interleaved (load on the machine then
 * hits every variant alike) while each variant keeps its own process:
 *   <- {ready, rssBefore}          modules loaded, one short warm-up run done
 *   -> {cmd: 'run'}                <- {wallMs, cpuMs (this process's CPU time), items, checksum}
 *   -> {cmd: 'finish'}             <- {peakRss}, then the process exits
 */
(async () => {
	const run = makeRunner();
	collect();
	const rssBefore = process.memoryUsage().rss;
	await run({ warmUp: true });
	collect();
	process.on('message', async (message) => {
		try {
			if (message.cmd === 'run') {
				const cpuStart = process.cpuUsage();
				const start = performance.now();
				let records = await run({ warmUp: false });
				const wallMs = performance.now() - start;
				const cpu = process.cpuUsage(cpuStart);
				const cpuMs = (cpu.user + cpu.system) / 1000;
				const reply = { wallMs, cpuMs, items: records.length, checksum: checksum(records) };
				records = undefined;
				collect();
				process.send(reply);
			} else if (message.cmd === 'finish') {
				process.send({ peakRss: process.resourceUsage().maxRSS * 1024 });
				process.disconnect();
			}
		} catch (error) {
			console.error(error);
			process.exitCode = 1;
			process.disconnect();
		}
	});
	process.send({ ready: true, rssBefore });
})().catch((error) => {
	console.error(error);
	process.exitCode = 1;
	process.disconnect?.();
});
