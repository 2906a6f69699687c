'use strict';
/**
 * Preloaded into the n8n processes started by scripts/n8n-instance.js: when the process that
 * started them ($TRUSTOO_PARENT_PID: `npm start` or a jest worker) is gone, they exit too, so
 * a killed test run or terminal never leaves an n8n server (or its task runner) behind.
 */
const parent = Number(process.env.TRUSTOO_PARENT_PID);
if (parent > 0 && parent !== process.pid) {
	const timer = setInterval(() => {
		try {
			process.kill(parent, 0);
		} catch (error) {
			if (error.code === 'ESRCH') process.kill(process.pid, 'SIGTERM');
			setTimeout(() => process.exit(1), 15000).unref();
			clearInterval(timer);
		}
	}, 2000);
	timer.unref();
}
