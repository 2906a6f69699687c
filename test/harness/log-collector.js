/**
 * Stands in for n8n's Logger (and console) during runs, so that tests can read everything the
 * engine and the node logged, for example to check that no secret leaked into a log line.
 */
const { inspect } = require('node:util');

function describe(value) {
	if (value === undefined) return '';
	if (typeof value === 'string') return value;
	// inspect, not JSON.stringify: it survives cycles and shows Error fields and nested options.
	return inspect(value, { depth: 8, breakLength: Infinity, showHidden: false });
}

class LogCollector {
	constructor() {
		this.entries = [];
		this.echo = Boolean(process.env.HARNESS_ECHO_LOGS);
	}

	record(level, message, meta) {
		const text = [describe(message), describe(meta)].filter(Boolean).join(' ');
		this.entries.push({ level, message: describe(message), meta, text });
		if (this.echo) process.stderr.write(`[harness ${level}] ${text}\n`);
	}

	error(message, meta) {
		this.record('error', message, meta);
	}

	warn(message, meta) {
		this.record('warn', message, meta);
	}

	info(message, meta) {
		this.record('info', message, meta);
	}

	debug(message, meta) {
		this.record('debug', message, meta);
	}

	// n8n code asks for scoped child loggers; one shared sink keeps the order of lines.
	scoped() {
		return this;
	}

	/** Number of entries so far; pass it to `since` to get one run's lines. */
	mark() {
		return this.entries.length;
	}

	since(mark) {
		return this.entries.slice(mark);
	}

	/**
	 * Routes console.* into the collector until the returned function is called: nodes and
	 * libraries may print with console directly, and such output must be scanned too.
	 */
	captureConsole() {
		const methods = ['log', 'info', 'warn', 'error', 'debug'];
		const originals = {};
		for (const name of methods) {
			originals[name] = console[name];
			console[name] = (...args) => {
				this.record(`console.${name}`, args.map(describe).join(' '));
				if (this.echo) originals[name].apply(console, args);
			};
		}
		return () => {
			for (const name of methods) console[name] = originals[name];
		};
	}
}

const logCollector = new LogCollector();

module.exports = { LogCollector, logCollector };
