/** Tests run against the compiled package in dist/ (what n8n loads), over real HTTP to the sandbox. */
module.exports = {
	testEnvironment: 'node',
	testMatch: ['<rootDir>/test/**/*.test.js'],
	testTimeout: 30000,
	maxWorkers: 2,
	// `default` keeps jest's usual output; the summary reporter adds the `N passed, N failed` line CI reads.
	reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
};
