/**
 * Test harness that runs this package's nodes through n8n-core's real engine.
 * Require this (or ./env) before anything else that loads n8n-core.
 */
require('./env');

const { logCollector } = require('./n8n');
const { runNode } = require('./run-node');
const { createCredentialStore, HarnessCredentialsHelper } = require('./credentials-helper');
const { CredentialTypes, createCredentialTypes } = require('./credential-types');
const { HarnessNodeTypes, PACKAGE_PREFIX } = require('./node-types');
const { ROOT } = require('./paths');

module.exports = {
	runNode,
	createCredentialStore,
	createCredentialTypes,
	CredentialTypes,
	HarnessCredentialsHelper,
	HarnessNodeTypes,
	logCollector,
	PACKAGE_PREFIX,
	ROOT,
};
