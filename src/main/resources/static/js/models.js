// The Models view: every model's versions, their test accuracy, aliases, each version's ONNX file,
// and "Make production".

import { api, say, showError } from './api.js';
import { percent, timeElement } from './format.js';

const $ = (id) => document.getElementById(id);

export function initModels() {
	$('refresh-models').addEventListener('click', showModels);
	$('models').addEventListener('click', (event) => {
		const button = event.target.closest('button[data-action="make-production"]');
		if (button) {
			const { model, version } = button.dataset;
			makeProduction(model, Number(version)).catch((e) => showError(e, 'Setting production'));
		}
	});
}

export async function showModels() {
	try {
		const models = await api('/models');
		const sections = await Promise.all(models.map(async (model) => {
			const versions = await api(`/models/${encodeURIComponent(model.name)}/versions`);
			return modelSection(model, versions);
		}));
		if (sections.length === 0) {
			const empty = document.createElement('p');
			empty.textContent = 'No models yet: a job that succeeds in the Train view saves one.';
			sections.push(empty);
		}
		$('models').replaceChildren(...sections);
	}
	catch (e) {
		showError(e, 'Loading models');
	}
}

async function makeProduction(name, version) {
	await api(`/models/${encodeURIComponent(name)}/aliases/production`, { method: 'PUT', body: { version } });
	await showModels();
	say(`production now points at ${name} v${version}.`);
	// the pressed button was replaced (and is now disabled): keep keyboard users in place
	const heading = [...$('models').querySelectorAll('section.model h3')].find((h) => h.textContent === name);
	if (heading) {
		heading.focus();
	}
}

function modelSection(model, versions) {
	const section = document.createElement('section');
	section.className = 'model';
	section.dataset.model = model.name;
	const heading = document.createElement('h3');
	heading.textContent = model.name;
	heading.tabIndex = -1;
	const aliases = document.createElement('p');
	const entries = Object.entries(model.aliases || {});
	aliases.textContent = entries.length
		? `Aliases: ${entries.map(([alias, v]) => `${alias} → v${v}`).join(', ')}`
		: 'No aliases: predictions use the latest version.';
	const wrap = document.createElement('div');
	wrap.className = 'table-wrap';
	wrap.append(versionTable(model, versions));
	section.append(heading, aliases, wrap);
	return section;
}

function versionTable(model, versions) {
	const table = document.createElement('table');
	table.createCaption().textContent = `Versions of ${model.name}`;
	const head = table.createTHead().insertRow();
	for (const title of ['Version', 'Test accuracy', 'Created', 'Network', 'Aliases', 'Download', '']) {
		const th = document.createElement('th');
		th.scope = 'col';
		th.textContent = title;
		head.append(th);
	}
	const body = table.createTBody();
	for (const v of [...versions].sort((a, b) => b.version - a.version)) {
		body.append(versionRow(model, v));
	}
	return table;
}

function versionRow(model, v) {
	const aliases = Object.entries(model.aliases || {}).filter(([, version]) => version === v.version).map(([a]) => a);
	const row = document.createElement('tr');
	row.dataset.version = String(v.version);
	row.insertCell().textContent = `v${v.version}`;
	row.insertCell().textContent = percent(v.accuracy);
	row.insertCell().append(timeElement(v.createdAt));
	row.insertCell().textContent = describe(v);
	row.insertCell().textContent = aliases.join(', ') || '–';
	row.insertCell().append(v.status === 'CORRUPT' ? '–' : onnxLink(model, v));
	const button = document.createElement('button');
	button.type = 'button';
	button.dataset.action = 'make-production';
	button.dataset.model = model.name;
	button.dataset.version = String(v.version);
	button.textContent = 'Make production';
	button.setAttribute('aria-label', `Make ${model.name} v${v.version} production`);
	button.disabled = aliases.includes('production') || v.status === 'CORRUPT';
	row.insertCell().append(button);
	if (v.status === 'CORRUPT') {
		row.classList.add('corrupt');
		row.cells[3].textContent = `corrupt: ${v.problem || 'checksum mismatch'}`;
	}
	return row;
}

/** The version as an ONNX file (GET /models/{name}/versions/{v}/model.onnx). */
function onnxLink(model, v) {
	const link = document.createElement('a');
	link.href = `/models/${encodeURIComponent(model.name)}/versions/${v.version}/model.onnx`;
	link.download = `${model.name}-v${v.version}.onnx`;
	link.dataset.action = 'onnx';
	link.textContent = 'ONNX';
	link.setAttribute('aria-label', `Download ${model.name} v${v.version} as ONNX`);
	return link;
}

function describe(v) {
	const layers = Array.isArray(v.layers) ? v.layers.join('-') : '';
	const imported = v.importedFrom ? `imported from ${v.importedFrom.producer || v.importedFrom.format}` : '';
	const optimizer = v.optimizer ? `${v.optimizer.name} η=${v.optimizer.learningRate}` : '';
	return [layers, [v.hiddenActivation, v.outputActivation].filter(Boolean).join('/'), v.cost, optimizer, imported]
		.filter(Boolean)
		.join(' · ');
}
