'use strict';
/**
 * Child process: the time to require every node and credential module that package.json's
 * `n8n` section lists (n8n loads them all at start-up) and to instantiate each class, as n8n
 * does to read the descriptions. n8n-workflow is loaded first: n8n has it in memory already.
 */
const path = require('node:path');
const { performance } = require('node:perf_hooks');

const ROOT = path.resolve(__dirname, '..');
const pkg = require(path.join(ROOT, 'package.json'));

const startWorkflow = performance.now();
require('n8n-workflow');
const workflowMs = performance.now() - startWorkflow;

// With --warm-icu, ICU's collator is initialised first (as by any earlier localeCompare in the
// process), to show how much of the load time is that first localeCompare.
if (process.argv.includes('--warm-icu')) 'a'.localeCompare('b');

const files = [...pkg.n8n.credentials, ...pkg.n8n.nodes];
const cpuStart = process.cpuUsage();
const start = performance.now();
for (const file of files) {
	const exported = require(path.join(ROOT, file));
	for (const value of Object.values(exported)) {
		if (typeof value === 'function') new value();
	}
}
const loadMs = performance.now() - start;
const cpu = process.cpuUsage(cpuStart);
const ownModules = Object.keys(require.cache).filter((file) => file.startsWith(path.join(ROOT, 'dist'))).length;
process.send({ loadMs, cpuMs: (cpu.user + cpu.system) / 1000, workflowMs, modules: files.length, ownModules });
process.disconnect();
