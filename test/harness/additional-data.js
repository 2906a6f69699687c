/**
 * A minimal IWorkflowExecuteAdditionalData. In n8n the CLI builds it (WorkflowExecuteAdditionalData
 * .getBase); only what a single node run reads is provided here. Sub-workflows and task runners
 * (Code node) are not supported and fail loudly.
 */
const { core } = require('./n8n');

const { ExecutionLifecycleHooks } = core;

const BASE_URL = 'http://localhost:5678';

function unsupported(what) {
	return async () => {
		throw new Error(`${what} is not supported by the test harness`);
	};
}

function createAdditionalData({ credentialsHelper, executionId, workflowData, onNodeExecuteAfter }) {
	const hooks = new ExecutionLifecycleHooks('manual', executionId, workflowData);
	if (onNodeExecuteAfter) hooks.addHandler('nodeExecuteAfter', onNodeExecuteAfter);

	return {
		credentialsHelper,
		hooks,
		executionId,
		currentNodeExecutionIndex: 0,
		restApiUrl: `${BASE_URL}/rest`,
		instanceBaseUrl: `${BASE_URL}/`,
		formWaitingBaseUrl: `${BASE_URL}/form-waiting`,
		webhookBaseUrl: `${BASE_URL}/webhook`,
		webhookWaitingBaseUrl: `${BASE_URL}/webhook-waiting`,
		webhookTestBaseUrl: `${BASE_URL}/webhook-test`,
		variables: {},
		userId: 'harness-user',
		executeWorkflow: unsupported('executeWorkflow (sub-workflows)'),
		getRunExecutionData: async () => undefined,
		startRunnerTask: unsupported('startRunnerTask (task runners)'),
		logAiEvent: () => {},
	};
}

module.exports = { createAdditionalData, BASE_URL };
