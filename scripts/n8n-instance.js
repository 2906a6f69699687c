'use strict';
/**
 * One n8n "instance": a user folder (SQLite database, settings), this package installed in it the
 * way n8n installs a community package, and helpers to drive it through the CLI (import,
 * execute-batch) and, while `n8n start` runs, through its REST API (owner set-up, login,
 * publish/unpublish, executions).
 * Used by `npm start` (scripts/start.js) and the end-to-end tests (test/e2e/).
 *
 *   const { N8nInstance } = require('./scripts/n8n-instance');
 *   const n8n = await N8nInstance.create({ userFolder, n8nVersion: '2.8.4', nodeBinary });
 *   await n8n.importCredentials([...]); await n8n.importWorkflows([...]);
 *   const results = await n8n.executeBatch(['wf1', 'wf2']);
 *   await n8n.start(); await n8n.ensureOwner(OWNER); await n8n.activateWorkflow('wf3');
 *   await n8n.stop();
 *
 * Only 127.0.0.1 is used: n8n listens there; telemetry, templates, version checks and installing
 * community packages from npm are off; and scripts/loopback-guard.js makes any other connection
 * fail. scripts/parent-watchdog.js ends the n8n processes when the process that started them dies.
 */
const { spawn, execFileSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const { ensureN8n, cleanNpmEnv } = require('./n8n-runtime');

const PACKAGE_DIR = path.resolve(__dirname, '..');
const GUARD = path.join(__dirname, 'loopback-guard.js');
const WATCHDOG = path.join(__dirname, 'parent-watchdog.js');
const HOST = '127.0.0.1';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A TCP port that is free on 127.0.0.1 right now. */
function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, HOST, () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/** Whether `port` can be listened on at 127.0.0.1. */
function portIsFree(port) {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.unref();
		server.once('error', () => resolve(false));
		server.listen(port, HOST, () => server.close(() => resolve(true)));
	});
}

/** `preferred` when it is free, else the next free one (up to 20 tries), else any free port. */
async function pickPort(preferred) {
	if (preferred) {
		for (let port = preferred; port < preferred + 20; port++) if (await portIsFree(port)) return port;
	}
	return await freePort();
}

/**
 * n8n modules to switch off in this n8n version because they contact n8n's servers when n8n
 * starts: `mcp-registry` (n8n 2.3x fetches https://api.n8n.io/api/mcp-servers). Only modules the
 * installed n8n knows are named; n8n 2.8 refuses to start when N8N_DISABLED_MODULES names one it
 * does not know.
 */
function modulesToDisable(runtime) {
	const config = path.join(runtime.nodeModules, '@n8n', 'backend-common', 'dist', 'modules', 'modules.config.js');
	let known = '';
	try {
		known = fs.readFileSync(config, 'utf8');
	} catch {
		return [];
	}
	return ['mcp-registry'].filter((name) => known.includes(`'${name}'`));
}

/** The package's name: n8n prefixes its node types with it (`n8n-nodes-trustoo.trustoo`). */
const PACKAGE_NAME = JSON.parse(fs.readFileSync(path.join(PACKAGE_DIR, 'package.json'), 'utf8')).name;

/**
 * Stages this package the way n8n installs a community package: the files `npm pack` would
 * publish, without dev and peer dependencies (n8n strips them too). Needs a built `dist/`.
 */
function stagePackage(targetDir, { packageDir = PACKAGE_DIR } = {}) {
	if (!fs.existsSync(path.join(packageDir, 'dist'))) {
		throw new Error(`${packageDir}/dist is missing: run \`npm run build\` first`);
	}
	fs.rmSync(targetDir, { recursive: true, force: true });
	fs.mkdirSync(targetDir, { recursive: true });
	const packDir = fs.mkdtempSync(path.join(path.dirname(targetDir), '.pack-'));
	try {
		const out = execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', packDir], {
			cwd: packageDir,
			encoding: 'utf8',
			env: cleanNpmEnv(),
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		const [{ filename }] = JSON.parse(out);
		execFileSync('tar', ['-xzf', path.join(packDir, path.basename(filename)), '-C', targetDir, '--strip-components=1']);
	} finally {
		fs.rmSync(packDir, { recursive: true, force: true });
	}
	const manifestFile = path.join(targetDir, 'package.json');
	const { devDependencies, peerDependencies, optionalDependencies, ...manifest } = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
	fs.writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
	const declared = [...(manifest.n8n?.nodes ?? []), ...(manifest.n8n?.credentials ?? [])];
	const missing = declared.filter((file) => !fs.existsSync(path.join(targetDir, file)));
	if (declared.length === 0 || missing.length) {
		throw new Error(`The packed package lacks files its package.json "n8n" section declares: ${missing.join(', ') || '(none declared)'}; is dist/ built?`);
	}
	return targetDir;
}

class N8nInstance {
	/**
	 * Options: `userFolder` (required; created), `n8nVersion`, `nodeBinary` (see n8n-runtime.js),
	 * `port` (default: a free one), `encryptionKey` (default: kept in the user folder),
	 * `packageDir` (default: this package), `loadAs` ('package', the default: installed like a
	 * community package, node types `n8n-nodes-trustoo.*`; or 'custom': N8N_CUSTOM_EXTENSIONS,
	 * node types `CUSTOM.*`), `env` (extra variables), `log(line)`, `runtime` (an `ensureN8n()`
	 * result, to skip the lookup), `stagePackage: false` (keep the package staged before).
	 */
	static async create(options = {}) {
		const log = options.log || ((line) => process.stderr.write(`${line}\n`));
		const runtime = options.runtime || (await ensureN8n({ n8nVersion: options.n8nVersion, nodeBinary: options.nodeBinary, log }));
		const instance = new N8nInstance({ ...options, runtime, log });
		await instance.prepare(options);
		return instance;
	}

	constructor({ runtime, userFolder, log, env = {}, packageDir = PACKAGE_DIR, loadAs = 'package' }) {
		if (!userFolder) throw new Error('N8nInstance needs a userFolder');
		if (!['package', 'custom'].includes(loadAs)) throw new Error(`loadAs must be 'package' or 'custom', not ${loadAs}`);
		this.runtime = runtime;
		this.userFolder = path.resolve(userFolder);
		this.log = log;
		this.extraEnv = env;
		this.packageDir = packageDir;
		this.loadAs = loadAs;
		// 'package': where n8n keeps installed community packages, so the node types are
		// `n8n-nodes-trustoo.*` as in a merchant's n8n. 'custom': an N8N_CUSTOM_EXTENSIONS folder
		// (node types `CUSTOM.*`).
		this.packageInstallDir =
			loadAs === 'package'
				? path.join(this.userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE_NAME)
				: path.join(this.userFolder, 'custom-extensions', PACKAGE_NAME);
		/** Prefix of this package's node types in this instance: `${nodeTypePrefix}.trustoo`. */
		this.nodeTypePrefix = loadAs === 'package' ? PACKAGE_NAME : 'CUSTOM';
		this.workDir = path.join(this.userFolder, 'work');
		this.logFile = path.join(this.userFolder, 'n8n.log');
		this.guardLog = path.join(this.userFolder, 'loopback-guard.log');
		this.process = null;
		this.cookie = null;
		this.browserId = crypto.randomUUID();
		this.counter = 0;
	}

	async prepare(options) {
		fs.mkdirSync(this.workDir, { recursive: true });
		this.port = options.port || (await freePort());
		this.brokerPort = options.brokerPort || (await freePort());
		this.portsPicked = !options.port && !options.brokerPort;
		const keyFile = path.join(this.userFolder, 'encryption.key');
		if (options.encryptionKey) this.encryptionKey = options.encryptionKey;
		else if (fs.existsSync(keyFile)) this.encryptionKey = fs.readFileSync(keyFile, 'utf8').trim();
		else this.encryptionKey = crypto.randomBytes(24).toString('base64url');
		fs.writeFileSync(keyFile, this.encryptionKey);
		if (options.stagePackage !== false) stagePackage(this.packageInstallDir, { packageDir: this.packageDir });
	}

	get baseUrl() {
		return `http://${HOST}:${this.port}`;
	}

	/** The environment of every n8n process of this instance. */
	env() {
		const base = cleanNpmEnv();
		for (const key of Object.keys(base)) if (/^(N8N_|DB_|WEBHOOK_URL$|EXECUTIONS_|QUEUE_|GENERIC_TIMEZONE$)/.test(key)) delete base[key];
		return {
			...base,
			NODE_ENV: 'production',
			// n8n-workflow for the staged package resolves to n8n's own copy, as in an n8n install.
			NODE_PATH: this.runtime.nodeModules,
			NODE_OPTIONS: `--require ${JSON.stringify(GUARD)} --require ${JSON.stringify(WATCHDOG)}`,
			TRUSTOO_LOOPBACK_GUARD_LOG: this.guardLog,
			TRUSTOO_PARENT_PID: String(process.pid),
			N8N_USER_FOLDER: this.userFolder,
			N8N_ENCRYPTION_KEY: this.encryptionKey,
			...(this.loadAs === 'custom' ? { N8N_CUSTOM_EXTENSIONS: this.packageInstallDir } : {}),
			DB_TYPE: 'sqlite',
			N8N_PORT: String(this.port),
			N8N_LISTEN_ADDRESS: HOST,
			N8N_HOST: HOST,
			N8N_PROTOCOL: 'http',
			N8N_EDITOR_BASE_URL: `${this.baseUrl}/`,
			WEBHOOK_URL: `${this.baseUrl}/`,
			N8N_SECURE_COOKIE: 'false',
			N8N_RUNNERS_BROKER_PORT: String(this.brokerPort),
			N8N_RUNNERS_BROKER_LISTEN_ADDRESS: HOST,
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_DYNAMIC_BANNERS_ENABLED: 'false',
			N8N_COMMUNITY_PACKAGES_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			N8N_BLOCK_ENV_ACCESS_IN_NODE: 'true',
			N8N_METRICS: 'false',
			EXTERNAL_FRONTEND_HOOKS_URLS: '',
			N8N_LOG_LEVEL: process.env.TRUSTOO_N8N_LOG_LEVEL || 'info',
			...(modulesToDisable(this.runtime).length ? { N8N_DISABLED_MODULES: modulesToDisable(this.runtime).join(',') } : {}),
			...this.extraEnv,
		};
	}

	/** Runs one n8n CLI command to its end: `{code, stdout, stderr, output}`. */
	cli(args, { timeoutMs = 5 * 60 * 1000 } = {}) {
		const [file, fullArgs] = this.runtime.command(args);
		return new Promise((resolve, reject) => {
			const child = spawn(file, fullArgs, { cwd: this.userFolder, env: this.env(), stdio: ['ignore', 'pipe', 'pipe'] });
			let stdout = '';
			let stderr = '';
			child.stdout.on('data', (chunk) => (stdout += chunk));
			child.stderr.on('data', (chunk) => (stderr += chunk));
			const timer = setTimeout(() => {
				child.kill('SIGKILL');
				reject(new Error(`n8n ${args.join(' ')} timed out after ${timeoutMs} ms\n${stdout}\n${stderr}`));
			}, timeoutMs);
			child.on('error', (error) => {
				clearTimeout(timer);
				reject(error);
			});
			child.on('close', (code) => {
				clearTimeout(timer);
				fs.appendFileSync(this.logFile, `\n$ n8n ${args.join(' ')} (exit ${code})\n${stdout}${stderr}`);
				resolve({ code, stdout, stderr, output: `${stdout}\n${stderr}` });
			});
		});
	}

	writeWork(name, data) {
		const file = path.join(this.workDir, `${Date.now()}-${++this.counter}-${name}`);
		fs.writeFileSync(file, typeof data === 'string' ? data : JSON.stringify(data, null, 2));
		return file;
	}

	/**
	 * Imports credentials given decrypted, as `[{id, name, type, data}]`: n8n encrypts `data` with
	 * this instance's key. An existing id is overwritten.
	 */
	async importCredentials(credentials) {
		const file = this.writeWork('credentials.json', credentials);
		const result = await this.cli(['import:credentials', `--input=${file}`]);
		if (result.code !== 0 || !/Successfully imported/.test(result.output)) {
			throw new Error(`n8n import:credentials failed (exit ${result.code}):\n${result.output}`);
		}
		return result;
	}

	/** Imports workflow objects (with `id`s); an existing id is overwritten and deactivated. */
	async importWorkflows(workflows) {
		const file = this.writeWork('workflows.json', workflows);
		const result = await this.cli(['import:workflow', `--input=${file}`]);
		if (result.code !== 0 || !/Successfully imported/.test(result.output)) {
			throw new Error(`n8n import:workflow failed (exit ${result.code}):\n${result.output}`);
		}
		return result;
	}

	/**
	 * Runs the workflows once each in one n8n process (`n8n execute-batch`, no retries) and
	 * returns `{summary, byId}`, where `byId[id]` is `{status, error, run}` and `run` is n8n's
	 * full run data of that execution (`run.data.resultData.runData[nodeName]`).
	 * Workflow ids must contain a digit (execute-batch filters ids by /\d+/).
	 */
	async executeBatch(ids, { concurrency = 1, timeoutMs = 10 * 60 * 1000 } = {}) {
		const snapshotDir = fs.mkdtempSync(path.join(this.workDir, 'snapshots-'));
		const outputFile = path.join(snapshotDir, 'summary.json');
		const result = await this.cli(
			['execute-batch', `--ids=${ids.join(',')}`, `--snapshot=${snapshotDir}`, `--output=${outputFile}`, '--retries=0', `--concurrency=${concurrency}`],
			{ timeoutMs },
		);
		if (!fs.existsSync(outputFile)) {
			throw new Error(`n8n execute-batch wrote no summary (exit ${result.code}):\n${result.output}`);
		}
		const summary = JSON.parse(fs.readFileSync(outputFile, 'utf8'));
		const byId = {};
		for (const execution of summary.executions) {
			const snapshot = path.join(snapshotDir, `${execution.workflowId}-snapshot.json`);
			byId[execution.workflowId] = {
				status: execution.executionStatus,
				error: execution.error,
				run: fs.existsSync(snapshot) ? JSON.parse(fs.readFileSync(snapshot, 'utf8')) : undefined,
			};
		}
		return { summary, byId, output: result.output };
	}

	// ---- the server ---------------------------------------------------------------------------

	/**
	 * Starts `n8n start` and resolves when it answers /healthz/readiness. Output goes to
	 * `n8n.log` in the user folder (and to `options.stdout` when given).
	 */
	async start({ timeoutMs = 3 * 60 * 1000, stdout } = {}) {
		if (this.process) throw new Error('n8n is already running');
		// Ports picked at creation may have been taken since (other tests, other instances).
		if (this.portsPicked) {
			if (!(await portIsFree(this.port))) this.port = await freePort();
			if (!(await portIsFree(this.brokerPort))) this.brokerPort = await freePort();
		}
		const [file, args] = this.runtime.command(['start']);
		const logStream = fs.createWriteStream(this.logFile, { flags: 'a' });
		logStream.write(`\n$ n8n start (port ${this.port})\n`);
		const child = spawn(file, args, { cwd: this.userFolder, env: this.env(), stdio: ['ignore', 'pipe', 'pipe'] });
		this.process = child;
		let exited = null;
		this.exitPromise = new Promise((resolve) => {
			child.on('exit', (code, signal) => {
				exited = { code, signal };
				if (this.process === child) this.process = null;
				resolve(exited);
			});
		});
		for (const stream of [child.stdout, child.stderr]) {
			stream.on('data', (chunk) => {
				logStream.write(chunk);
				if (stdout) stdout.write(chunk);
			});
		}
		child.on('close', () => logStream.end());
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (exited) throw new Error(`n8n start exited early (${JSON.stringify(exited)}); log: ${this.logFile}\n${this.logTail()}`);
			// /healthz/readiness answers as soon as the database is migrated, before the REST
			// routes exist; /rest/settings answers once the server is fully set up.
			try {
				const response = await fetch(`${this.baseUrl}/rest/settings`, { headers: { accept: 'application/json' } });
				if (response.ok && /json/.test(response.headers.get('content-type') || '')) return this;
			} catch {
				// not listening yet
			}
			await sleep(500);
		}
		await this.stop();
		throw new Error(`n8n did not become ready within ${timeoutMs} ms; log: ${this.logFile}\n${this.logTail()}`);
	}

	logTail(lines = 60) {
		try {
			return fs.readFileSync(this.logFile, 'utf8').split('\n').slice(-lines).join('\n');
		} catch {
			return '';
		}
	}

	/** Stops the server: SIGTERM, then SIGKILL after `graceMs`. */
	async stop({ graceMs = 20000 } = {}) {
		const child = this.process;
		if (!child) return;
		child.kill('SIGTERM');
		const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
		await this.exitPromise;
		clearTimeout(timer);
		this.cookie = null;
	}

	// ---- REST API (while started) ---------------------------------------------------------------

	async rest(method, route, body) {
		const headers = { 'browser-id': this.browserId, accept: 'application/json' };
		if (body !== undefined) headers['content-type'] = 'application/json';
		if (this.cookie) headers.cookie = this.cookie;
		const response = await fetch(`${this.baseUrl}/rest${route}`, {
			method,
			headers,
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const setCookie = response.headers.getSetCookie ? response.headers.getSetCookie() : [];
		const auth = setCookie.map((line) => line.split(';')[0]).find((pair) => pair.startsWith('n8n-auth='));
		if (auth) this.cookie = auth;
		const text = await response.text();
		let json;
		try {
			json = text ? JSON.parse(text) : undefined;
		} catch {
			json = undefined;
		}
		if (!response.ok) {
			const error = new Error(`${method} /rest${route} answered ${response.status}: ${text.slice(0, 500)}`);
			error.status = response.status;
			error.body = json;
			throw error;
		}
		return json && Object.prototype.hasOwnProperty.call(json, 'data') ? json.data : json;
	}

	/** Logs in as `owner`, setting the owner account up first when the instance has none. */
	async ensureOwner(owner) {
		const settings = await this.rest('GET', '/settings').catch(() => undefined);
		const needsSetup = settings?.userManagement?.showSetupOnFirstLoad;
		if (needsSetup !== false) {
			try {
				await this.rest('POST', '/owner/setup', {
					email: owner.email,
					firstName: owner.firstName,
					lastName: owner.lastName,
					password: owner.password,
				});
			} catch (error) {
				// Unknown settings shape (another n8n version): an owner may exist already.
				if (needsSetup === true) throw error;
			}
		}
		await this.login(owner);
	}

	async login({ email, password }) {
		return await this.rest('POST', '/login', { emailOrLdapLoginId: email, password });
	}

	async getWorkflow(id) {
		return await this.rest('GET', `/workflows/${id}`);
	}

	/** Publishes (activates) a workflow; n8n registers its trigger webhooks right away. */
	async activateWorkflow(id) {
		const workflow = await this.getWorkflow(id);
		try {
			return await this.rest('POST', `/workflows/${id}/activate`, { versionId: workflow.versionId });
		} catch (error) {
			if (error.status !== 404) throw error;
			// n8n 1.x: activation is a PATCH of `active`.
			return await this.rest('PATCH', `/workflows/${id}`, { active: true, versionId: workflow.versionId });
		}
	}

	async deactivateWorkflow(id) {
		try {
			return await this.rest('POST', `/workflows/${id}/deactivate`, {});
		} catch (error) {
			if (error.status !== 404) throw error;
			const workflow = await this.getWorkflow(id);
			return await this.rest('PATCH', `/workflows/${id}`, { active: false, versionId: workflow.versionId });
		}
	}

	/** Executions of a workflow, newest first (summaries without run data). */
	async listExecutions(workflowId) {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const result = await this.rest('GET', `/executions?filter=${filter}&limit=50`);
		return Array.isArray(result) ? result : result.results;
	}

	/** One execution with its run data decoded (n8n stores it in the `flatted` format). */
	async getExecution(id) {
		const execution = await this.rest('GET', `/executions/${id}`);
		if (typeof execution.data === 'string') {
			const flatted = require(path.join(this.runtime.nodeModules, 'flatted'));
			execution.data = flatted.parse(execution.data);
		}
		return execution;
	}

	/** Waits until `predicate(executions)` holds for the workflow's executions; returns them. */
	async waitForExecutions(workflowId, predicate, { timeoutMs = 30000 } = {}) {
		const deadline = Date.now() + timeoutMs;
		let executions = [];
		while (Date.now() < deadline) {
			executions = await this.listExecutions(workflowId);
			if (predicate(executions)) return executions;
			await sleep(300);
		}
		throw new Error(`Timed out waiting for executions of workflow ${workflowId}; have ${JSON.stringify(executions.map((e) => ({ id: e.id, status: e.status })))}`);
	}

	guardEntries() {
		try {
			return fs
				.readFileSync(this.guardLog, 'utf8')
				.split('\n')
				.filter(Boolean)
				.map((line) => JSON.parse(line));
		} catch {
			return [];
		}
	}

	/** Connections n8n tried to open to anything but loopback (refused by the guard). */
	refusedConnections() {
		return this.guardEntries().filter((entry) => entry.kind !== 'loaded');
	}

	/** How many n8n processes (CLI commands, server, task runners) ran with the guard loaded. */
	guardedProcessCount() {
		return this.guardEntries().filter((entry) => entry.kind === 'loaded').length;
	}
}

/** The items (json) a node produced in a run: `outputItems(run, 'Get Review')`. */
function outputItems(run, nodeName, { output = 0, runIndex = 0 } = {}) {
	const task = run?.data?.resultData?.runData?.[nodeName]?.[runIndex];
	if (!task) return undefined;
	const main = task.data?.main?.[output] ?? [];
	return main.map((item) => item.json);
}

/** The error a node ended with in a run, if any. */
function nodeError(run, nodeName) {
	return run?.data?.resultData?.runData?.[nodeName]?.[0]?.error;
}

module.exports = { N8nInstance, stagePackage, freePort, pickPort, portIsFree, outputItems, nodeError, PACKAGE_DIR, PACKAGE_NAME, HOST };
