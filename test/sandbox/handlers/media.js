'use strict';
/** Upload credentials for review media; the upload targets are served by the sandbox (uploads.js). */
const p = require('../params');

function getImageUploadCredentials(ctx) {
	return ctx.uploads.imageCredentials(ctx.baseUrl, ctx.shop);
}

function getVideoUploadUrl(ctx) {
	const fileName = p.string(ctx.query.file_name, 'file_name', { required: true, max: 255 });
	return ctx.uploads.videoUploadUrl(ctx.baseUrl, ctx.shop, fileName);
}

module.exports = { handlers: { getImageUploadCredentials, getVideoUploadUrl } };
