/**
 * Packaging rules for an n8n community node package (n8n Cloud eligible, strict mode), checked
 * on package.json and on the built dist/ (`npm test` builds first; alone: `npm run build` first).
 */
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const { ROOT, loadPackageLikeN8n } = require('./support/n8n-package-loader');

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const n8n = pkg.n8n ?? {};
const nodePaths = Array.isArray(n8n.nodes) ? n8n.nodes : [];
const credentialPaths = Array.isArray(n8n.credentials) ? n8n.credentials : [];

const REQUIRED_KEYWORDS = ['n8n-community-node-package', 'trustwill', 'trustoo', 'reviews', 'shopify'];
const REQUIRED_ALIASES = ['TrustWILL', 'Trustoo', 'reviews', 'Shopify reviews', 'ratings'];

const abs = (relative) => path.join(ROOT, relative);
const lowerFirst = (name) => name.charAt(0).toLowerCase() + name.slice(1);
/** n8n's DirectoryLoader takes the class name from the file name: `Foo.node.js` → `Foo`. */
const classNameOf = (file) => path.basename(file).split('.')[0];

function requireDist(relative) {
	const file = abs(relative);
	if (!fs.existsSync(file)) {
		throw new Error(`${relative} does not exist: run \`npm run build\` (package.json lists it in "n8n")`);
	}
	return require(file);
}

/** Instantiates the class a listed file must export, named after the file (as n8n does). */
function instantiate(relative) {
	const exported = requireDist(relative);
	const className = classNameOf(relative);
	const Class = exported[className];
	if (typeof Class !== 'function') {
		throw new Error(`${relative} must export a class named ${className}; it exports: ${Object.keys(exported).join(', ')}`);
	}
	return { className, instance: new Class() };
}

/** Every description of a node: the node's own and, for versioned nodes, each version's. */
function descriptionsOf(node) {
	const versions = node.nodeVersions ? Object.values(node.nodeVersions).map((v) => v.description) : [];
	return [node.description, ...versions].filter(Boolean);
}

/** `file:` icon paths of a node description or credential, as [label, path relative to ROOT]. */
function iconFiles(icon, distFile) {
	if (!icon) return [];
	const entries = typeof icon === 'string' ? [['icon', icon]] : Object.entries(icon);
	return entries
		.filter(([, value]) => typeof value === 'string' && value.startsWith('file:'))
		.map(([label, value]) => [
			label,
			path.join(path.dirname(distFile), value.slice('file:'.length)),
		]);
}

describe('package.json', () => {
	test('name, license and keywords', () => {
		expect(pkg.name).toBe('n8n-nodes-trustoo');
		expect(pkg.license).toBe('MIT');
		expect(pkg.keywords).toEqual(expect.arrayContaining(REQUIRED_KEYWORDS));
	});

	test('no runtime dependencies; n8n-workflow is the only peer dependency', () => {
		expect(Object.keys(pkg.dependencies ?? {})).toEqual([]);
		expect(pkg.peerDependencies).toStrictEqual({ 'n8n-workflow': '*' });
	});

	test('n8n-core, jest and axios are dev dependencies only', () => {
		for (const name of ['n8n-core', 'jest', 'axios']) {
			expect(pkg.devDependencies).toHaveProperty([name]);
			expect(pkg.dependencies ?? {}).not.toHaveProperty([name]);
			expect(pkg.optionalDependencies ?? {}).not.toHaveProperty([name]);
		}
	});

	test('n8n-core and n8n-workflow are pinned on one release train and installed as pinned', () => {
		const core = pkg.devDependencies['n8n-core'];
		const workflow = pkg.devDependencies['n8n-workflow'];
		expect(core).toMatch(/^\d+\.\d+\.\d+$/);
		expect(workflow).toMatch(/^\d+\.\d+\.\d+$/);
		// One train: the n8n-workflow that this n8n-core release was built against.
		const corePkg = require(require.resolve('n8n-core/package.json', { paths: [ROOT] }));
		expect(corePkg.version).toBe(core);
		expect(corePkg.dependencies['n8n-workflow']).toBe(workflow);
		const workflowPkg = require(require.resolve('n8n-workflow/package.json', { paths: [ROOT] }));
		expect(workflowPkg.version).toBe(workflow);
	});

	test('n8n field: API version 1, strict mode, nodes and credentials from dist/', () => {
		expect(n8n.n8nNodesApiVersion).toBe(1);
		expect(n8n.strict).toBe(true);
		expect(nodePaths.length).toBeGreaterThan(0);
		expect(credentialPaths.length).toBeGreaterThan(0);
		for (const file of nodePaths) expect(file).toMatch(/^dist\/nodes\/.+\.node\.js$/);
		for (const file of credentialPaths) expect(file).toMatch(/^dist\/credentials\/.+\.credentials\.js$/);
	});

	test('every *.node.ts and *.credentials.ts source is listed in the n8n field', () => {
		const sources = (dir, suffix) =>
			fs
				.readdirSync(abs(dir), { recursive: true })
				.map(String)
				.filter((file) => file.endsWith(suffix))
				.map((file) => path.posix.join('dist', dir, file.split(path.sep).join('/')).replace(/\.ts$/, '.js'));
		expect([...nodePaths].sort()).toEqual(sources('nodes', '.node.ts').sort());
		expect([...credentialPaths].sort()).toEqual(sources('credentials', '.credentials.ts').sort());
	});

	test('no overrides and no install-time lifecycle scripts', () => {
		expect(pkg).not.toHaveProperty('overrides');
		const forbidden = ['preinstall', 'install', 'postinstall', 'prepare', 'preprepare', 'postprepare', 'prepublish'];
		expect(Object.keys(pkg.scripts ?? {}).filter((name) => forbidden.includes(name))).toEqual([]);
	});

	test('ships dist/ only, without the incremental build info', () => {
		expect(pkg.files).toEqual(['dist', '!dist/**/*.tsbuildinfo']);
	});
});

describe('compiled nodes and credentials', () => {
	test.each(nodePaths)('%s loads and exports its class; description.name matches', (file) => {
		const { className, instance } = instantiate(file);
		expect(instance.description).toBeDefined();
		expect(instance.description.name).toBe(lowerFirst(className));
		for (const description of descriptionsOf(instance)) {
			expect(typeof description.displayName).toBe('string');
		}
	});

	test.each(credentialPaths)('%s loads and exports its class; name matches', (file) => {
		const { className, instance } = instantiate(file);
		expect(instance.name).toBe(lowerFirst(className));
		expect(typeof instance.displayName).toBe('string');
	});

	test.each([...nodePaths, ...credentialPaths])('every icon of %s is an SVG in dist/', (file) => {
		const { instance } = instantiate(file);
		const icons = file.endsWith('.node.js')
			? descriptionsOf(instance).flatMap((description) => iconFiles(description.icon, file))
			: iconFiles(instance.icon, file);
		expect(icons.length).toBeGreaterThan(0);
		for (const [label, iconPath] of icons) {
			expect(iconPath.startsWith('dist/')).toBe(true);
			expect({ label, iconPath, exists: fs.existsSync(abs(iconPath)) }).toEqual({ label, iconPath, exists: true });
			expect(iconPath).toMatch(/\.svg$/);
			const svg = fs.readFileSync(abs(iconPath), 'utf8');
			expect(svg).toMatch(/^\s*(<\?xml[^>]*\?>\s*)?<svg[\s>]/);
			expect(svg).toMatch(/viewBox="[^"]+"/);
			expect(svg).toMatch(/<\/svg>\s*$/);
			// No external references: n8n serves the file as is.
			expect(svg).not.toMatch(/(?:xlink:)?href\s*=\s*["'](?!#)/);
			expect(svg).not.toMatch(/url\(\s*["']?(?!#)/);
		}
		const byLabel = Object.fromEntries(icons);
		if (byLabel.light && byLabel.dark) expect(byLabel.light).not.toBe(byLabel.dark);
	});

	test.each(nodePaths)('%s has its codex file next to it', (file) => {
		const { instance } = instantiate(file);
		const codexFile = abs(`${file}on`);
		expect(fs.existsSync(codexFile)).toBe(true);
		const codex = JSON.parse(fs.readFileSync(codexFile, 'utf8'));
		expect(codex.node).toBe(`${pkg.name}.${instance.description.name}`);
		expect(codex.nodeVersion).toBe('1.0');
		expect(codex.codexVersion).toBe('1.0');
		expect(codex.categories).toEqual(expect.arrayContaining(['Marketing']));
		expect(codex.alias).toEqual(expect.arrayContaining(REQUIRED_ALIASES));
		for (const kind of ['primaryDocumentation', 'credentialDocumentation']) {
			expect(codex.resources[kind].length).toBeGreaterThan(0);
			for (const { url } of codex.resources[kind]) expect(url).toMatch(/^https:\/\//);
		}
	});

	test("n8n-core's PackageDirectoryLoader loads every node and credential with codex and icons", async () => {
		const loader = await loadPackageLikeN8n();
		const nodeNames = nodePaths.map((file) => lowerFirst(classNameOf(file)));
		const credentialNames = credentialPaths.map((file) => lowerFirst(classNameOf(file)));
		expect(Object.keys(loader.known.nodes).sort()).toEqual([...nodeNames].sort());
		expect(Object.keys(loader.known.credentials).sort()).toEqual([...credentialNames].sort());
		for (const description of loader.types.nodes) {
			expect(description.codex?.categories).toEqual(expect.arrayContaining(['Marketing']));
			expect(description.iconUrl).toBeDefined();
		}
		for (const credential of loader.types.credentials) {
			expect(credential.iconUrl).toBeDefined();
			// Some node of the package uses each credential.
			expect(loader.known.credentials[credential.name].supportedNodes?.length ?? 0).toBeGreaterThan(0);
		}
	});
});

describe('npm pack', () => {
	let files;

	beforeAll(() => {
		// --ignore-scripts: no prepack/prepublishOnly build while listing.
		const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
			cwd: ROOT,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'pipe'],
			env: { ...process.env, npm_config_loglevel: 'error' },
		});
		files = JSON.parse(out)[0].files.map((entry) => entry.path);
	});

	test('contains only dist/, README.md, LICENSE, package.json (and the empty main entry)', () => {
		const allowed = new Set(['README.md', 'LICENSE', 'package.json']);
		// npm always packs the "main" file; ours is the intentionally empty index.js.
		if (pkg.main) allowed.add(path.posix.normalize(pkg.main));
		expect(files.filter((file) => !file.startsWith('dist/') && !allowed.has(file))).toEqual([]);
		expect(files).toEqual(expect.arrayContaining(['README.md', 'LICENSE', 'package.json']));
		expect(files.filter((file) => file.endsWith('.tsbuildinfo'))).toEqual([]);
	});

	test('contains every listed node and credential, its codex and its icons', () => {
		const expected = [...nodePaths, ...credentialPaths, ...nodePaths.map((file) => `${file}on`)];
		for (const file of [...nodePaths, ...credentialPaths]) {
			if (!fs.existsSync(abs(file))) continue; // reported by the tests above
			const { instance } = instantiate(file);
			const icons = file.endsWith('.node.js')
				? descriptionsOf(instance).flatMap((description) => iconFiles(description.icon, file))
				: iconFiles(instance.icon, file);
			expected.push(...icons.map(([, iconPath]) => iconPath));
		}
		expect(files).toEqual(expect.arrayContaining(expected));
	});
});
