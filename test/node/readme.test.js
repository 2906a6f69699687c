/**
 * The README's operations table is the one generated from the node description, the node offers
 * exactly the interface of the issue, its description basics, and every operation has tests in
 * this folder with each credential it supports.
 */
const fs = require('node:fs');
const path = require('node:path');

const { api, description } = require('../support/node-runner');
const { listOperations, markdownTable } = require('../support/operations');

const ROOT = path.resolve(__dirname, '..', '..');
const START = '<!-- OPERATIONS TABLE START -->';
const END = '<!-- OPERATIONS TABLE END -->';

/** The interface the issue asks for: resource → operations. */
const INTERFACE = {
	review: ['get', 'getAll', 'create', 'delete'],
	rating: ['get'],
	webhook: ['create', 'update', 'delete', 'getAll'],
	order: ['getAll'],
	customerEvent: ['getAll'],
	customer: ['unsubscribe', 'createExclusion', 'deleteExclusion', 'getExclusions'],
	media: ['getImageUploadCredentials', 'getVideoUploadUrl'],
	platform: ['getAuthorizationUrl', 'getAuthorizationInfo', 'getInstallStatus', 'disconnect', 'cancelAuthorization', 'revokeToken'],
};
const pairsOf = (rows) => rows.map((row) => `${row.resource}/${row.operation}`).sort();

describe('README operations table', () => {
	const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

	test('sits between the markers, once', () => {
		expect(readme.split(START)).toHaveLength(2);
		expect(readme.split(END)).toHaveLength(2);
		expect(readme.indexOf(START)).toBeLessThan(readme.indexOf(END));
		expect(readme).not.toContain('<!-- OPERATIONS TABLE -->');
	});

	test('equals the table generated from the node description, exactly', () => {
		const between = readme.slice(readme.indexOf(START) + START.length, readme.indexOf(END));
		expect(between.trim()).toBe(markdownTable());
		expect(between).toBe(`\n${markdownTable()}\n`);
	});

	test('lists every operation once, with its endpoint and credentials', () => {
		const rows = listOperations();
		const table = markdownTable();
		expect(table.split('\n')).toHaveLength(rows.length + 2);
		for (const row of rows) {
			expect(table).toContain(`\`${row.resource}\` / \`${row.operation}\``);
			expect(table).toContain(`\`${row.method} ${row.path}\``);
		}
	});
});

describe('node interface', () => {
	const rows = listOperations();

	test('the (resource, operation) pairs are exactly the issue’s interface', () => {
		const expected = Object.entries(INTERFACE).flatMap(([resource, operations]) =>
			operations.map((operation) => `${resource}/${operation}`),
		);
		expect(pairsOf(rows)).toEqual(expected.sort());
		expect(new Set(pairsOf(rows)).size).toBe(rows.length);
	});

	test('every operation routes to its endpoint in api.ts, through the node’s single transport', () => {
		const endpoints = Object.values(api.ENDPOINTS).map((endpoint) => `${endpoint.method} ${endpoint.path}`);
		const { properties } = description();
		for (const row of rows) {
			expect(endpoints).toContain(`${row.method} ${row.path}`);
			const operation = properties
				.find((p) => p.name === 'operation' && p.displayOptions.show.resource.includes(row.resource))
				.options.find((option) => option.value === row.operation);
			expect(operation.routing.send.paginate).toBe(true);
			expect(typeof operation.action).toBe('string');
		}
		expect(typeof description().requestOperations.pagination).toBe('function');
	});

	test('platform is OAuth2 only; everything else takes both credentials', () => {
		for (const row of rows) {
			expect(row.credentials).toEqual(row.resource === 'platform' ? ['oAuth2'] : ['apiKey', 'oAuth2']);
		}
	});

	test('description basics', () => {
		const node = description();
		expect(node.name).toBe('trustoo');
		expect(node.displayName).toBe('TrustWILL (Trustoo)');
		expect(node.subtitle).toBe('={{$parameter["operation"] + ": " + $parameter["resource"]}}');
		expect(node.usableAsTool).toBe(true);
		expect(node.version).toBe(1);

		const authentication = node.properties.find((p) => p.name === 'authentication');
		expect(authentication.type).toBe('options');
		expect(authentication.options.map((option) => option.value)).toEqual(['apiKey', 'oAuth2']);
		expect(authentication.default).toBe('apiKey');
		expect(node.credentials).toEqual([
			expect.objectContaining({ name: 'trustooApi', required: true, displayOptions: { show: { authentication: ['apiKey'] } } }),
			expect.objectContaining({ name: 'trustooOAuth2Api', required: true, displayOptions: { show: { authentication: ['oAuth2'] } } }),
		]);

		const resources = node.properties.find((p) => p.name === 'resource').options.map((option) => option.value);
		expect(resources.sort()).toEqual(Object.keys(INTERFACE).sort());
	});

	/** A parameter named `name` shown for this resource and operation. */
	function parameterFor(name, resource, operation) {
		return description().properties.find(
			(p) =>
				p.name === name &&
				p.displayOptions?.show?.resource?.includes(resource) &&
				(!p.displayOptions.show.operation || p.displayOptions.show.operation.includes(operation)),
		);
	}

	test.each([
		['reviewId', [['review', 'get'], ['review', 'delete']]],
		['webhookId', [['webhook', 'update'], ['webhook', 'delete']]],
		['topic', [['webhook', 'create'], ['webhook', 'update']]],
		['url', [['webhook', 'create'], ['webhook', 'update']]],
		['email', [['customer', 'unsubscribe'], ['customer', 'createExclusion'], ['customer', 'deleteExclusion']]],
		['customerId', [['customer', 'createExclusion'], ['customer', 'deleteExclusion']]],
		['emailType', [['customer', 'unsubscribe']]],
		['productId', [['review', 'create'], ['rating', 'get']]],
		['rating', [['review', 'create']]],
		['author', [['review', 'create']]],
		[
			'returnAll',
			[['review', 'getAll'], ['webhook', 'getAll'], ['order', 'getAll'], ['customerEvent', 'getAll'], ['customer', 'getExclusions']],
		],
		['limit', [['review', 'getAll'], ['webhook', 'getAll'], ['order', 'getAll'], ['customerEvent', 'getAll'], ['customer', 'getExclusions']]],
	])('parameter %s exists where it is needed', (name, places) => {
		for (const [resource, operation] of places) {
			expect(parameterFor(name, resource, operation)).toBeDefined();
		}
	});

	test('Limit is shown only when Return All is off, and defaults to 50 with a minimum of 1', () => {
		const limits = description().properties.filter((p) => p.name === 'limit');
		expect(limits.length).toBeGreaterThanOrEqual(5);
		for (const limit of limits) {
			expect(limit.displayOptions.show.returnAll).toEqual([false]);
			expect(limit.default).toBe(50);
			expect(limit.typeOptions.minValue).toBe(1);
		}
	});
});

describe('test coverage of the operations table', () => {
	const files = fs.readdirSync(__dirname).filter((file) => file.endsWith('.test.js'));

	test.each(listOperations().map((row) => [`${row.resource}/${row.operation}`, row]))(
		'%s has tests in test/node/<resource>.test.js with each credential it supports',
		(_pair, row) => {
			const file = `${row.resource}.test.js`;
			expect(files).toContain(file);
			const source = fs.readFileSync(path.join(__dirname, file), 'utf8');
			expect(source).toMatch(new RegExp(`resource: '${row.resource}'`));
			expect(source).toMatch(new RegExp(`operation: '${row.operation}'|\\['${row.operation}'`));
			if (row.credentials.includes('apiKey')) expect(source).toMatch(/describe\.each\(AUTH_MODES/);
			else {
				expect(source).toMatch(/describe\.each\(OAUTH_MODES\)/);
				expect(source).toMatch(/API_KEY_MODE/); // the refusal with the API token credential
			}
		},
	);
});
