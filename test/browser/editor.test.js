'use strict';
/**
 * The n8n editor, in a real browser (Debian's Chromium driven by playwright-core), with this
 * package loaded into a real n8n: the node creator finds the node by both of its names, its icon
 * renders, review → Get Many shows its parameters, and the OAuth2 credential's "Connect my
 * account" flow completes against the sandbox's authorize endpoint, after which the node runs
 * with that credential. Screenshots: test-artifacts/browser/n8n-<version>/*.png.
 *
 * The steps build on each other (one editor session), so they run in order in one file.
 */
const fs = require('node:fs');
const path = require('node:path');

const { SETUP_TIMEOUT_MS, TEARDOWN_TIMEOUT_MS, UI_TIMEOUT_MS, setupBrowser, screenshot, step, imageRendered } = require('./support');

const NODE_NAME = 'TrustWILL (Trustoo)';
const CLIENT = { id: 'trustwill', secret: 'oauth_test_secret_2026' };

jest.setTimeout(2 * UI_TIMEOUT_MS);

describe('n8n editor in Chromium', () => {
	let ctx;
	/** The node creator entry `TrustWILL (Trustoo)` (the element that holds its name and icon). */
	let nodeItem;

	beforeAll(async () => {
		ctx = await setupBrowser('editor');
	}, SETUP_TIMEOUT_MS);

	afterAll(async () => {
		if (!ctx) return;
		fs.writeFileSync(path.join(ctx.artifactsDir, 'blocked-requests.txt'), `${ctx.blocked.join('\n')}\n`);
		await ctx.cleanup();
	}, TEARDOWN_TIMEOUT_MS);

	const field = (name) => ctx.page.locator(`[data-test-id="editCredential-modal"] [data-test-id="parameter-input-${name}"] input`);
	const ndvParameter = (name) => ctx.page.locator(`[data-test-id="ndv"] [data-test-id="parameter-input-${name}"]`);

	test.each(['TrustWILL', 'Trustoo'])('the node creator lists the node when searching "%s", with its icon', async (term) => {
		await step(ctx, `search-${term}`, async () => {
			const { page } = ctx;
			if (term === 'TrustWILL') {
				await page.goto('/workflow/new');
				await page.locator('[data-test-id="canvas-plus-button"]').click();
			}
			const search = page.locator('[data-test-id="node-creator-search-bar"]');
			const name = page.locator('[data-test-id="node-creator-item-name"]', { hasText: NODE_NAME });
			// Without a search term the node is not listed, so what shows next is this term's result.
			await search.fill('');
			await name.first().waitFor({ state: 'hidden' });
			await search.fill(term);
			await name.first().waitFor();
			expect(await page.locator('[data-test-id="node-creator-item-name"]').allInnerTexts()).toContain(NODE_NAME);

			nodeItem = name.first().locator('xpath=ancestor::*[.//img][1]');
			const icon = nodeItem.locator('img').first();
			await icon.waitFor();
			await page.waitForFunction((img) => img.complete, await icon.elementHandle());
			expect(await imageRendered(icon)).toBe(true);
			const src = await icon.getAttribute('src');
			expect(src).toMatch(/trustoo\.svg$/);
			const response = await ctx.context.request.get(src);
			expect(response.status()).toBe(200);
			expect(await response.text()).toContain('<svg');

			await screenshot(ctx, `0${term === 'TrustWILL' ? 1 : 2}-search-${term}`);
			await screenshot(ctx, `0${term === 'TrustWILL' ? 1 : 2}-search-${term}-item`, { locator: page.locator('[data-test-id="node-creator"]') });
		});
	});

	test('review → Get Many shows its parameters', async () => {
		await step(ctx, 'review-getAll', async () => {
			const { page } = ctx;
			await nodeItem.click();
			// The node's panel: with a search bar (custom extension, n8n 2.8) or, for an installed
			// community package in n8n 2.3x, "Node details" with collapsed "Actions (23)".
			const search = page.locator('[data-test-id="node-creator-search-bar"]');
			const actions = page.locator('[data-test-id="node-creator-category-item"]', { hasText: /^Actions/ });
			await actions.waitFor();
			if (await search.isVisible()) await search.fill('Get many reviews');
			else await actions.click();
			await page.locator('[data-test-id="node-creator-item-name"]', { hasText: /^Get many reviews$/ }).click();

			const ndv = page.locator('[data-test-id="ndv"]');
			await ndv.waitFor();
			expect(await imageRendered(ndv.locator('img').first())).toBe(true);
			expect(await ndvParameter('resource').locator('input').inputValue()).toBe('Review');
			expect(await ndvParameter('operation').locator('input').inputValue()).toBe('Get Many');
			await ndvParameter('returnAll').waitFor();
			expect(await ndvParameter('limit').locator('input').inputValue()).toBe('50');
			const lines = (await ndv.locator('[data-test-id="parameter-item"]').allInnerTexts())
				.flatMap((text) => text.split('\n'))
				.map((line) => line.trim());
			// "Credential to connect with" (n8n 2.8) or "Credential" (2.3x).
			expect(lines.some((line) => /^Credential( to connect with)?$/.test(line))).toBe(true);
			for (const label of ['Resource', 'Operation', 'Return All', 'Limit', 'Filters']) {
				expect(lines).toContain(label);
			}
			await screenshot(ctx, '03-review-getAll-parameters');

			// The Filters collection offers the review filters.
			await ndv.getByPlaceholder('Add Filter').click();
			for (const option of ['Keyword', 'Product IDs', 'Ratings', 'Sort', 'Sources', 'Store Reviews Only']) {
				await page.getByRole('option', { name: option, exact: true }).waitFor();
			}
			await screenshot(ctx, '04-review-getAll-filters');
			await page.keyboard.press('Escape');
			await page.getByRole('option', { name: 'Keyword', exact: true }).waitFor({ state: 'hidden' });
		});
	});

	test('the OAuth2 credential connects through the sandbox authorize endpoint', async () => {
		await step(ctx, 'oauth2-connect', async () => {
			const { page, sandbox, n8n } = ctx;
			// n8n 2.8: a credential select with "Create new credential"; 2.3x: a "Connect to ..." button.
			const connectTo = page.locator('[data-test-id="ndv"] [data-test-id="node-credentials-empty-state"] button');
			const select = page.locator('[data-test-id="ndv"] [data-test-id="node-credentials-select"]');
			await connectTo.or(select).first().waitFor();
			if (await connectTo.isVisible()) {
				await connectTo.click();
			} else {
				await select.click();
				await page.locator('[data-test-id="node-credentials-select-item-new"]').click();
			}
			const modal = page.locator('[data-test-id="editCredential-modal"]');
			await modal.waitFor();
			// The node's "Authentication" options: radio buttons (2.8) or a dropdown (2.3x).
			const radios = modal.locator('[data-test-id="node-auth-type-selector"]');
			const dropdown = modal.locator('[data-test-id="credential-mode-dropdown-trigger"]');
			await radios.or(dropdown).first().waitFor();
			if (await radios.isVisible()) {
				await radios.getByText('OAuth2 (Platforms)', { exact: true }).click();
			} else {
				await dropdown.click();
				await page.getByRole('menuitem', { name: 'OAuth2 (Platforms)', exact: true }).click();
			}
			await field('clientId').waitFor();

			const redirectUrl = `${n8n.baseUrl}/rest/oauth2-credential/callback`;
			expect(await modal.locator('[data-test-id="copy-input"]').innerText()).toContain(redirectUrl);
			expect(await modal.locator('[data-test-id="parameter-input-grantType"] input').inputValue()).toBe('Authorization Code');
			await field('clientId').fill(CLIENT.id);
			await field('clientSecret').fill(CLIENT.secret);
			await field('baseUrl').fill(sandbox.url);
			await screenshot(ctx, '05-oauth2-credential-form');

			sandbox.clearRequests();
			const visited = [];
			const onRequest = (request) => visited.push(request.url());
			ctx.context.on('request', onRequest);
			const popupOpened = page.waitForEvent('popup');
			// "Connect my account" (2.8) or "Connect" (2.3x).
			await modal.locator('[data-test-id="oauth-connect-button"], [data-test-id="quick-connect-button"]').filter({ visible: true }).first().click();
			const popup = await popupOpened;
			// n8n's callback page hands the result to the editor and closes the window.
			if (!popup.isClosed()) await popup.waitForEvent('close');
			// 2.8 shows "Account connected" in the open dialog; 2.3x closes the dialog and selects the
			// credential, so it is opened again to show the same banner.
			const banner = modal.locator('[data-test-id="oauth-connect-success-banner"]');
			await page.waitForFunction(
				() => {
					const dialog = document.querySelector('[data-test-id="editCredential-modal"]');
					const shown = dialog?.querySelector('[data-test-id="oauth-connect-success-banner"]');
					return !dialog || !dialog.checkVisibility() || (shown && shown.checkVisibility());
				},
				undefined,
				{ timeout: UI_TIMEOUT_MS },
			);
			if (!(await modal.isVisible())) {
				await page.locator('[data-test-id="ndv"] [data-test-id="credential-edit-button"]').click();
				await modal.waitFor();
			}
			await banner.waitFor({ state: 'visible' });
			ctx.context.off('request', onRequest);
			await screenshot(ctx, '06-oauth2-connected');

			// The popup went to the sandbox's authorize endpoint, which redirected to n8n's callback.
			const authorizeUrl = visited.find((url) => url.startsWith(`${sandbox.url}/api/v1/openapi/oauth/authorize`));
			expect(authorizeUrl).toBeDefined();
			const query = new URL(authorizeUrl).searchParams;
			expect(query.get('client_id')).toBe(CLIENT.id);
			expect(query.get('redirect_uri')).toBe(redirectUrl);
			expect(query.get('response_type')).toBe('code');
			expect(visited.some((url) => url.startsWith(`${redirectUrl}?`) && /[?&]code=/.test(url))).toBe(true);

			const authorize = sandbox.requests.filter((request) => request.endpoint === 'oauthAuthorize');
			expect(authorize).toHaveLength(1);
			expect(authorize[0].httpStatus).toBe(302);
			// n8n exchanged the code at the token endpoint.
			const token = sandbox.requests.filter((request) => request.endpoint === 'oauthToken');
			expect(token).toHaveLength(1);
			expect(token[0].body).toMatchObject({ grant_type: 'authorization_code', redirect_uri: redirectUrl });
			expect(token[0].httpStatus).toBe(200);
		});
	});

	test('the connected credential works in the node', async () => {
		await step(ctx, 'oauth2-execute', async () => {
			const { page, sandbox } = ctx;
			const modal = page.locator('[data-test-id="editCredential-modal"]');
			await page
				.locator('[data-test-id="editCredential-modal"] .el-dialog__headerbtn, .el-dialog:has([data-test-id="editCredential-modal"]) .el-dialog__headerbtn')
				.first()
				.click();
			await modal.waitFor({ state: 'hidden' });
			const credentialName = await page.locator('[data-test-id="node-credentials-select"] input').inputValue();
			expect(credentialName).toMatch(/^TrustWILL \(Trustoo\) account/);

			sandbox.clearRequests();
			await page.locator('[data-test-id="ndv"] [data-test-id="node-execute-button"]').first().click();
			await page.locator('[data-test-id="ndv"] [data-test-id="node-run-status-success"]').waitFor();
			expect(await page.locator('[data-test-id="ndv"] [data-test-id="run-data-item-count"]').innerText()).toMatch(/^50 items/);
			await screenshot(ctx, '07-review-getAll-executed');

			const calls = sandbox.requests.filter((request) => request.endpoint === 'getReviews');
			expect(calls.length).toBeGreaterThan(0);
			for (const call of calls) {
				expect(call.auth).toBe('bearer');
				expect(call.httpStatus).toBe(200);
				expect(call.code).toBe(0);
			}
		});
	});
});
