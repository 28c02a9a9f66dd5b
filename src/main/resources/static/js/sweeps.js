// The Sweeps view: start a sweep from the Train form's fields with one field swept over a
// range, list the sweeps, and for the selected one its trials and a chart of validation
// accuracy against the swept value, the best trial marked. It follows GET /sweeps/{id}/events.

import { api, openEvents, say, showError } from './api.js';
import { percent } from './format.js';

const NS = 'http://www.w3.org/2000/svg';
const W = 600;
const H = 300;
const PAD = { left: 56, right: 24, top: 24, bottom: 44 };
const POLL_MS = 5000;

const $ = (id) => document.getElementById(id);

let selectedId = null;
let source = null;
let timer = null;

export function initSweeps() {
	$('sweep-form').addEventListener('submit', (event) => {
		event.preventDefault();
		startSweep().catch((e) => {
			showError(e, 'Starting the sweep');
			markFields(e.fields ? e.fields() : []);
		});
	});
	$('sweeps').addEventListener('click', (event) => {
		const button = event.target.closest('button[data-sweep]');
		if (button) {
			selectSweep(button.dataset.sweep).catch((e) => showError(e, 'Loading the sweep'));
		}
	});
	$('cancel-sweep').addEventListener('click', () => cancelSweep().catch((e) => showError(e, 'Cancelling the sweep')));
}

export function showSweeps() {
	hideSweeps();
	const refresh = () => {
		refreshSweeps().catch((e) => showError(e, 'Refreshing sweeps'));
		timer = setTimeout(refresh, POLL_MS);
	};
	refresh();
	if (selectedId) {
		selectSweep(selectedId).catch((e) => showError(e, 'Loading the sweep'));
	}
}

export function hideSweeps() {
	clearTimeout(timer);
	if (source) {
		source.close();
		source = null;
	}
}

/** The Train form's job, as the base request of every trial. */
function baseRequest() {
	const form = $('train-form');
	const base = {};
	for (const input of form.querySelectorAll('select')) {
		base[input.name] = input.value;
	}
	base.model = form.elements.model.value.trim();
	base.layers = form.elements.layers.value.split(',').map((s) => Number(s.trim()));
	for (const name of ['epochs', 'batchSize', 'learningRate', 'learningRateDecay', 'l2', 'trainingLimit']) {
		base[name] = Number(form.elements[name].value);
	}
	return base;
}

async function startSweep() {
	const form = $('sweep-form');
	const number = (name) => Number(form.elements[name].value);
	const field = form.elements.field.value;
	const algorithm = form.elements.algorithm.value;
	const range = { min: number('min'), max: number('max'), scale: form.elements.scale.value };
	if (algorithm === 'grid') {
		range.count = number('maxTrials');
	}
	const body = {
		base: { ...baseRequest(), validationSize: number('validationSize') },
		space: { [field]: range },
		algorithm,
		parallelTrials: number('parallelTrials'),
	};
	if (algorithm === 'random') {
		body.maxTrials = number('maxTrials');
	}
	if (form.elements.afterEpochs.value.trim() !== '') {
		body.earlyStopping = { rule: 'median', afterEpochs: number('afterEpochs') };
	}
	if (form.elements.promote.value.trim() !== '') {
		body.promote = { alias: form.elements.promote.value.trim() };
	}
	const json = JSON.stringify(body);
	const seed = form.elements.seed.value.trim();
	if (seed !== '' && !/^-?\d{1,19}$/.test(seed)) {
		markFields(['seed']);
		showError('Seed must be a whole number, or empty for a random one.');
		return;
	}
	const rawBody = seed === '' ? json : `${json.slice(0, -1)},"seed":${seed}}`;
	const sweep = await api('/sweeps', { method: 'POST', rawBody });
	say(`Sweep ${sweep.id} started: ${sweep.trials.length} trials of ${field}.`);
	await refreshSweeps();
	await selectSweep(sweep.id);
}

async function refreshSweeps() {
	const sweeps = await api('/sweeps');
	const rows = sweeps.slice(0, 20).map(sweepRow);
	$('sweeps').replaceChildren(...rows);
	if (rows.length === 0) {
		const cell = $('sweeps').insertRow().insertCell();
		cell.colSpan = 4;
		cell.textContent = 'No sweeps yet.';
	}
}

function sweepRow(sweep) {
	const row = document.createElement('tr');
	row.dataset.sweepId = sweep.id;
	row.dataset.state = sweep.state;
	row.classList.toggle('selected', sweep.id === selectedId);
	const button = document.createElement('button');
	button.type = 'button';
	button.className = 'link';
	button.dataset.sweep = sweep.id;
	button.textContent = sweep.id;
	row.insertCell().append(button);
	row.insertCell().textContent = sweep.state;
	const done = sweep.trials.filter((t) => !['PENDING', 'QUEUED', 'RUNNING'].includes(t.state)).length;
	row.insertCell().textContent = `${done}/${sweep.trials.length}`;
	row.insertCell().textContent = sweep.best ? percent(sweep.best.validationAccuracy) : '–';
	return row;
}

async function selectSweep(id) {
	selectedId = id;
	if (source) {
		source.close();
	}
	const sweep = await api(`/sweeps/${encodeURIComponent(id)}`);
	showSweep(sweep);
	if (sweep.state !== 'RUNNING') {
		source = null;
		return;
	}
	// every event means the sweep's record moved on: read it again and redraw
	const reload = () => api(`/sweeps/${encodeURIComponent(id)}`)
		.then((s) => { if (selectedId === id) { showSweep(s); } })
		.catch((e) => showError(e, 'Loading the sweep'));
	// every event means the sweep's record moved on: read it again and redraw
	const stream = openEvents(`/sweeps/${encodeURIComponent(id)}/events`, {
		epoch: reload,
		trial: reload,
		end: () => {
			stream.close();
			reload().then(refreshSweeps);
		},
	});
	source = stream;
}

function showSweep(sweep) {
	$('sweep-detail').hidden = false;
	$('sweep-id').textContent = sweep.id;
	$('sweep-state').textContent = sweep.state;
	$('cancel-sweep').hidden = sweep.state !== 'RUNNING';
	const best = sweep.best;
	$('sweep-summary').textContent = best
		? `best: trial ${best.trial}, validation ${percent(best.validationAccuracy)}, test ${percent(best.testAccuracy)}`
			+ `, ${best.model.name} v${best.model.version}`
			+ (sweep.promotion ? (sweep.promotion.promoted ? ` · promoted to ${sweep.promotion.alias}`
				: ` · not promoted: ${sweep.promotion.reason}`) : '')
		: (sweep.error || `${sweep.trials.length} trials`);
	$('trials').replaceChildren(...sweep.trials.map((t) => trialRow(t, best)));
	drawSweepChart(sweep);
}

function trialRow(trial, best) {
	const row = document.createElement('tr');
	row.dataset.state = trial.state;
	row.classList.toggle('best', Boolean(best) && best.trial === trial.trial);
	row.insertCell().textContent = String(trial.trial);
	row.insertCell().textContent = trial.job || '–';
	row.insertCell().textContent = Object.entries(trial.parameters).map(([k, v]) => `${k} ${v}`).join(', ');
	row.insertCell().textContent = trial.state;
	row.insertCell().textContent = String(trial.epochsCompleted);
	row.insertCell().textContent = percent(trial.validationAccuracy);
	return row;
}

function el(name, attributes, text) {
	const node = document.createElementNS(NS, name);
	for (const [key, value] of Object.entries(attributes)) {
		node.setAttribute(key, value);
	}
	if (text !== undefined) {
		node.textContent = text;
	}
	return node;
}

/** Validation accuracy (y) against the first swept field (x, log when its scale is), best marked. */
function drawSweepChart(sweep) {
	const svg = $('sweep-chart');
	const title = svg.querySelector('title');
	svg.replaceChildren(title);
	const field = Object.keys(sweep.request.space).sort()[0];
	const log = sweep.request.space[field].scale === 'log';
	const points = sweep.trials.filter((t) => t.validationAccuracy !== null && typeof t.parameters[field] === 'number');
	const xs = points.map((t) => t.parameters[field]);
	const f = (v) => (log ? Math.log10(v) : v);
	const lo = xs.length ? Math.min(...xs.map(f)) : 0;
	const hi = xs.length ? Math.max(...xs.map(f)) : 1;
	const span = hi - lo || 1;
	const x = (v) => PAD.left + ((f(v) - lo) / span) * (W - PAD.left - PAD.right);
	const y = (a) => PAD.top + (1 - a) * (H - PAD.top - PAD.bottom);
	const bottom = H - PAD.bottom;
	svg.append(el('line', { x1: PAD.left, y1: bottom, x2: W - PAD.right, y2: bottom, class: 'axis' }));
	svg.append(el('line', { x1: PAD.left, y1: PAD.top, x2: PAD.left, y2: bottom, class: 'axis' }));
	for (let i = 0; i <= 4; i++) {
		svg.append(el('text', { x: PAD.left - 6, y: y(i / 4) + 4, class: 'tick', 'text-anchor': 'end' }, `${i * 25}%`));
	}
	for (const v of [...new Set(xs)].sort((a, b) => a - b).slice(0, 8)) {
		svg.append(el('text', { x: x(v), y: bottom + 16, class: 'tick', 'text-anchor': 'middle' }, String(Number(v.toPrecision(3)))));
	}
	svg.append(el('text', { x: (PAD.left + W - PAD.right) / 2, y: H - 6, class: 'axis-label', 'text-anchor': 'middle' },
			`${field}${log ? ' (log scale)' : ''}`));
	for (const t of points) {
		const isBest = sweep.best && sweep.best.trial === t.trial;
		const point = el('circle', { cx: x(t.parameters[field]), cy: y(t.validationAccuracy), r: isBest ? 7 : 4,
			class: isBest ? 'trial-point best-point' : `trial-point ${t.state.toLowerCase()}`, 'data-trial': t.trial });
		point.append(el('title', {}, `trial ${t.trial}: ${field} ${t.parameters[field]}, validation ${percent(t.validationAccuracy)} (${t.state})`));
		svg.append(point);
	}
	title.textContent = sweep.best
		? `Validation accuracy against ${field}: best trial ${sweep.best.trial}, ${percent(sweep.best.validationAccuracy)}`
		: `Validation accuracy against ${field}: ${points.length} trials so far`;
}

async function cancelSweep() {
	const sweep = await api(`/sweeps/${encodeURIComponent(selectedId)}`, { method: 'DELETE' });
	if (source) {
		source.close();
		source = null;
	}
	showSweep(sweep);
	say(`Sweep ${sweep.id} cancelled.`);
	await refreshSweeps();
}

/** Marks the named sweep form fields invalid until edited (space.x.min → min). */
function markFields(names) {
	const form = $('sweep-form');
	const inputs = names
		.map((name) => form.elements[name.split('.').pop().replace(/\[.*$/, '')])
		.filter((input) => input instanceof HTMLElement);
	for (const input of inputs) {
		input.setAttribute('aria-invalid', 'true');
		input.addEventListener('input', () => input.removeAttribute('aria-invalid'), { once: true });
	}
	if (inputs.length) {
		inputs[0].focus();
	}
}
