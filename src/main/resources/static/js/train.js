// The Train view: the hyperparameter form, the jobs list and the selected job's live chart.

import { api, openEvents, say, showError } from './api.js';
import { drawChart } from './chart.js';
import { percent, timeElement } from './format.js';

const ACTIVE = ['QUEUED', 'RUNNING'];
const POLL_MS = 5000;

const $ = (id) => document.getElementById(id);

let selectedId = null;
let timer = null;
let round = 0;
/** The selected job's record and its event stream (GET /jobs/{id}/events), while it runs. */
let selected = null;
let source = null;

export function initTrain() {
	$('train-form').addEventListener('submit', (event) => {
		event.preventDefault();
		submitJob().catch((e) => {
			showError(e, 'Starting the job');
			markFields(e.fields ? e.fields() : []);
		});
	});
	$('jobs').addEventListener('click', (event) => {
		const button = event.target.closest('button[data-job]');
		if (button) {
			selectJob(button.dataset.job).catch((e) => showError(e, 'Loading the job'));
		}
	});
	$('cancel-job').addEventListener('click', () => cancelJob().catch((e) => showError(e, 'Cancelling the job')));
}

/**
 * While the view is shown: the selected job follows its Server-Sent Events stream (one
 * event per finished epoch, then its end), and the jobs list is refreshed every few seconds.
 */
export function showTrain() {
	stopPolling();
	fillDatasets().catch((e) => showError(e, 'Loading the data sets'));
	poll(++round);
	if (selectedId) {
		selectJob(selectedId).catch((e) => showError(e, 'Loading the job'));
	}
}

function datasetOption(d) {
	const option = new Option(`${d.name} (${d.trainSize})`, d.name);
	option.title = `${d.trainSize} training and ${d.testSize} test images`;
	return option;
}

/** Refills the data set picker from GET /datasets, keeping the current choice when it still exists. */
async function fillDatasets() {
	const select = $('train-dataset');
	const chosen = select.value;
	const datasets = await api('/datasets');
	select.replaceChildren(...datasets.map(datasetOption));
	select.value = datasets.some((d) => d.name === chosen) ? chosen : 'mnist';
}

export function hideTrain() {
	stopPolling();
	closeStream();
}

function closeStream() {
	if (source) {
		source.close();
		source = null;
	}
}

/**
 * Follows a job's event stream. A stream that drops is reopened by EventSource itself with
 * Last-Event-ID, so no epoch is missed; after the end event the record is read once more.
 */
function follow(job) {
	closeStream();
	if (!ACTIVE.includes(job.state)) {
		return;
	}
	let stream = null;
	const mine = () => stream === source && selected && selected.id === job.id;
	stream = openEvents(`/jobs/${encodeURIComponent(job.id)}/events`, {
		epoch: (epoch) => {
			if (!mine() || selected.history.some((h) => h.epoch === epoch.epoch)) {
				return;
			}
			selected.history = [...selected.history, epoch].sort((a, b) => a.epoch - b.epoch);
			selected.epochsCompleted = selected.history.length;
			selected.state = 'RUNNING';
			selected.remainingSeconds = epoch.remainingSeconds;
			showJob(selected);
		},
		end: () => {
			if (!mine()) {
				return;
			}
			closeStream();
			reload(job.id);
		},
	});
	source = stream;
}

/** Reads a job's record once it has ended. */
function reload(id) {
	api(`/jobs/${encodeURIComponent(id)}`)
		.then((done) => {
			selected = done;
			showJob(done);
			return refreshJobs();
		})
		.catch((e) => showError(e, 'Loading the job'));
}

function stopPolling() {
	round++;
	clearTimeout(timer);
}

/** One polling round; a round started before the view was hidden or re-shown stops itself. */
async function poll(mine) {
	try {
		await refreshJobs();
	}
	catch (e) {
		showError(e, 'Refreshing jobs');
	}
	if (mine === round) {
		timer = setTimeout(() => poll(mine), POLL_MS);
	}
}

/** Redraws the jobs list and answers the jobs on it (whole records, history included). */
async function refreshJobs() {
	const page = await api('/jobs?page=0&size=20');
	const rows = page.content.map(jobRow);
	$('jobs').replaceChildren(...rows);
	if (rows.length === 0) {
		const row = $('jobs').insertRow();
		const cell = row.insertCell();
		cell.colSpan = 5;
		cell.textContent = 'No jobs yet.';
	}
	return page.content;
}

function jobRow(job) {
	const row = document.createElement('tr');
	row.dataset.jobId = job.id;
	row.dataset.state = job.state;
	const button = document.createElement('button');
	button.type = 'button';
	button.className = 'link';
	button.dataset.job = job.id;
	button.textContent = job.id;
	if (job.id === selectedId) {
		row.classList.add('selected');
		button.setAttribute('aria-current', 'true');
	}
	row.insertCell().append(button);
	row.insertCell().textContent = modelOf(job);
	row.insertCell().textContent = job.state;
	row.insertCell().append(...progressOf(job));
	row.insertCell().append(timeElement(job.createdAt));
	return row;
}

function modelOf(job) {
	return job.model ? `${job.model.name} v${job.model.version}` : job.request.model;
}

function progressOf(job) {
	const bar = document.createElement('progress');
	bar.max = job.request.epochs;
	bar.value = job.epochsCompleted;
	bar.setAttribute('aria-label', `epochs completed of job ${job.id}`);
	return [bar, ` ${job.epochsCompleted}/${job.request.epochs}`];
}

async function selectJob(id) {
	selectedId = id;
	for (const row of $('jobs').rows) {
		row.classList.toggle('selected', row.dataset.jobId === id);
	}
	selected = await api(`/jobs/${encodeURIComponent(id)}`);
	showJob(selected);
	follow(selected);
}

function showJob(job) {
	if (job.id !== selectedId) {
		return;
	}
	$('job-detail').hidden = false;
	$('job-id').textContent = job.id;
	$('job-state').textContent = job.state;
	const left = ACTIVE.includes(job.state) && job.remainingSeconds > 0
		? ` · about ${Math.round(job.remainingSeconds)} s left` : '';
	$('job-progress').textContent = `epoch ${job.epochsCompleted} of ${job.request.epochs}`
			+ ` · data set ${job.request.dataset}`
			+ (job.model ? ` · saved as ${job.model.name} v${job.model.version}` : '') + left;
	$('cancel-job').hidden = !ACTIVE.includes(job.state);
	$('job-error').textContent = job.error || '';
	drawChart($('job-chart'), job.history, job.request.epochs);
	$('epochs').replaceChildren(...job.history.map(epochRow));
}

function epochRow(h) {
	const row = document.createElement('tr');
	row.insertCell().textContent = String(h.epoch);
	row.insertCell().textContent = h.cost.toFixed(4);
	row.insertCell().textContent = percent(h.accuracy);
	row.insertCell().textContent = percent(h.validationAccuracy);
	row.insertCell().textContent = h.seconds.toFixed(2);
	return row;
}

async function cancelJob() {
	const job = await api(`/jobs/${encodeURIComponent(selectedId)}`, { method: 'DELETE' });
	closeStream();
	selected = job;
	showJob(job);
	say(`Job ${job.id} cancelled.`);
	await refreshJobs();
}

async function submitJob() {
	const form = $('train-form');
	const body = {};
	for (const input of form.querySelectorAll('select')) {
		body[input.name] = input.value;
	}
	body.model = form.elements.model.value.trim();
	body.layers = form.elements.layers.value.split(',').map((s) => s.trim());
	if (!body.layers.every((s) => /^\d+$/.test(s))) {
		return invalid('layers', 'Layers must be whole numbers separated by commas, e.g. 784,30,10.');
	}
	body.layers = body.layers.map(Number);
	for (const name of ['epochs', 'batchSize', 'learningRate', 'learningRateDecay', 'l2', 'trainingLimit', 'validationSize']) {
		const text = form.elements[name].value.trim();
		if (text === '' || !Number.isFinite(Number(text))) {
			return invalid(name, `${form.elements[name].labels[0].textContent} must be a number.`);
		}
		body[name] = Number(text);
	}
	const seed = form.elements.seed.value.trim();
	if (seed !== '' && !/^-?\d{1,19}$/.test(seed)) {
		return invalid('seed', 'Seed must be a whole number, or empty for a random one.');
	}
	// a seed is a 64-bit long: splice its digits in so JavaScript numbers cannot round it
	const json = JSON.stringify(body);
	const rawBody = seed === '' ? json : `${json.slice(0, -1)},"seed":${seed}}`;
	const job = await api('/jobs', { method: 'POST', rawBody });
	say(`Job ${job.id} queued: ${job.request.epochs} epochs of ${job.request.model}.`);
	selectedId = job.id;
	selected = job;
	showJob(job);
	follow(job);
	await refreshJobs();
}

function invalid(name, message) {
	markFields([name]);
	showError(message);
}

/** Marks the named form fields invalid until edited, and focuses the first. */
function markFields(names) {
	const inputs = names.map((name) => $('train-form').elements[name]).filter((input) => input instanceof HTMLElement);
	for (const input of inputs) {
		input.setAttribute('aria-invalid', 'true');
		input.addEventListener('input', () => input.removeAttribute('aria-invalid'), { once: true });
	}
	if (inputs.length) {
		inputs[0].focus();
	}
}
