/**
 * Loads this package the way n8n loads an installed community package: n8n-core's
 * PackageDirectoryLoader reading package.json's `n8n` field and the compiled files in dist/.
 *
 * n8n-core resolves its Logger through its own copy of @n8n/di, so a silent Logger is registered
 * in that copy (the one n8n-core itself requires) before the loader is built.
 */
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');

function requireFromCore(request) {
	const corePath = require.resolve('n8n-core', { paths: [ROOT] });
	return require(require.resolve(request, { paths: [corePath] }));
}

const silentLogger = {
	debug() {},
	info() {},
	warn() {},
	error() {},
	scoped() {
		return silentLogger;
	},
};

async function loadPackageLikeN8n() {
	require('reflect-metadata');
	const { Container } = requireFromCore('@n8n/di');
	const { Logger } = requireFromCore('@n8n/backend-common');
	Container.set(Logger, silentLogger);
	const { PackageDirectoryLoader } = require(require.resolve('n8n-core', { paths: [ROOT] }));
	const loader = new PackageDirectoryLoader(ROOT);
	await loader.loadAll();
	return loader;
}

module.exports = { ROOT, loadPackageLikeN8n };
