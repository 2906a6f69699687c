'use strict';
/**
 * `npm start` (scripts/start.js) as a user runs it: it must print the editor URL and a login that
 * works, have the credentials and example workflows in n8n, stop everything on Ctrl-C (SIGINT),
 * and start again on the same n8n data without importing the examples twice.
 * (`npm start` = `npm run build && node scripts/start.js`; the build is done by `npm test`.)
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { SETUP_TIMEOUT_MS, waitFor } = require('./support');
const { ensureN8n } = require('../../scripts/n8n-runtime');
const { portIsFree } = require('../../scripts/n8n-instance');

jest.setTimeout(5 * 60 * 1000);

const START = path.resolve(__dirname, '..', '..', 'scripts', 'start.js');
const EXAMPLES_DIR = path.resolve(__dirname, '..', '..', 'examples');
const EXAMPLE_NAMES = fs
	.readdirSync(EXAMPLES_DIR)
	.filter((file) => file.endsWith('.json'))
	.map((file) => JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8')).name)
	.sort();

/** Runs start.js until it says it is running; resolves with its output and the printed facts. */
function runStart(userFolder) {
	const child = spawn(process.execPath, [START, `--user-folder=${userFolder}`, '--port=0', '--sandbox-port=0'], {
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const run = { child, output: '', exit: null };
	child.stdout.on('data', (chunk) => (run.output += chunk));
	child.stderr.on('data', (chunk) => (run.output += chunk));
	run.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve((run.exit = { code, signal }))));
	return run;
}

async function untilRunning(run) {
	await waitFor(() => run.exit || /Ctrl-C stops n8n and the sandbox\./.test(run.output), {
		timeoutMs: 4 * 60 * 1000,
		intervalMs: 500,
		what: 'npm start to be ready',
	});
	if (run.exit) throw new Error(`start.js exited early (${JSON.stringify(run.exit)}):\n${run.output}`);
	const editor = /Editor:\s+(http:\/\/127\.0\.0\.1:\d+)\//.exec(run.output)[1];
	const [, email, password] = /Login:\s+(\S+) \/ (\S+)/.exec(run.output);
	const sandbox = /Trustoo sandbox: (http:\/\/127\.0\.0\.1:\d+)/.exec(run.output)[1];
	return { editor, email, password, sandbox };
}

async function login(editor, email, password) {
	const headers = { 'content-type': 'application/json', 'browser-id': 'e2e-start' };
	const response = await fetch(`${editor}/rest/login`, { method: 'POST', headers, body: JSON.stringify({ emailOrLdapLoginId: email, password }) });
	expect(response.status).toBe(200);
	const cookie = response.headers.getSetCookie().map((line) => line.split(';')[0]).find((pair) => pair.startsWith('n8n-auth='));
	const get = async (route) => (await (await fetch(`${editor}/rest${route}`, { headers: { cookie, 'browser-id': 'e2e-start' } })).json()).data;
	return { get };
}

describe('npm start', () => {
	let userFolder;
	let run;

	beforeAll(async () => {
		await ensureN8n({ log: (line) => console.log(line) });
		userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'trustoo-e2e-start-'));
	}, SETUP_TIMEOUT_MS);

	afterAll(async () => {
		if (run && !run.exit) {
			run.child.kill('SIGINT');
			await run.exited;
		}
		if (!process.env.TRUSTOO_E2E_KEEP) fs.rmSync(userFolder, { recursive: true, force: true });
	}, 60 * 1000);

	test('prints the editor URL and a login; n8n has the sandbox credentials and the examples', async () => {
		run = runStart(userFolder);
		const printed = await untilRunning(run);
		expect(run.output).toContain(`Example workflows (${EXAMPLE_NAMES.length} imported now)`);
		const { get } = await login(printed.editor, printed.email, printed.password);

		const credentials = await get('/credentials');
		expect(credentials.map((credential) => [credential.name, credential.type]).sort()).toEqual([
			['TrustWILL API token (sandbox)', 'trustooApi'],
			['TrustWILL OAuth2 authorization code (sandbox)', 'trustooOAuth2Api'],
			['TrustWILL OAuth2 client credentials (sandbox)', 'trustooOAuth2Api'],
		]);
		const workflows = await get('/workflows');
		expect(workflows.map((wf) => wf.name).sort()).toEqual(EXAMPLE_NAMES);

		// The sandbox is up with its demo data.
		const summary = await (await fetch(`${printed.sandbox}/__sandbox/state/summary`)).json();
		expect(summary.shops[0].reviews).toBe(300);
		run.printed = printed;
	});

	test('Ctrl-C stops n8n and the sandbox', async () => {
		const { editor, sandbox } = run.printed;
		run.child.kill('SIGINT');
		const exit = await run.exited;
		expect(exit).toEqual({ code: 0, signal: null });
		expect(run.output).toMatch(/Stopped\.\s*$/);
		for (const url of [editor, sandbox]) expect(await portIsFree(Number(new URL(url).port))).toBe(true);
	});

	test('a second start reuses the n8n data: same login, examples not imported again', async () => {
		run = runStart(userFolder);
		const printed = await untilRunning(run);
		expect(run.output).toMatch(/Example workflows:/);
		expect(run.output).not.toMatch(/imported now/);
		const { get } = await login(printed.editor, printed.email, printed.password);
		expect((await get('/workflows')).map((wf) => wf.name).sort()).toEqual(EXAMPLE_NAMES);
		run.child.kill('SIGINT');
		expect(await run.exited).toEqual({ code: 0, signal: null });
	});
});
