import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** Trustoo calls the URL from the internet: it must be an absolute http(s) URL. */
export async function validateWebhookUrl(
	this: IExecuteSingleFunctions,
	options: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const url = String((options.body as IDataObject | undefined)?.url ?? '').trim();
	let valid = false;
	try {
		const parsed = new URL(url);
		valid = parsed.protocol === 'http:' || parsed.protocol === 'https:';
	} catch {
		valid = false;
	}
	if (!valid) {
		const itemIndex = this.getItemIndex();
		throw new NodeOperationError(this.getNode(), `URL "${url}" is not an http(s) URL [item ${itemIndex}]`, {
			description: 'Enter a full address such as https://example.com/trustoo-webhook.',
			itemIndex,
		});
	}
	(options.body as IDataObject).url = url;
	return options;
}
