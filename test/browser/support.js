'use strict';
/**
 * Shared pieces of the browser tests: a real n8n (scripts/n8n-instance.js) with this package
 * loaded, the Trustoo sandbox in this process, and Debian's Chromium driven by playwright-core
 * (scripts/browser-deps.js installs it when missing). Screenshots go to
 * `test-artifacts/browser/n8n-<version>/` (gitignored; CI keeps them as artifacts).
 *
 * Environment: TRUSTOO_N8N_VERSION / TRUSTOO_N8N_NODE pick another n8n or Node (see
 * scripts/n8n-runtime.js), TRUSTOO_E2E_KEEP=1 keeps the n8n user folder, TRUSTOO_CHROMIUM
 * names another browser binary.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { chromium } = require('playwright-core');

const { ensureChromium, launchOptions } = require('../../scripts/browser-deps');
const { ensureN8n } = require('../../scripts/n8n-runtime');
const { N8nInstance } = require('../../scripts/n8n-instance');
const { startSandbox } = require('../sandbox/server');

/** beforeAll may install n8n (5-10 minutes) and Chromium (about 2) on a fresh machine. */
const SETUP_TIMEOUT_MS = 40 * 60 * 1000;
const TEARDOWN_TIMEOUT_MS = 60 * 1000;
/** One step of the editor (page loads, clicks, a node run). */
const UI_TIMEOUT_MS = 60 * 1000;

const ARTIFACTS_ROOT = path.resolve(__dirname, '..', '..', 'test-artifacts', 'browser');

const OWNER = Object.freeze({
	email: 'owner@trustoo-browser-test.local',
	firstName: 'Browser',
	lastName: 'Test',
	password: 'Browser-Test-Passw0rd',
});

function isLoopbackUrl(url) {
	try {
		const { protocol, hostname } = new URL(url);
		if (protocol === 'data:' || protocol === 'blob:' || protocol === 'about:') return true;
		const host = hostname.replace(/^\[|\]$/g, '');
		return host === 'localhost' || host === '::1' || /^127\./.test(host);
	} catch {
		return false;
	}
}

/**
 * Starts the sandbox, an n8n server with this package and an owner account, and a browser
 * logged in to the editor. `cleanup()` stops everything.
 */
async function setupBrowser(name) {
	const log = (line) => console.log(line);
	ensureChromium({ log });
	const runtime = await ensureN8n({
		n8nVersion: process.env.TRUSTOO_N8N_VERSION || undefined,
		nodeBinary: process.env.TRUSTOO_N8N_NODE || undefined,
		log,
	});
	const artifactsDir = path.join(ARTIFACTS_ROOT, `n8n-${runtime.n8nVersion}`);
	fs.rmSync(artifactsDir, { recursive: true, force: true });
	fs.mkdirSync(artifactsDir, { recursive: true });

	const sandbox = await startSandbox({ port: 0, seed: 42, reviewCount: 120 });
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), `trustoo-browser-${name}-`));
	const n8n = await N8nInstance.create({ runtime, userFolder, log: () => {} });
	const ctx = { runtime, sandbox, n8n, userFolder, artifactsDir, browser: null, context: null, page: null };
	let failed = false;
	const consoleLines = [];
	/** Requests of the browser that would have left this machine (aborted). */
	const blocked = [];

	ctx.markFailed = () => {
		failed = true;
	};
	ctx.cleanup = async () => {
		fs.writeFileSync(path.join(artifactsDir, 'browser-console.log'), `${consoleLines.join('\n')}\n`);
		await ctx.browser?.close().catch(() => {});
		await n8n.stop().catch(() => {});
		await sandbox.close().catch(() => {});
		if (failed || process.env.TRUSTOO_E2E_KEEP) {
			fs.copyFileSync(n8n.logFile, path.join(artifactsDir, 'n8n.log'));
			console.log(`n8n user folder kept: ${userFolder} (log: ${n8n.logFile})`);
		} else {
			fs.rmSync(userFolder, { recursive: true, force: true });
		}
	};

	try {
		await n8n.start();
		await n8n.ensureOwner(OWNER);

		ctx.browser = await chromium.launch(launchOptions());
		ctx.context = await ctx.browser.newContext({ viewport: { width: 1440, height: 900 }, baseURL: n8n.baseUrl });
		ctx.context.setDefaultTimeout(UI_TIMEOUT_MS);
		// The browser, like n8n (scripts/loopback-guard.js), only ever talks to this machine.
		await ctx.context.route(
			(url) => !isLoopbackUrl(url.href),
			(route) => {
				blocked.push(route.request().url());
				return route.abort('blockedbyclient');
			},
		);
		ctx.context.on('page', (page) => {
			page.on('console', (message) => consoleLines.push(`[${message.type()}] ${page.url()} ${message.text()}`));
			page.on('pageerror', (error) => consoleLines.push(`[pageerror] ${page.url()} ${error.message}`));
		});
		ctx.blocked = blocked;
		ctx.page = await ctx.context.newPage();
		await signIn(ctx.page, OWNER);
	} catch (error) {
		failed = true;
		await ctx.cleanup();
		throw error;
	}
	return ctx;
}

/** Signs in through the editor's sign-in form. */
async function signIn(page, { email, password }) {
	await page.goto('/signin');
	await page.locator('[data-test-id="emailOrLdapLoginId"] input').fill(email);
	await page.locator('[data-test-id="password"] input').fill(password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
}

/** A full-page screenshot in the artifacts folder; returns its path. */
async function screenshot(ctx, name, { page = ctx.page, locator } = {}) {
	const file = path.join(ctx.artifactsDir, `${name}.png`);
	if (locator) await locator.screenshot({ path: file });
	else await page.screenshot({ path: file });
	return file;
}

/**
 * Runs one step of a test; when it throws, a screenshot `FAILED-<name>.png` is saved and the
 * n8n user folder is kept, then the error is rethrown.
 */
async function step(ctx, name, fn) {
	try {
		return await fn();
	} catch (error) {
		ctx.markFailed();
		if (ctx.page && !ctx.page.isClosed()) await screenshot(ctx, `FAILED-${name}`).catch(() => {});
		throw error;
	}
}

/** Whether an <img> has loaded a picture (not a broken image). */
async function imageRendered(locator) {
	return await locator.evaluate((img) => img.complete && img.naturalWidth > 0 && img.naturalHeight > 0);
}

module.exports = {
	SETUP_TIMEOUT_MS,
	TEARDOWN_TIMEOUT_MS,
	UI_TIMEOUT_MS,
	ARTIFACTS_ROOT,
	OWNER,
	setupBrowser,
	signIn,
	screenshot,
	step,
	imageRendered,
	isLoopbackUrl,
};
