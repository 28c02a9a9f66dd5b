// Fills the model and version-or-alias pickers from GET /models and GET /models/{name}/versions.

import { api } from './api.js';
import { percent } from './format.js';

/**
 * Refills both pickers, keeping the current choices when they still exist. The first
 * version option (value "") sends no version, so the service picks its default: the
 * production alias when set, else the latest version.
 */
export async function fillModelPicker(modelSelect, versionSelect, { keepModel = false } = {}) {
	const chosen = modelSelect.value;
	if (!keepModel || !chosen) {
		const models = await api('/models');
		fillModels(modelSelect, models, chosen);
	}
	const model = modelSelect.value;
	if (!model) {
		versionSelect.replaceChildren(new Option('(none)', ''));
		versionSelect.disabled = true;
		return;
	}
	const summary = JSON.parse(modelSelect.selectedOptions[0].dataset.summary);
	const versions = await api(`/models/${encodeURIComponent(model)}/versions`);
	fillVersions(versionSelect, summary, versions);
}

function fillModels(select, models, chosen) {
	select.replaceChildren();
	for (const model of models) {
		const option = new Option(model.name, model.name);
		option.dataset.summary = JSON.stringify(model);
		select.append(option);
	}
	select.disabled = models.length === 0;
	if (models.length === 0) {
		select.append(new Option('(no models yet)', ''));
	}
	const names = models.map((m) => m.name);
	select.value = names.includes(chosen) ? chosen : names.includes('mnist') ? 'mnist' : names[0] || '';
}

function fillVersions(select, summary, versions) {
	const chosen = select.value;
	const aliases = Object.entries(summary.aliases || {});
	const production = summary.aliases && summary.aliases.production;
	const latest = summary.latestVersion ? `latest: v${summary.latestVersion}` : 'no versions';
	const fallback = production ? `production → v${production}` : latest;
	const options = [new Option(`Default (${fallback})`, '')];
	for (const [alias, version] of aliases) {
		options.push(new Option(`alias ${alias} → v${version}`, `a:${alias}`));
	}
	for (const v of [...versions].sort((a, b) => b.version - a.version)) {
		const accuracy = v.accuracy === undefined || v.accuracy === null ? '' : ` · ${percent(v.accuracy)}`;
		options.push(new Option(`v${v.version}${accuracy}`, `v:${v.version}`));
	}
	select.replaceChildren(...options);
	select.disabled = false;
	select.value = options.some((o) => o.value === chosen) ? chosen : '';
}
