#!/usr/bin/env node
'use strict';
/**
 * `npm start`: a local n8n with this package, wired to the Trustoo sandbox, ready to click through.
 *
 *   npm start                      # build, sandbox on 5680, n8n on 5678 (next free ports if busy)
 *   npm start -- --fresh           # forget the local n8n data (workflows, executions, owner) first
 *   npm start -- --port=5700 --sandbox-port=5701 --verbose
 *   npm start -- --n8n-version=2.8.4 --node=/path/to/node
 *   npm start -- --help
 *
 * Steps: the sandbox with its demo data starts in this process; the pinned n8n is installed into
 * the cache on the first run (scripts/n8n-runtime.js) and reused after; the package is staged as
 * n8n would install it; the sandbox credentials are (re)imported, the example workflows imported
 * (again only when an example file changed); n8n starts on its own SQLite database in
 * `.cache/n8n-start/` of this package; an owner account is set up. Ctrl-C stops n8n and the
 * sandbox.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const { ensureN8n, runtimeKey, nodeInfo, DEFAULT_N8N_VERSION } = require('./n8n-runtime');
const { N8nInstance, pickPort, PACKAGE_DIR } = require('./n8n-instance');
const { sandboxCredentials, CREDENTIAL_NAMES } = require('./sandbox-credentials');

const OWNER = Object.freeze({
	email: 'owner@example.com',
	password: 'TrustWILL-demo-2026',
	firstName: 'Demo',
	lastName: 'Merchant',
});
const EXAMPLES_DIR = path.join(PACKAGE_DIR, 'examples');

function parseArgs(argv) {
	const options = { fresh: false, verbose: false };
	for (const arg of argv) {
		const [key, value] = arg.replace(/^--/, '').split('=');
		if (key === 'fresh') options.fresh = true;
		else if (key === 'verbose') options.verbose = true;
		else if (key === 'port') options.port = Number(value);
		else if (key === 'sandbox-port') options.sandboxPort = Number(value);
		else if (key === 'n8n-version') options.n8nVersion = value;
		else if (key === 'node') options.nodeBinary = value;
		else if (key === 'user-folder') options.userFolder = path.resolve(value);
		else if (key === 'help' || key === 'h') options.help = true;
		else throw new Error(`unknown option ${arg} (try --help)`);
	}
	return options;
}

const log = (line) => console.log(line);

/** Removes what this script and n8n keep in a user folder (and nothing else). */
function resetUserFolder(userFolder) {
	for (const entry of ['.n8n', 'encryption.key', 'imported-examples.json', 'custom-extensions', 'work', 'n8n.log', 'loopback-guard.log']) {
		fs.rmSync(path.join(userFolder, entry), { recursive: true, force: true });
	}
}

/** Imports the example workflows that are new or changed since the last start. */
async function importExamples(n8n, userFolder) {
	const stateFile = path.join(userFolder, 'imported-examples.json');
	let imported = {};
	try {
		imported = JSON.parse(fs.readFileSync(stateFile, 'utf8'));
	} catch {
		imported = {};
	}
	const files = fs.readdirSync(EXAMPLES_DIR).filter((file) => file.endsWith('.json')).sort();
	const changed = [];
	const hashes = {};
	for (const file of files) {
		const text = fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8');
		hashes[file] = crypto.createHash('sha256').update(text).digest('hex');
		if (imported[file] !== hashes[file]) changed.push(JSON.parse(text));
	}
	if (changed.length) {
		await n8n.importWorkflows(changed);
		fs.writeFileSync(stateFile, `${JSON.stringify(hashes, null, 2)}\n`);
	}
	return { all: files.map((file) => JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8'))), changed };
}

const USAGE = `npm start [-- options]
  --fresh               forget the local n8n data (workflows, executions, owner) first
  --port=5678           n8n's port (the next free one when busy)
  --sandbox-port=5680   the sandbox's port (the next free one when busy)
  --verbose             show n8n's own output
  --n8n-version=X.Y.Z   another n8n version (default ${DEFAULT_N8N_VERSION})
  --node=/path/to/node  run n8n with another Node binary
  --user-folder=DIR     keep n8n's data there (default .cache/n8n-start/<n8n and Node version>)
  (a port of 0 means any free port)`;

let sandbox;
let n8n;
let stopping = false;

async function stop(code) {
	if (stopping) return;
	stopping = true;
	if (sandbox || n8n) log('\nStopping n8n and the sandbox...');
	if (n8n) await n8n.stop().catch(() => {});
	if (sandbox) await sandbox.close().catch(() => {});
	if (code === 0) log('Stopped.');
	process.exit(code);
}

async function main() {
	const options = parseArgs(process.argv.slice(2));
	if (options.help) {
		console.log(USAGE);
		return;
	}
	process.on('SIGINT', () => stop(0));
	process.on('SIGTERM', () => stop(0));

	// 1. The sandbox Trustoo API, with its demo shop, in this process.
	const { startSandbox } = require(path.join(PACKAGE_DIR, 'test', 'sandbox', 'server'));
	sandbox = await startSandbox({ port: await pickPort(options.sandboxPort ?? 5680), seed: 42, reviewCount: 300 });
	log(`Trustoo sandbox: ${sandbox.url}`);

	// 2. The pinned n8n (installed into the cache on the first run only).
	const runtime = await ensureN8n({ n8nVersion: options.n8nVersion, nodeBinary: options.nodeBinary, log });
	log(`n8n ${runtime.n8nVersion} on Node ${runtime.nodeVersion}: ${runtime.dir}`);

	// 3. The local n8n instance (kept between starts; --fresh starts over).
	const userFolder =
		options.userFolder ||
		path.join(PACKAGE_DIR, '.cache', 'n8n-start', runtimeKey(runtime.n8nVersion || DEFAULT_N8N_VERSION, nodeInfo(runtime.nodeBinary)));
	const keyLost = fs.existsSync(path.join(userFolder, '.n8n')) && !fs.existsSync(path.join(userFolder, 'encryption.key'));
	if (options.fresh || keyLost) resetUserFolder(userFolder);
	fs.mkdirSync(userFolder, { recursive: true });
	n8n = await N8nInstance.create({ runtime, userFolder, port: await pickPort(options.port ?? 5678), log });

	// 4. Credentials for the sandbox (re-imported every time: the sandbox URL and tokens change).
	const oauthTokenData = sandbox.issueToken({ clientId: sandbox.demo.oauth.clientId });
	await n8n.importCredentials(sandboxCredentials(sandbox.url, sandbox.demo, { oauthTokenData }));

	// 5. The example workflows.
	const examples = await importExamples(n8n, userFolder);

	// 6. n8n itself.
	log(`Starting n8n (log: ${n8n.logFile})...`);
	await n8n.start({ stdout: options.verbose ? process.stdout : undefined });
	n8n.process.on('exit', (code, signal) => {
		if (!stopping) {
			console.error(`n8n exited (${signal || code}); see ${n8n.logFile}`);
			stop(1);
		}
	});
	let loginNote = '';
	try {
		await n8n.ensureOwner(OWNER);
	} catch (error) {
		loginNote = ` (could not log in with it: ${error.status === 401 ? 'the password was changed in n8n' : error.message}; npm start -- --fresh resets)`;
	}

	const names = examples.all.map((example) => `    - ${example.name}`).join('\n');
	log(`
n8n with n8n-nodes-trustoo is running.

  Editor:   ${n8n.baseUrl}/
  Login:    ${OWNER.email} / ${OWNER.password}${loginNote}

  Credentials (pointing at the sandbox ${sandbox.url}):
    - ${CREDENTIAL_NAMES.apiKey}
    - ${CREDENTIAL_NAMES.oAuth2}
    - ${CREDENTIAL_NAMES.oAuth2AuthorizationCode} (connected; "Reconnect" runs the sandbox's OAuth2 consent)
  Example workflows${examples.changed.length ? ` (${examples.changed.length} imported now)` : ''}:
${names}
  Sandbox control: ${sandbox.url}/__sandbox/state/summary (see test/sandbox/README.md)
    e.g. a 1-star edit that fires review/updated to published TrustWILL triggers:
    curl -X POST ${sandbox.url}/__sandbox/reviews/${sandbox.state.shops[0].reviews.idOf(1)}/update -H 'content-type: application/json' -d '{"rating":1}'

Ctrl-C stops n8n and the sandbox.`);
}

main().catch((error) => {
	console.error(error.stack || error.message);
	stop(1);
});
