/**
 * Must be required before anything loads n8n-core: n8n-core reads its config (user folder,
 * encryption key, instance id) on first use, and must never touch a developer's ~/.n8n.
 * Runs once per module registry, i.e. once per Jest test file.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-trustoo-harness-'));
process.env.N8N_USER_FOLDER = userFolder;
// A fixed key so InstanceSettings does not have to generate one.
process.env.N8N_ENCRYPTION_KEY = process.env.N8N_ENCRYPTION_KEY || 'trustoo-harness-encryption-key';
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
process.env.N8N_VERSION_NOTIFICATIONS_ENABLED = 'false';
// The harness installs its own collecting logger; n8n's winston logger, if anything builds one
// anyway, must stay silent so that secrets never reach a terminal.
process.env.N8N_LOG_LEVEL = 'silent';

// n8n-core writes only its small config file there. Jest's sandboxed `process` never emits
// 'exit', so inside a test file the folder goes in afterAll.
const removeUserFolder = () => fs.rmSync(userFolder, { recursive: true, force: true });
let scheduled = false;
if (typeof afterAll === 'function') {
	try {
		afterAll(removeUserFolder);
		scheduled = true;
	} catch {
		// Required from inside a test: hooks cannot be added any more.
	}
}
if (!scheduled) process.on('exit', removeUserFolder);

module.exports = { userFolder };
