#!/usr/bin/env node
'use strict';
/**
 * The browser of the browser tests (test/browser/): Debian's `chromium` package, driven by
 * playwright-core. Playwright's own browser download cannot work here (nothing but the npm
 * registry and Debian's apt can be reached), so the system Chromium is used instead.
 *
 *   node scripts/browser-deps.js          # installs chromium with apt-get when it is missing
 *   node scripts/browser-deps.js --check  # exit 0 when a browser is there, 1 when not
 *
 *   const { chromiumPath, ensureChromium, launchOptions } = require('./scripts/browser-deps');
 *
 * `$TRUSTOO_CHROMIUM` names another binary (e.g. a local Chrome). apt-get needs root (CI is
 * root); as another user it runs through `sudo -n` when that works, else it tells what to run.
 */
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/lib/chromium/chromium'];

function isExecutable(file) {
	try {
		fs.accessSync(file, fs.constants.X_OK);
		return fs.statSync(file).isFile();
	} catch {
		return false;
	}
}

/** The Chromium binary to drive, or undefined when none is installed. */
function chromiumPath(env = process.env) {
	if (env.TRUSTOO_CHROMIUM) return isExecutable(env.TRUSTOO_CHROMIUM) ? env.TRUSTOO_CHROMIUM : undefined;
	return CANDIDATES.find(isExecutable);
}

/** `Chromium 156.0.8078.114 built on Debian ...` of a binary, or undefined. */
function chromiumVersion(binary = chromiumPath()) {
	if (!binary) return undefined;
	try {
		return execFileSync(binary, ['--version'], { encoding: 'utf8', timeout: 30000, stdio: ['ignore', 'pipe', 'ignore'] }).trim();
	} catch {
		return undefined;
	}
}

function run(command, args, env) {
	const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
	if (result.error) throw result.error;
	if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status})`);
}

/** Installs Debian's chromium when no browser is there; returns the binary. */
function ensureChromium({ log = (line) => console.log(line) } = {}) {
	const existing = chromiumPath();
	if (existing) return existing;
	if (process.env.TRUSTOO_CHROMIUM) throw new Error(`$TRUSTOO_CHROMIUM=${process.env.TRUSTOO_CHROMIUM} is not an executable file`);
	if (process.platform !== 'linux' || !fs.existsSync('/usr/bin/apt-get')) {
		throw new Error('No Chromium found and apt-get is not available: install Chromium and set $TRUSTOO_CHROMIUM to its binary');
	}
	const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
	const sudo = isRoot ? [] : ['sudo', '-n'];
	if (!isRoot && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status !== 0) {
		throw new Error('Chromium is missing; install it as root: apt-get update && apt-get install -y chromium');
	}
	const started = Date.now();
	log('[browser-deps] installing Debian\'s chromium with apt-get (first run only, about 2 minutes)');
	const env = { DEBIAN_FRONTEND: 'noninteractive' };
	const exec = (args) => (sudo.length ? run(sudo[0], [...sudo.slice(1), ...args], env) : run(args[0], args.slice(1), env));
	exec(['apt-get', 'update', '-qq']);
	exec(['apt-get', 'install', '-y', '-qq', 'chromium']);
	const installed = chromiumPath();
	if (!installed) throw new Error('apt-get installed chromium but no binary was found at /usr/bin/chromium');
	log(`[browser-deps] ${chromiumVersion(installed) || 'chromium'} installed in ${Math.round((Date.now() - started) / 1000)}s`);
	return installed;
}

/**
 * playwright-core `chromium.launch()` options for the system Chromium: headless, no sandbox
 * (root in CI), and none of Chromium's background connections (this machine's network is
 * closed; without these flags those connections get refused and the browser stalls).
 * `launch()` gives every browser a fresh, temporary profile (--user-data-dir) of its own.
 */
function launchOptions({ executablePath = chromiumPath() } = {}) {
	return {
		executablePath,
		headless: true,
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-dev-shm-usage',
			'--disable-quic',
			'--no-first-run',
			'--no-default-browser-check',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--disable-default-apps',
			'--disable-domain-reliability',
			'--metrics-recording-only',
		],
	};
}

module.exports = { chromiumPath, chromiumVersion, ensureChromium, launchOptions };

if (require.main === module) {
	if (process.argv.includes('--check')) {
		const binary = chromiumPath();
		console.log(binary ? `${binary}: ${chromiumVersion(binary) || '?'}` : 'no chromium installed');
		process.exit(binary ? 0 : 1);
	}
	try {
		const binary = ensureChromium();
		console.log(`${binary}: ${chromiumVersion(binary) || '?'}`);
	} catch (error) {
		console.error(error.message);
		process.exit(1);
	}
}
