/** Where the package and its compiled output live, and how n8n names things from a file. */
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const packageJson = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

function resolveFromRoot(file) {
	return path.isAbsolute(file) ? file : path.join(ROOT, file);
}

/** n8n's loaders take the class name from the file name: `Trustoo.node.js` → `Trustoo`. */
function classNameOf(file) {
	return path.basename(file).split('.')[0];
}

/** Requires a compiled n8n class file and returns a fresh instance, as n8n's DirectoryLoader does. */
function instantiateFromFile(file) {
	const fullPath = resolveFromRoot(file);
	const className = classNameOf(fullPath);
	const Class = require(fullPath)[className];
	if (typeof Class !== 'function') {
		throw new TypeError(`${fullPath} does not export a class named ${className}`);
	}
	return new Class();
}

module.exports = { ROOT, packageJson, resolveFromRoot, classNameOf, instantiateFromFile };
