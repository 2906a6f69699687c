'use strict';
/** Handler per ENDPOINTS key. A key without a handler answers code 12 (see server.js). */
module.exports = {
	...require('./oauth').handlers,
	...require('./platform').handlers,
	...require('./webhooks').handlers,
	...require('./reviews').handlers,
	...require('./media').handlers,
	...require('./orders').handlers,
	...require('./customers').handlers,
};
