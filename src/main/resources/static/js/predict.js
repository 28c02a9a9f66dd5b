// The Predict view: a drawing pad, the 28×28 preview, the model picker and the output bars.

import { api, clearError, say, showError } from './api.js';
import { inkOf, paintPreview, SIZE, toMnistInput } from './preprocess.js';
import { fillModelPicker } from './pickers.js';

const STROKE_WIDTH = 22;

const $ = (id) => document.getElementById(id);

let pad;
let preview;
let stroke = null;
let frameRequested = false;
let currentPixels = null;
let queuedPixels = null;
let inFlight = false;
let generation = 0;
let showingTestImage = false;

export function initPredict() {
	pad = $('draw').getContext('2d', { willReadFrequently: true });
	preview = $('preview').getContext('2d');
	buildBars();
	clearAll();
	const canvas = $('draw');
	canvas.addEventListener('pointerdown', startStroke);
	canvas.addEventListener('pointermove', continueStroke);
	canvas.addEventListener('pointerup', endStroke);
	canvas.addEventListener('pointercancel', endStroke);
	$('clear').addEventListener('click', clearAll);
	$('random-digit').addEventListener('click', () => randomTestDigit().catch((e) => showError(e, 'Test digit')));
	$('model-select').addEventListener('change', () => refreshVersions().then(repredict));
	$('version-select').addEventListener('change', repredict);
}

/** Called whenever the view is shown: models, versions and aliases may have changed. */
export async function showPredict() {
	try {
		await fillModelPicker($('model-select'), $('version-select'));
		repredict();
	}
	catch (e) {
		showError(e, 'Loading models');
	}
}

async function refreshVersions() {
	try {
		await fillModelPicker($('model-select'), $('version-select'), { keepModel: true });
	}
	catch (e) {
		showError(e, 'Loading versions');
	}
}

/** The event's position in canvas pixels (the canvas may be shown smaller than 280 px). */
function point(event) {
	const canvas = pad.canvas;
	const rect = canvas.getBoundingClientRect();
	return {
		x: ((event.clientX - rect.left) * canvas.width) / rect.width,
		y: ((event.clientY - rect.top) * canvas.height) / rect.height,
	};
}

function startStroke(event) {
	if (event.pointerType === 'mouse' && event.button !== 0) {
		return;
	}
	event.preventDefault();
	pad.canvas.setPointerCapture(event.pointerId);
	if (showingTestImage) {
		clearAll();
	}
	const p = point(event);
	stroke = { id: event.pointerId, last: p };
	pad.beginPath();
	pad.arc(p.x, p.y, STROKE_WIDTH / 2, 0, 2 * Math.PI);
	pad.fill();
	inkChanged();
}

function continueStroke(event) {
	if (!stroke || event.pointerId !== stroke.id) {
		return;
	}
	const events = event.getCoalescedEvents ? event.getCoalescedEvents() : [];
	pad.beginPath();
	pad.moveTo(stroke.last.x, stroke.last.y);
	for (const e of events.length ? events : [event]) {
		stroke.last = point(e);
		pad.lineTo(stroke.last.x, stroke.last.y);
	}
	pad.stroke();
	inkChanged();
}

function endStroke(event) {
	if (stroke && event.pointerId === stroke.id) {
		stroke = null;
		inkChanged();
	}
}

/** Preprocesses at most once per animation frame, however many pointer events arrive. */
function inkChanged() {
	if (frameRequested) {
		return;
	}
	frameRequested = true;
	markBusy();
	requestAnimationFrame(() => {
		frameRequested = false;
		const { width, height } = pad.canvas;
		const pixels = toMnistInput(inkOf(pad.getImageData(0, 0, width, height)), width, height);
		paintPreview(preview, pixels);
		if (pixels) {
			predict(Array.from(pixels, (v) => Math.round(v * 10000) / 10000));
		}
		markBusy();
	});
}

/** aria-busy on the bars says whether an answer is still to come (tests wait on it too). */
function markBusy() {
	$('bars').setAttribute('aria-busy', String(frameRequested || inFlight || queuedPixels !== null));
}

function clearAll() {
	generation++;
	stroke = null;
	currentPixels = null;
	queuedPixels = null;
	pad.clearRect(0, 0, pad.canvas.width, pad.canvas.height);
	pad.lineWidth = STROKE_WIDTH;
	pad.lineCap = 'round';
	pad.lineJoin = 'round';
	pad.strokeStyle = '#000';
	pad.fillStyle = '#000';
	paintPreview(preview, null);
	showOutput(null);
	markBusy();
	$('true-label').textContent = '–';
	$('test-index').textContent = '';
	showingTestImage = false;
}

async function randomTestDigit() {
	const index = Math.floor(Math.random() * 10000);
	const image = await api(`/datasets/mnist/test/${index}`);
	clearAll();
	const scale = pad.canvas.width / SIZE;
	image.pixels.forEach((v, i) => {
		if (v > 0) {
			pad.fillStyle = `rgba(0, 0, 0, ${v})`;
			pad.fillRect((i % SIZE) * scale, Math.floor(i / SIZE) * scale, scale, scale);
		}
	});
	pad.fillStyle = '#000';
	paintPreview(preview, image.pixels);
	$('true-label').textContent = String(image.label);
	$('test-index').textContent = `(test image #${image.index})`;
	showingTestImage = true;
	predict(image.pixels);
}

function repredict() {
	if (currentPixels) {
		predict(currentPixels);
	}
}

/** Sends the newest input, one request in flight at a time; older queued inputs are dropped. */
function predict(pixels) {
	currentPixels = pixels;
	queuedPixels = pixels;
	markBusy();
	pump();
}

async function pump() {
	if (inFlight || !queuedPixels) {
		return;
	}
	const body = requestBody(queuedPixels);
	queuedPixels = null;
	if (!body.model) {
		say('No trained model yet: start a job in the Train view.');
		markBusy();
		return;
	}
	const sent = generation;
	inFlight = true;
	try {
		const answer = await api('/predict', { method: 'POST', body });
		if (sent === generation) {
			showOutput(answer);
			clearError();
		}
	}
	catch (e) {
		showError(e, 'Prediction');
	}
	finally {
		inFlight = false;
		markBusy();
		pump();
	}
}

function requestBody(pixels) {
	const body = { pixels };
	const model = $('model-select').value;
	if (model) {
		body.model = model;
	}
	const choice = $('version-select').value;
	if (choice.startsWith('v:')) {
		body.version = Number(choice.slice(2));
	}
	else if (choice.startsWith('a:')) {
		body.alias = choice.slice(2);
	}
	return body;
}

function buildBars() {
	const bars = $('bars');
	for (let digit = 0; digit < 10; digit++) {
		const item = document.createElement('li');
		item.dataset.digit = String(digit);
		item.innerHTML = `<span class="digit">${digit}</span><span class="track" aria-hidden="true"><span class="fill"></span></span><span class="value">–</span>`;
		bars.append(item);
	}
}

function showOutput(answer) {
	for (const item of $('bars').children) {
		const value = answer ? answer.output[Number(item.dataset.digit)] : null;
		item.querySelector('.fill').style.width = `${value === null ? 0 : Math.max(0, Math.min(1, value)) * 100}%`;
		item.querySelector('.value').textContent = value === null ? '–' : value.toFixed(3);
		item.classList.toggle('winner', answer !== null && answer.digit === Number(item.dataset.digit));
	}
	$('predicted-digit').textContent = answer ? String(answer.digit) : '–';
	$('predicted-version').textContent = answer ? `${answer.model} v${answer.version}` : '–';
}
