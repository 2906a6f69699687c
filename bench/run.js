#!/usr/bin/env node
'use strict';
/**
 * `npm run bench`: returnAll throughput of the node against a hand-written client, parallel page
 * fetching, and load cost. One process tree, one run:
 *   parent (this file) ── sandbox.js   the sandbox API, one child per data set size
 *                      ── variant.js   one child per variant and setting (clean peak RSS); the
 *                                      variants' runs are interleaved, so machine load hits all alike
 *                      ── cold-load.js one child per cold-load sample
 * Build first (`npx tsc -p tsconfig.json`): the node runs from dist/, like n8n loads it.
 *
 * Flags (defaults in brackets):
 *   --sizes 10000,100000  --latencies 0,20  --runs 5  --cold-runs 5 (each twice: see coldLoad)
 *   --variants node,node-seq,baseline-seq,baseline-seq-fresh,baseline-par   (default: all, except
 *              node-seq at 100 000 / 20 ms and baseline-seq-fresh at 20 ms)
 *   --sweep 1,2,3,4,6,8,12,16   instead of the variants: the node at each Parallel Page Requests, and (b)
 *   --json FILE                 also write the raw results there
 */
const { execFileSync, fork } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const DIST_PAGINATION = path.join(ROOT, 'dist/nodes/Trustoo/transport/pagination.js');

function parseArgs(argv) {
	const args = {};
	for (let index = 0; index < argv.length; index++) {
		const match = /^--([a-z-]+)(?:=(.*))?$/.exec(argv[index]);
		if (!match) throw new Error(`unknown argument ${argv[index]}`);
		args[match[1]] = match[2] ?? (argv[index + 1] && !argv[index + 1].startsWith('--') ? argv[++index] : 'true');
	}
	return args;
}
/**
 * Left out unless --variants names them: (a1), the node walking one page at a time, at 100 000
 * reviews and 20 ms (it takes as long as (b), ~2.5 minutes, and shows nothing new), and (b′) at
 * 20 ms (it explains a per-request CPU cost that latency only hides).
 */
function skipByDefault(entry, size, latency) {
	if (args.variants || args.sweep) return false;
	if (entry.role === 'a1') return size >= 100000 && latency > 0;
	// (b′) explains the node's per-request cost; latency adds nothing to that.
	if (entry.role === 'b-fresh') return latency > 0;
	return false;
}
const list = (value, fallback) => (value ? String(value).split(',').filter(Boolean) : fallback);

const args = parseArgs(process.argv.slice(2));
const sizes = list(args.sizes, ['10000', '100000']).map(Number);
const latencies = list(args.latencies, ['0', '20']).map(Number);
const runs = Number(args.runs ?? 5);
const coldRuns = Number(args['cold-runs'] ?? 5);

if (!fs.existsSync(DIST_PAGINATION)) {
	console.error('dist/ is missing: run `npx tsc -p tsconfig.json` first');
	process.exit(1);
}
const nodeDefault = require(DIST_PAGINATION).DEFAULT_PARALLEL_PAGE_REQUESTS;

/** `{label, variant, concurrency}` for each variant measured. */
function variantList() {
	if (args.sweep) {
		const sweep = list(args.sweep === 'true' ? '' : args.sweep, ['1', '2', '3', '4', '6', '8', '12', '16']).map((n) => ({
			label: `node, ${n} parallel`,
			variant: 'node',
			concurrency: Number(n),
			role: Number(n) === 1 ? 'a1' : 'sweep',
		}));
		return [...sweep, { label: '(b) baseline, sequential', variant: 'baseline-seq', role: 'b' }];
	}
	const known = {
		node: { label: `(a) node, default (${nodeDefault} parallel)`, variant: 'node', role: 'a' },
		'node-seq': { label: '(a1) node, 1 parallel = sequential', variant: 'node', concurrency: 1, role: 'a1' },
		'baseline-seq': { label: '(b) baseline, sequential', variant: 'baseline-seq', role: 'b' },
		'baseline-seq-fresh': {
			label: '(b′) baseline, sequential, new connection per request (as n8n)',
			variant: 'baseline-seq-fresh',
			role: 'b-fresh',
		},
		'baseline-par': {
			label: `(c) baseline, ${nodeDefault} parallel`,
			variant: 'baseline-par',
			concurrency: nodeDefault,
			role: 'c',
		},
	};
	return list(args.variants, Object.keys(known)).map((name) => {
		if (!known[name]) throw new Error(`unknown variant ${name}`);
		return known[name];
	});
}

function child(script, argv, { execArgv = [] } = {}) {
	const proc = fork(path.join(__dirname, script), argv, { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
	const messages = [];
	let waiter = null;
	proc.on('message', (message) => {
		if (waiter) {
			const resolve = waiter;
			waiter = null;
			resolve(message);
		} else messages.push(message);
	});
	const exited = new Promise((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
	const next = () =>
		messages.length
			? Promise.resolve(messages.shift())
			: Promise.race([
					new Promise((resolve) => (waiter = resolve)),
					exited.then(({ code, signal }) => {
						throw new Error(`${script} exited (${signal ?? code}) without an answer`);
					}),
				]);
	return { proc, next, exited };
}

async function startSandbox(reviewCount) {
	const sandbox = child('sandbox.js', [String(reviewCount)]);
	const ready = await sandbox.next();
	let id = 0;
	return {
		...ready,
		async latency(ms) {
			sandbox.proc.send({ cmd: 'latency', ms, id: ++id });
			await sandbox.next();
		},
		async close() {
			sandbox.proc.send({ cmd: 'close' });
			await sandbox.exited;
		},
	};
}

/** Starts one child per variant, then runs them round-robin: run 1 of each, run 2 of each, ... */
async function measureInterleaved(sandbox, entries) {
	const children = [];
	for (const entry of entries) {
		const spec = { variant: entry.variant, concurrency: entry.concurrency, url: sandbox.url, shop: sandbox.demo.shop };
		const proc = child('variant.js', [JSON.stringify(spec)], { execArgv: ['--expose-gc'] });
		const ready = await proc.next();
		children.push({ entry, proc, rssBefore: ready.rssBefore, wallMs: [], cpuMs: [], checksums: new Set(), items: 0 });
	}
	for (let index = 0; index < runs; index++) {
		for (const current of children) {
			current.proc.proc.send({ cmd: 'run' });
			const result = await current.proc.next();
			current.wallMs.push(result.wallMs);
			current.cpuMs.push(result.cpuMs);
			current.items = result.items;
			current.checksums.add(result.checksum);
		}
	}
	const results = [];
	for (const current of children) {
		current.proc.proc.send({ cmd: 'finish' });
		const { peakRss } = await current.proc.next();
		const { code } = await current.proc.exited;
		if (code !== 0) throw new Error(`${current.entry.label} failed (exit ${code})`);
		if (current.checksums.size !== 1) throw new Error(`${current.entry.label} returned other reviews from run to run`);
		results.push({
			entry: current.entry,
			wallMs: current.wallMs,
			cpuMs: current.cpuMs,
			items: current.items,
			checksum: [...current.checksums][0],
			rssBefore: current.rssBefore,
			peakRss,
		});
	}
	return results;
}

const median = (values) => {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = sorted.length >> 1;
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const mb = (bytes) => (bytes / 1048576).toFixed(0);
const log = (line) => process.stderr.write(`${line}\n`);

/** Cross-checks the baseline's own signing against the package's, on the same input. */
function crossCheckSigning() {
	const { sign } = require('./baseline-client');
	const packaged = require(path.join(ROOT, 'dist/nodes/shared/signature.js'));
	const pairs = [
		['page_size', '100'],
		['page', '7'],
		['ratings[0]', '5'],
		['keyword', 'héllo wörld&=x'],
	];
	const ours = sign('pvt_key+/=', pairs, '1750000000');
	const theirs = packaged.hmacSha256Hex('pvt_key+/=', packaged.requestStringToSign(pairs, '1750000000'));
	if (ours !== theirs) throw new Error('the baseline signs differently from the package');
}

async function coldLoad() {
	const sample = async (argv) => {
		const run = child('cold-load.js', argv);
		const result = await run.next();
		await run.exited;
		return result;
	};
	const samples = [];
	const warmIcu = [];
	// Alternated, so that machine load hits both series alike.
	for (let index = 0; index < coldRuns; index++) {
		samples.push(await sample([]));
		warmIcu.push(await sample(['--warm-icu']));
	}
	return {
		loadMs: median(samples.map((entry) => entry.loadMs)),
		cpuMs: median(samples.map((entry) => entry.cpuMs)),
		warmIcuMs: median(warmIcu.map((entry) => entry.loadMs)),
		ownModules: samples[0].ownModules,
		workflowMs: median(samples.map((entry) => entry.workflowMs)),
		modules: samples[0].modules,
		samples: samples.map((entry) => Number(entry.loadMs.toFixed(1))),
	};
}

function tarball() {
	const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
	const out = execFileSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], {
		cwd: ROOT,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'ignore'],
	});
	const [info] = JSON.parse(out);
	return { size: info.size, unpackedSize: info.unpackedSize, entryCount: info.entryCount };
}

function machine() {
	const cpus = os.cpus();
	return {
		nproc: os.availableParallelism?.() ?? cpus.length,
		cpu: cpus[0]?.model ?? 'unknown',
		memory: `${(os.totalmem() / 1073741824).toFixed(1)} GiB`,
		node: process.version,
		os: `${os.type()} ${os.release()}`,
		loadAverage: os.loadavg().map((value) => Number(value.toFixed(2))),
	};
}

async function main() {
	const started = Date.now();
	const loadBefore = os.loadavg()[0];
	crossCheckSigning();
	const entries = variantList();
	const rows = [];
	for (const size of sizes) {
		const sandbox = await startSandbox(size);
		try {
			for (const latency of latencies) {
				await sandbox.latency(latency);
				const chosen = entries.filter((entry) => !skipByDefault(entry, size, latency));
				for (const result of await measureInterleaved(sandbox, chosen)) {
					const { entry } = result;
					const row = {
						size,
						latency,
						...entry,
						...result,
						entry: undefined,
						medianMs: median(result.wallMs),
						medianCpuMs: median(result.cpuMs),
					};
					if (row.items !== size) throw new Error(`${entry.label} returned ${row.items} of ${size} reviews`);
					rows.push(row);
					log(
						`${size} reviews, ${latency} ms: ${entry.label}: median ${row.medianMs.toFixed(0)} ms ` +
							`[${result.wallMs.map((ms) => ms.toFixed(0)).join(', ')}], CPU ${median(result.cpuMs).toFixed(0)} ms, peak RSS ${mb(result.peakRss)} MB`,
					);
				}
				const sums = new Set(rows.filter((row) => row.size === size && row.latency === latency).map((row) => row.checksum));
				if (sums.size !== 1) throw new Error(`variants returned different reviews or orders at ${size}/${latency} ms`);
			}
		} finally {
			await sandbox.close();
		}
	}
	const cold = await coldLoad();
	log(`cold load: median ${cold.loadMs.toFixed(1)} ms over [${cold.samples.join(', ')}]`);
	const pack = tarball();
	const report = { date: new Date().toISOString(), machine: machine(), loadBefore, command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`, runs, nodeDefault, rows, cold, pack, seconds: (Date.now() - started) / 1000 };
	if (args.json) fs.writeFileSync(args.json, `${JSON.stringify(report, null, 2)}\n`);
	console.log(render(report));
}

function render(report) {
	const lines = [];
	const { machine: m } = report;
	lines.push(`Machine: ${m.nproc} CPUs (nproc), ${m.cpu}, ${m.memory} RAM, Node ${m.node}, ${m.os}`);
	lines.push(`Load average (1 min): ${report.loadBefore.toFixed(2)} at the start, ${m.loadAverage[0]} at the end`);
	lines.push(`Date: ${report.date}    Command: ${report.command}    Runs per variant: ${report.runs}, interleaved across variants (median; each process does one short warm-up run first)`);
	lines.push('');
	lines.push('| Reviews | Latency | Variant | Median wall | ÷ (b) | Items/s | Client CPU | CPU ÷ (b) | Peak RSS | Memory/item |');
	lines.push('|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|');
	for (const row of report.rows) {
		const b = report.rows.find((other) => other.size === row.size && other.latency === row.latency && other.role === 'b');
		const ratio = b ? (row.medianMs / b.medianMs).toFixed(2) : '–';
		const cpuRatio = b ? (row.medianCpuMs / b.medianCpuMs).toFixed(2) : '–';
		const perItem = Math.max(0, row.peakRss - row.rssBefore) / row.items;
		lines.push(
			`| ${row.size.toLocaleString('en-US')} | ${row.latency} ms | ${row.label} | ${row.medianMs.toFixed(0)} ms | ${ratio} | ` +
				`${Math.round(row.items / (row.medianMs / 1000)).toLocaleString('en-US')} | ${row.medianCpuMs.toFixed(0)} ms | ${cpuRatio} | ` +
				`${mb(row.peakRss)} MB | ${perItem.toFixed(0)} B |`,
		);
	}
	lines.push('');
	lines.push(
		`Cold load (require + instantiate the ${report.cold.modules} node/credential entry points = ${report.cold.ownModules} files of dist/, n8n-workflow preloaded): ` +
			`median ${report.cold.loadMs.toFixed(1)} ms wall, ${report.cold.cpuMs.toFixed(1)} ms CPU, of ${report.cold.samples.length} fresh processes ` +
			`[${report.cold.samples.join(', ')}]; ${report.cold.warmIcuMs.toFixed(1)} ms when ICU's collator is already initialised ` +
			`(the first localeCompare in a process initialises it); loading n8n-workflow itself took ${report.cold.workflowMs.toFixed(0)} ms`,
	);
	lines.push(
		`Tarball (npm pack --dry-run): ${(report.pack.size / 1000).toFixed(1)} kB packed, ` +
			`${(report.pack.unpackedSize / 1000).toFixed(1)} kB unpacked, ${report.pack.entryCount} files`,
	);
	lines.push('');
	lines.push('Targets:');
	const find = (size, latency, role) => report.rows.find((row) => row.size === size && row.latency === latency && row.role === role);
	for (const size of [...new Set(report.rows.map((row) => row.size))]) {
		for (const [latency, role, limit, name] of [
			[0, 'a', 1.15, '(a)/(b) at 0 ms'],
			[20, 'a', 0.4, '(a)/(b) at 20 ms'],
		]) {
			const a = find(size, latency, role);
			const b = find(size, latency, 'b');
			if (!a || !b) continue;
			const ratio = a.medianMs / b.medianMs;
			lines.push(`- ${name}, ${size.toLocaleString('en-US')} reviews: ${ratio.toFixed(2)} (target ≤ ${limit}) ${ratio <= limit ? 'met' : 'MISSED'}`);
		}
		const a1 = find(size, 0, 'a1');
		const b = find(size, 0, 'b');
		const fresh = find(size, 0, 'b-fresh');
		if (a1 && b) {
			lines.push(
				`  (for reference, ${size.toLocaleString('en-US')} reviews at 0 ms: (a1)/(b) = ${(a1.medianMs / b.medianMs).toFixed(2)}` +
					(fresh ? `, (a1)/(b′) = ${(a1.medianMs / fresh.medianMs).toFixed(2)}` : '') +
					`; client CPU (a1)/(b) = ${(a1.medianCpuMs / b.medianCpuMs).toFixed(2)})`,
			);
		}
	}
	lines.push(`- cold load: ${report.cold.loadMs.toFixed(1)} ms (target ≤ 50 ms) ${report.cold.loadMs <= 50 ? 'met' : 'MISSED'}`);
	lines.push(`- tarball: ${(report.pack.size / 1000).toFixed(1)} kB (target ≤ 100 kB) ${report.pack.size <= 100000 ? 'met' : 'MISSED'}`);
	lines.push(`Bench time: ${report.seconds.toFixed(0)} s`);
	return lines.join('\n');
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
