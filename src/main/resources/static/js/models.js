// The Models view: every model's versions, their test accuracy, aliases, each version's ONNX file,
// "Make production", and each alias's history with a "Roll back" button.

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
		const rollback = event.target.closest('button[data-action="rollback"]');
		if (rollback) {
			const { model, alias } = rollback.dataset;
			rollBack(model, alias).catch((e) => showError(e, `Rolling back ${alias} of ${model}`));
		}
	});
}

export async function showModels() {
	try {
		const models = await api('/models');
		const sections = await Promise.all(models.map(async (model) => {
			const [versions, histories] = await Promise.all([
				api(`/models/${encodeURIComponent(model.name)}/versions`), aliasHistories(model)]);
			return modelSection(model, versions, histories);
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
	focusHeading(`section.model[data-model="${CSS.escape(name)}"] h3`);
}

/**
 * POST .../rollback: the alias goes back to the version it held before. A refusal (409 when
 * its history holds no earlier version left) is shown with the problem's detail by the caller.
 */
async function rollBack(name, alias) {
	const path = `/models/${encodeURIComponent(name)}/aliases/${encodeURIComponent(alias)}/rollback`;
	const state = await api(path, { method: 'POST' });
	await showModels();
	say(`${alias} of ${name} rolled back from v${state.move.from} to v${state.version}.`);
	focusHeading(`section.alias[data-model="${CSS.escape(name)}"][data-alias="${CSS.escape(alias)}"] h4`);
}

function focusHeading(selector) {
	const heading = $('models').querySelector(selector);
	if (heading) {
		heading.focus();
	}
}

/** Each alias's moves, newest first, by alias name; an error instead when they cannot be read. */
async function aliasHistories(model) {
	const names = Object.keys(model.aliases || {}).sort();
	const histories = await Promise.all(names.map((alias) => api(
		`/models/${encodeURIComponent(model.name)}/aliases/${encodeURIComponent(alias)}/history`)
		.catch((e) => e)));
	return names.map((alias, i) => ({ alias, version: model.aliases[alias], history: histories[i] }));
}

function modelSection(model, versions, histories) {
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
	section.append(heading, aliases, wrap, ...histories.map((h) => aliasSection(model, h)));
	return section;
}

/** One alias: where it points, a "Roll back" button and its history table. */
function aliasSection(model, { alias, version, history }) {
	const section = document.createElement('section');
	section.className = 'alias';
	section.dataset.model = model.name;
	section.dataset.alias = alias;
	const heading = document.createElement('h4');
	heading.id = `alias-${model.name}-${alias}`;
	heading.tabIndex = -1;
	heading.textContent = `Alias ${alias} → v${version}`;
	section.setAttribute('aria-labelledby', heading.id);
	const button = document.createElement('button');
	button.type = 'button';
	button.dataset.action = 'rollback';
	button.dataset.model = model.name;
	button.dataset.alias = alias;
	button.textContent = 'Roll back';
	button.setAttribute('aria-label', `Roll back ${alias} of ${model.name} to its previous version`);
	const top = document.createElement('div');
	top.className = 'alias-head';
	top.append(heading, button);
	section.append(top);
	if (history instanceof Error) {
		const problem = document.createElement('p');
		problem.className = 'error-text';
		problem.textContent = `Its history could not be read: ${history.message}`;
		section.append(problem);
		return section;
	}
	const wrap = document.createElement('div');
	wrap.className = 'table-wrap';
	wrap.append(historyTable(model, alias, history));
	section.append(wrap);
	return section;
}

function historyTable(model, alias, moves) {
	const table = document.createElement('table');
	table.className = 'history';
	table.createCaption().textContent = `History of ${alias} (${model.name}), newest first`;
	const head = table.createTHead().insertRow();
	for (const title of ['When', 'From', 'To', 'Change', 'By', 'Reason']) {
		const th = document.createElement('th');
		th.scope = 'col';
		th.textContent = title;
		head.append(th);
	}
	const body = table.createTBody();
	for (const move of moves) {
		const row = body.insertRow();
		row.dataset.rollback = String(Boolean(move.rollback));
		row.insertCell().append(timeElement(move.at));
		row.insertCell().textContent = versionText(move.from);
		row.insertCell().textContent = versionText(move.to);
		row.insertCell().append(changeText(move));
		row.insertCell().textContent = move.by || '–';
		row.insertCell().textContent = move.reason || '–';
		if (move.rollback) {
			row.classList.add('rollback');
		}
	}
	return table;
}

function versionText(version) {
	return version === null || version === undefined ? '–' : `v${version}`;
}

/** What the move was: a rollback is marked, a deletion and the first move said in words. */
function changeText(move) {
	if (move.rollback) {
		const mark = document.createElement('strong');
		mark.className = 'rollback-mark';
		mark.textContent = '↶ rollback';
		return mark;
	}
	if (move.to === null || move.to === undefined) {
		return 'deleted';
	}
	return move.from === null || move.from === undefined ? 'created' : 'moved';
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
