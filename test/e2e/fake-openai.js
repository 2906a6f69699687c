'use strict';
/**
 * A scripted stand-in for the OpenAI Chat Completions API on 127.0.0.1, for the AI agent example.
 * First answer: call every tool the agent offers (with `toolArguments(name)`); once tool results
 * are in the conversation: a final answer built from them by `finalAnswer(toolMessages)`.
 * Plain and streamed (`stream: true`, server-sent events) answers are both supported.
 */
const http = require('node:http');

function startFakeOpenAi({ toolArguments = () => ({}), finalAnswer = () => 'Done.' } = {}) {
	const requests = [];
	let counter = 0;
	const server = http.createServer((req, res) => {
		let raw = '';
		req.on('data', (chunk) => (raw += chunk));
		req.on('end', () => {
			let body = {};
			try {
				body = raw ? JSON.parse(raw) : {};
			} catch {
				body = {};
			}
			requests.push({ method: req.method, url: req.url, headers: req.headers, body });
			if (req.method === 'GET' && req.url.endsWith('/models')) {
				res.writeHead(200, { 'content-type': 'application/json' });
				res.end(JSON.stringify({ object: 'list', data: [{ id: 'gpt-4o-mini', object: 'model', owned_by: 'openai' }] }));
				return;
			}
			if (req.method !== 'POST' || !req.url.endsWith('/chat/completions')) {
				res.writeHead(404, { 'content-type': 'application/json' });
				res.end(JSON.stringify({ error: { message: `fake OpenAI: ${req.method} ${req.url} is not scripted` } }));
				return;
			}
			const messages = body.messages || [];
			const toolMessages = messages.filter((message) => message.role === 'tool');
			let message;
			let finishReason;
			if (toolMessages.length === 0 && Array.isArray(body.tools) && body.tools.length > 0) {
				message = {
					role: 'assistant',
					content: null,
					tool_calls: body.tools.map((tool, index) => ({
						id: `call_${++counter}_${index}`,
						type: 'function',
						function: { name: tool.function.name, arguments: JSON.stringify(toolArguments(tool.function.name, tool)) },
					})),
				};
				finishReason = 'tool_calls';
			} else {
				message = { role: 'assistant', content: finalAnswer(toolMessages, messages) };
				finishReason = 'stop';
			}
			const base = { id: `chatcmpl-${++counter}`, created: Math.floor(Date.now() / 1000), model: body.model || 'gpt-4o-mini' };
			const usage = { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 };
			if (body.stream) {
				res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
				const delta = message.tool_calls
					? { role: 'assistant', content: null, tool_calls: message.tool_calls.map((call, index) => ({ index, ...call })) }
					: { role: 'assistant', content: message.content };
				const send = (payload) => res.write(`data: ${JSON.stringify(payload)}\n\n`);
				send({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: null }] });
				send({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta: {}, finish_reason: finishReason }], usage });
				res.end('data: [DONE]\n\n');
				return;
			}
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ ...base, object: 'chat.completion', choices: [{ index: 0, message, finish_reason: finishReason, logprobs: null }], usage }));
		});
	});
	return new Promise((resolve) => {
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			resolve({
				url: `http://127.0.0.1:${port}/v1`,
				requests,
				close: () => new Promise((done) => server.close(() => done())),
			});
		});
	});
}

module.exports = { startFakeOpenAi };
