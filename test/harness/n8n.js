/**
 * The one place that loads n8n: env.js first (n8n-core reads its config when loaded), then
 * n8n-core and n8n-workflow, with n8n's Logger replaced by the harness's collector.
 */
require('./env');

const { createRequire } = require('node:module');

const core = require('n8n-core');
const workflow = require('n8n-workflow');

const { logCollector } = require('./log-collector');

// n8n-core ships its own copy of @n8n/di, so the container it reads must be taken from there.
const coreRequire = createRequire(require.resolve('n8n-core'));
const { Container } = coreRequire('@n8n/di');
const { Logger } = coreRequire('@n8n/backend-common');

Container.set(Logger, logCollector);
workflow.LoggerProxy.init(logCollector);

// Every ExecuteContext fetches this singleton, which starts a 60 s cleanup interval; n8n clears it
// at shutdown. Unref it so that it does not keep the test process alive.
const { SSHClientsManager } = require('n8n-core/dist/execution-engine/ssh-clients-manager');
Container.get(SSHClientsManager).cleanupTimer.unref();

module.exports = { core, workflow, Container, logCollector };
