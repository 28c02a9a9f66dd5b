// Talks to the descent REST API and reports its errors to the person, in words.

const KEY_STORAGE = 'descent.apiKey';

/** An error answer from the API, with the problem+json text already made readable. */
class ApiError extends Error {
	constructor(message, status, problem) {
		super(message);
		this.status = status;
		this.problem = problem || null;
	}

	/** The fields the service named as wrong (problem+json extension "errors"). */
	fields() {
		const errors = this.problem && Array.isArray(this.problem.errors) ? this.problem.errors : [];
		return errors.map((e) => String(e.field || '').replace(/\[.*$/, '')).filter(Boolean);
	}
}

export function apiKey() {
	return sessionStorage.getItem(KEY_STORAGE) || '';
}

export function setApiKey(value) {
	if (value) {
		sessionStorage.setItem(KEY_STORAGE, value);
	}
	else {
		sessionStorage.removeItem(KEY_STORAGE);
	}
}

/**
 * Calls the API and answers the parsed JSON body (null for an empty body). Throws an
 * ApiError whose message is the problem's detail (or title) and the first field errors.
 */
export async function api(path, { method = 'GET', body, rawBody } = {}) {
	const headers = { Accept: 'application/json, application/problem+json' };
	const key = apiKey();
	if (key) {
		headers.Authorization = `Bearer ${key}`;
	}
	if (body !== undefined || rawBody !== undefined) {
		headers['Content-Type'] = 'application/json';
	}
	let response;
	try {
		response = await fetch(path, {
			method,
			headers,
			body: rawBody !== undefined ? rawBody : body !== undefined ? JSON.stringify(body) : undefined,
		});
	}
	catch (e) {
		throw new ApiError(`Could not reach the service (${e.message}).`, 0);
	}
	const text = await response.text();
	const data = text ? parseJson(text) : null;
	if (!response.ok) {
		throw new ApiError(problemText(response, data), response.status, data);
	}
	return data;
}

function parseJson(text) {
	try {
		return JSON.parse(text);
	}
	catch {
		return { detail: text.slice(0, 200) };
	}
}

function problemText(response, problem) {
	let text = (problem && (problem.detail || problem.title)) || `${response.status} ${response.statusText}`.trim();
	if (problem && Array.isArray(problem.errors) && problem.errors.length > 1) {
		text += ' ' + problem.errors.map((e) => `${e.field}: ${e.message}`).join('; ');
	}
	if (response.status === 401 || response.status === 403) {
		text += ' (Set the API key at the top of the page.)';
	}
	return text;
}

const statusEl = () => document.getElementById('status');
const errorEl = () => document.getElementById('error');

/** Says something in the polite live region and clears the last error. */
export function say(text) {
	errorEl().textContent = '';
	statusEl().textContent = text;
}

/** Shows an error in the assertive live region (never swallowed). */
export function showError(error, context) {
	const message = error instanceof Error ? error.message : String(error);
	statusEl().textContent = '';
	errorEl().textContent = context ? `${context}: ${message}` : message;
	if (!(error instanceof ApiError)) {
		console.error(error);
	}
}

export function clearError() {
	errorEl().textContent = '';
}
