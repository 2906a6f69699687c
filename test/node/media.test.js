/**
 * Media: getImageUploadCredentials and getVideoUploadUrl with every credential; the answers are
 * used for a real upload to the sandbox's storage, so they are checked for being usable, not
 * only for their shape.
 */
const { NodeOperationError } = require('n8n-workflow');
const {
	AUTH_MODES,
	useSandbox,
	run,
	runOk,
	originalError,
	expectOneRequest,
	expectNoSecrets,
} = require('../support/node-runner');

const ctx = useSandbox({ reviewCount: 20 });

describe.each(AUTH_MODES)('media with $label', (mode) => {
	test('getImageUploadCredentials: one item with the upload policy for this shop', async () => {
		const result = await runOk(ctx.sb, mode, { resource: 'media', operation: 'getImageUploadCredentials' });

		expectOneRequest(ctx.sb, result, mode, { endpoint: 'getImageUploadCredentials', query: {} });
		expect(result.items).toHaveLength(1);
		const [policy] = result.items;
		expect(Object.keys(policy).sort()).toEqual(['access_id', 'callback', 'dir', 'expire', 'host', 'policy', 'signature'].sort());
		expect(policy.host).toBe(`${ctx.sb.url}/__sandbox/oss`);
		expect(policy.dir.startsWith(`sandbox/${ctx.sb.demo.shop.shopId}/`)).toBe(true);
		expect(Number(policy.expire)).toBeGreaterThan(Date.now() / 1000);
		const decoded = JSON.parse(Buffer.from(policy.policy, 'base64').toString('utf8'));
		expect(decoded.conditions).toContainEqual(['starts-with', '$key', policy.dir]);

		// The credentials work: an OSS-style form upload with them is accepted.
		const form = new FormData();
		form.append('key', `${policy.dir}review.jpg`);
		form.append('OSSAccessKeyId', policy.access_id);
		form.append('policy', policy.policy);
		form.append('Signature', policy.signature);
		form.append('success_action_status', '200');
		form.append('file', new Blob([Buffer.from('fake jpeg bytes')], { type: 'image/jpeg' }), 'review.jpg');
		const upload = await fetch(policy.host, { method: 'POST', body: form });
		expect(upload.status).toBeLessThan(300);
		expectNoSecrets(ctx.sb, result);
	});

	test('getVideoUploadUrl: sends the file name (spaces encoded as signed) and outputs one item', async () => {
		const fileName = 'unboxing video.mp4';
		const result = await runOk(ctx.sb, mode, {
			resource: 'media',
			operation: 'getVideoUploadUrl',
			fileName: ` ${fileName} `,
		});

		const request = expectOneRequest(ctx.sb, result, mode, { endpoint: 'getVideoUploadUrl', query: { file_name: fileName } });
		expect(request.rawQuery).toBe('file_name=unboxing%20video.mp4');
		expect(result.items).toHaveLength(1);
		const [video] = result.items;
		expect(Object.keys(video).sort()).toEqual(['expire', 'upload_url', 'video_url']);
		expect(video.video_url.startsWith(`${ctx.sb.url}/__sandbox/oss/sandbox/${ctx.sb.demo.shop.shopId}/videos/`)).toBe(true);
		expect(video.upload_url.startsWith(`${video.video_url}?`)).toBe(true);
		expect(Number(video.expire)).toBeGreaterThan(Date.now() / 1000);
	});

	test('getVideoUploadUrl: the URL it outputs accepts the upload (a file name with a space)', async () => {
		const result = await runOk(ctx.sb, mode, {
			resource: 'media',
			operation: 'getVideoUploadUrl',
			fileName: 'unboxing video.mp4',
		});
		const [video] = result.items;
		const put = await fetch(video.upload_url, { method: 'PUT', headers: { 'Content-Type': 'video/mp4' }, body: Buffer.from('fake mp4') });
		expect(put.status).toBe(200);
		const stored = await fetch(video.video_url);
		expect(stored.status).toBe(200);
		expect(Buffer.from(await stored.arrayBuffer()).toString()).toBe('fake mp4');
	});

	test('getVideoUploadUrl without a file name stops before sending (Trustoo requires it)', async () => {
		const parameters = { resource: 'media', operation: 'getVideoUploadUrl', fileName: '  ' };
		const result = await run(ctx.sb, mode, parameters);
		expect(result.error?.message).toMatch(/File Name is required/);
		const { original } = await originalError(ctx.sb, mode, parameters);
		expect(original).toBeInstanceOf(NodeOperationError);
		expect(ctx.sb.requests.filter((request) => request.endpoint !== 'oauthToken')).toHaveLength(0);
	});
});
