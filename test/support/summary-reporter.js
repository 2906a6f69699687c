/**
 * Jest reporter that ends the run with one plain line CI can read, e.g.
 *   tests: 42 passed, 0 failed
 *   tests: 40 passed, 1 failed, 3 skipped
 * A test file that crashes before running its tests (syntax error, failing require, throwing
 * beforeAll outside any test) counts as one failure, so a broken suite can never read as green.
 *
 * Jest always adds its own summary reporter after the custom ones and prints more lines after
 * that, so the line is written when the process exits: it is then the last line jest prints.
 */
const fs = require('fs');

function summaryLine(results) {
	const passed = results.numPassedTests;
	const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
	const skipped = results.numPendingTests + results.numTodoTests;
	let line = `tests: ${passed} passed, ${failed} failed`;
	if (skipped > 0) line += `, ${skipped} skipped`;
	return line;
}

class SummaryReporter {
	constructor() {
		this.line = undefined;
		this.printed = false;
	}

	onRunComplete(_testContexts, results) {
		const first = this.line === undefined;
		this.line = summaryLine(results);
		if (first) process.once('exit', () => this.print());
	}

	print() {
		if (this.printed || this.line === undefined) return;
		this.printed = true;
		// Synchronous: nothing written from an 'exit' handler may be left in a buffer.
		fs.writeSync(process.stdout.fd, `\n${this.line}\n`);
	}
}

module.exports = SummaryReporter;
module.exports.summaryLine = summaryLine;
