// descent's web page: hash routing between the Predict, Train and Models views.
// Plain ES modules, no build step, nothing fetched from anywhere but this service.

import { apiKey, say, setApiKey } from './js/api.js';
import { initModels, showModels } from './js/models.js';
import { initPredict, showPredict } from './js/predict.js';
import { hideSweeps, initSweeps, showSweeps } from './js/sweeps.js';
import { hideTrain, initTrain, showTrain } from './js/train.js';

const VIEWS = {
	predict: { show: showPredict },
	train: { show: showTrain, hide: hideTrain },
	sweeps: { show: showSweeps, hide: hideSweeps },
	models: { show: showModels },
};

let current = null;

function route({ focus }) {
	const name = location.hash.replace(/^#\/?/, '');
	const next = name in VIEWS ? name : 'predict';
	if (current && current !== next && VIEWS[current].hide) {
		VIEWS[current].hide();
	}
	for (const view of Object.keys(VIEWS)) {
		document.getElementById(`view-${view}`).hidden = view !== next;
		const link = document.getElementById(`nav-${view}`);
		if (view === next) {
			link.setAttribute('aria-current', 'page');
		}
		else {
			link.removeAttribute('aria-current');
		}
	}
	if (current && current !== next) {
		say('');
	}
	current = next;
	document.title = `descent · ${next[0].toUpperCase()}${next.slice(1)}`;
	if (focus) {
		document.getElementById(`${next}-heading`).focus();
	}
	VIEWS[next].show();
}

function initApiKey() {
	const input = document.getElementById('api-key');
	input.value = apiKey();
	input.addEventListener('change', () => setApiKey(input.value.trim()));
	document.getElementById('api-key-form').addEventListener('submit', (event) => {
		event.preventDefault();
		setApiKey(input.value.trim());
		say(input.value.trim() ? 'API key set for this tab.' : 'API key removed.');
	});
}

initApiKey();
initPredict();
initTrain();
initSweeps();
initModels();
window.addEventListener('hashchange', () => route({ focus: true }));
route({ focus: false });
