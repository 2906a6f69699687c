'use strict';
/** The response envelope, API errors and raw (non-envelope) responses. */
const crypto = require('node:crypto');

/** gRPC-style codes used by the API (reference §9). */
const CODES = {
	ok: 0,
	invalidArgument: 3,
	notFound: 5,
	alreadyExists: 6,
	permissionDenied: 8,
	unimplemented: 12,
	internal: 13,
	unauthenticated: 16,
};

/** An error answered as an envelope with a non-zero code (HTTP 200 unless stated). */
class ApiError extends Error {
	constructor(code, message, { httpStatus = 200, headers = {} } = {}) {
		super(message);
		this.code = code;
		this.httpStatus = httpStatus;
		this.headers = headers;
	}
}

const invalidArgument = (message) =>
	new ApiError(CODES.invalidArgument, `invalid argument: ${message}`);
const notFound = (message) => new ApiError(CODES.notFound, message);
const alreadyExists = (message) => new ApiError(CODES.alreadyExists, message);
const permissionDenied = (message) => new ApiError(CODES.permissionDenied, message);
const unauthenticated = (message, options) => new ApiError(CODES.unauthenticated, message, options);

/** A handler's answer that bypasses the envelope (oauth/token, the authorize redirect, uploads). */
class RawResponse {
	constructor(status, body = '', headers = {}) {
		this.status = status;
		this.body = typeof body === 'string' ? body : JSON.stringify(body);
		this.headers =
			typeof body === 'string' ? headers : { 'Content-Type': 'application/json', ...headers };
	}
}

const requestId = () => crypto.randomBytes(16).toString('hex');

function envelope(code, message, data) {
	return { code, message, time: Math.floor(Date.now() / 1000), request_id: requestId(), data };
}

module.exports = {
	CODES,
	ApiError,
	RawResponse,
	invalidArgument,
	notFound,
	alreadyExists,
	permissionDenied,
	unauthenticated,
	envelope,
	requestId,
};
