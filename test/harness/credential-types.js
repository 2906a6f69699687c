/**
 * Registry of credential types: the package's compiled credentials (package.json `n8n.credentials`)
 * plus n8n's `oAuth2Api` base. Mirrors n8n's CredentialTypes (packages/cli/src/credential-types.ts).
 */
const fs = require('node:fs');

const { OAuth2Api } = require('./oauth2-api.credentials');
const { packageJson, resolveFromRoot, instantiateFromFile } = require('./paths');

class CredentialTypes {
	constructor(types = []) {
		this.types = new Map();
		for (const type of types) this.add(type);
	}

	add(type) {
		this.types.set(type.name, type);
		return this;
	}

	recognizes(name) {
		return this.types.has(name);
	}

	getByName(name) {
		const type = this.types.get(name);
		if (!type) {
			const known = [...this.types.keys()].join(', ');
			throw new Error(`Unrecognized credential type "${name}" (known: ${known}). Did you build dist/?`);
		}
		return type;
	}

	/** All ancestors through `extends`, nearest first, as n8n's getParentTypes returns them. */
	getParentTypes(name) {
		const direct = this.types.get(name)?.extends ?? [];
		const all = [...direct];
		for (const parent of direct) all.push(...this.getParentTypes(parent));
		return all;
	}
}

/** The credential types n8n would load for this package, from dist/. Missing files are skipped. */
function loadPackageCredentialTypes() {
	const files = packageJson.n8n?.credentials ?? [];
	return files.filter((file) => fs.existsSync(resolveFromRoot(file))).map(instantiateFromFile);
}

function createCredentialTypes(extraTypes = []) {
	return new CredentialTypes([new OAuth2Api(), ...loadPackageCredentialTypes(), ...extraTypes]);
}

module.exports = { CredentialTypes, createCredentialTypes, loadPackageCredentialTypes };
