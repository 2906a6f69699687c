/**
 * The records of a list answer. INFERRED: Trustoo documents two shapes, `data: [...]` (Get Shop
 * Webhooks, reference §5.5) and `data: {page, list: [...]}` (the paged lists, §6.2), and several
 * list endpoints are undocumented, so every list accepts both.
 */
export function recordsOf(data: unknown): unknown[] | undefined {
	if (Array.isArray(data)) return data;
	if (typeof data === 'object' && data !== null && Array.isArray((data as { list?: unknown }).list)) {
		return (data as { list: unknown[] }).list;
	}
	return undefined;
}

/** `data.page.total_page` of a paged answer, when Trustoo sent a usable one. */
export function totalPagesOf(data: unknown): number | undefined {
	const page = typeof data === 'object' && data !== null ? (data as { page?: unknown }).page : undefined;
	const total = typeof page === 'object' && page !== null ? (page as { total_page?: unknown }).total_page : undefined;
	if (total === undefined || total === null || total === '') return undefined;
	const number = Number(total);
	return Number.isInteger(number) && number >= 0 ? number : undefined;
}
