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

/**
 * Follows a Server-Sent Events stream of the API: `handlers` maps event names to functions
 * of the parsed data. Without an API key the browser's EventSource does it (it reconnects by
 * itself with Last-Event-ID); EventSource cannot send a key, so with one the stream is read
 * through fetch, reconnecting with Last-Event-ID after a drop. Answers { close() }.
 */
export function openEvents(path, handlers) {
	const key = apiKey();
	if (!key) {
		const source = new EventSource(path);
		for (const [name, handle] of Object.entries(handlers)) {
			source.addEventListener(name, (event) => handle(JSON.parse(event.data)));
		}
		return { close: () => source.close() };
	}
	const control = { closed: false, lastId: null, abort: null };
	const read = async () => {
		while (!control.closed) {
			const abort = new AbortController();
			control.abort = abort;
			const headers = { Accept: 'text/event-stream', Authorization: `Bearer ${key}` };
			if (control.lastId !== null) {
				headers['Last-Event-ID'] = control.lastId;
			}
			try {
				const response = await fetch(path, { headers, signal: abort.signal });
				if (!response.ok) {
					throw new ApiError(problemText(response, parseJson(await response.text())), response.status);
				}
				await parseEvents(response.body, control, handlers);
				return; // the server ended the stream: its last event came
			}
			catch (e) {
				if (control.closed) {
					return;
				}
				if (e instanceof ApiError) {
					showError(e, 'Following progress');
					return;
				}
				await new Promise((resolve) => setTimeout(resolve, 2000));
			}
		}
	};
	read();
	return { close: () => { control.closed = true; if (control.abort) { control.abort.abort(); } } };
}

async function parseEvents(body, control, handlers) {
	const reader = body.pipeThrough(new TextDecoderStream()).getReader();
	let buffer = '';
	let event = { name: 'message', data: '', id: null };
	for (;;) {
		const { value, done } = await reader.read();
		if (done) {
			return;
		}
		buffer += value;
		let end;
		while ((end = buffer.indexOf('\n')) >= 0) {
			const line = buffer.slice(0, end).replace(/\r$/, '');
			buffer = buffer.slice(end + 1);
			if (line === '') {
				if (event.id !== null) {
					control.lastId = event.id;
				}
				if (event.data && handlers[event.name] && !control.closed) {
					handlers[event.name](JSON.parse(event.data));
				}
				event = { name: 'message', data: '', id: null };
			}
			else if (line.startsWith('event:')) {
				event.name = line.slice(6).trim();
			}
			else if (line.startsWith('data:')) {
				event.data += line.slice(5).trim();
			}
			else if (line.startsWith('id:')) {
				event.id = line.slice(3).trim();
			}
		}
	}
}
