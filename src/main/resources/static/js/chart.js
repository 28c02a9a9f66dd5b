// A hand-drawn SVG chart of a job's cost (left axis) and test accuracy (right axis) per epoch.

import { percent } from './format.js';

const NS = 'http://www.w3.org/2000/svg';
const W = 600;
const H = 300;
const PAD = { left: 56, right: 56, top: 30, bottom: 44 };

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

/** A round tick step (1, 2, 2.5 or 5 × 10^k) giving about five ticks up to max. */
function niceStep(max) {
	const raw = max / 5;
	const power = 10 ** Math.floor(Math.log10(raw));
	return [1, 2, 2.5, 5, 10].map((m) => m * power).find((step) => step >= raw);
}

/**
 * Redraws the chart for a history of {epoch, cost, accuracy, seconds} over the planned
 * number of epochs. Each epoch gets one point per series (circle.cost-point, circle.accuracy-point).
 */
export function drawChart(svg, history, plannedEpochs) {
	const title = svg.querySelector('title');
	svg.replaceChildren(title);
	const epochs = Math.max(plannedEpochs || 1, history.length, 1);
	const highestCost = Math.max(0, ...history.map((h) => h.cost));
	const costStep = highestCost > 0 ? niceStep(highestCost) : 0.2;
	const costMax = Math.max(costStep, Math.ceil(highestCost / costStep - 1e-9) * costStep);
	const lowestAccuracy = Math.min(1, ...history.map((h) => h.accuracy));
	const accuracyMin = Math.max(0, Math.floor(lowestAccuracy * 10 - 1e-9) / 10);
	const x = (epoch) => PAD.left + (epochs === 1 ? 0.5 : (epoch - 1) / (epochs - 1)) * (W - PAD.left - PAD.right);
	const yCost = (cost) => PAD.top + (1 - cost / costMax) * (H - PAD.top - PAD.bottom);
	const yAccuracy = (a) => PAD.top + (1 - (a - accuracyMin) / (1 - accuracyMin || 1)) * (H - PAD.top - PAD.bottom);
	drawAxes(svg, epochs, x, { max: costMax, step: costStep }, yCost, accuracyMin, yAccuracy);
	drawSeries(svg, history, x, (h) => yCost(h.cost), 'cost');
	drawSeries(svg, history, x, (h) => yAccuracy(h.accuracy), 'accuracy');
	drawLegend(svg);
	title.textContent = history.length
		? `Cost and accuracy per epoch: after epoch ${history.length}, cost ${history.at(-1).cost.toFixed(4)}, accuracy ${percent(history.at(-1).accuracy)}`
		: 'Cost and accuracy per epoch: no epoch finished yet';
}

function drawAxes(svg, epochs, x, costTicks, yCost, accuracyMin, yAccuracy) {
	const bottom = H - PAD.bottom;
	svg.append(el('line', { x1: PAD.left, y1: bottom, x2: W - PAD.right, y2: bottom, class: 'axis' }));
	svg.append(el('line', { x1: PAD.left, y1: PAD.top, x2: PAD.left, y2: bottom, class: 'axis' }));
	svg.append(el('line', { x1: W - PAD.right, y1: PAD.top, x2: W - PAD.right, y2: bottom, class: 'axis' }));
	const ticks = Math.round(costTicks.max / costTicks.step);
	for (let i = 0; i <= ticks; i++) {
		const cost = costTicks.step * i;
		const y = yCost(cost);
		svg.append(el('line', { x1: PAD.left, y1: y, x2: W - PAD.right, y2: y, class: 'grid' }));
		svg.append(el('text', { x: PAD.left - 6, y: y + 4, class: 'tick cost', 'text-anchor': 'end' }, formatCost(cost)));
	}
	for (let i = 0; i <= 4; i++) {
		const accuracy = accuracyMin + ((1 - accuracyMin) * i) / 4;
		svg.append(el('text', { x: W - PAD.right + 6, y: yAccuracy(accuracy) + 4, class: 'tick accuracy' },
				`${Math.round(accuracy * 1000) / 10}%`));
	}
	const step = Math.max(1, Math.ceil(epochs / 10));
	for (let epoch = 1; epoch <= epochs; epoch += step) {
		svg.append(el('text', { x: x(epoch), y: bottom + 16, class: 'tick', 'text-anchor': 'middle' }, String(epoch)));
	}
	svg.append(el('text', { x: (PAD.left + W - PAD.right) / 2, y: H - 6, class: 'axis-label', 'text-anchor': 'middle' }, 'epoch'));
}

function formatCost(cost) {
	return String(Number(cost.toPrecision(3)));
}

function drawSeries(svg, history, x, y, name) {
	if (history.length > 1) {
		const points = history.map((h) => `${x(h.epoch)},${y(h)}`).join(' ');
		svg.append(el('polyline', { points, class: `line ${name}` }));
	}
	for (const h of history) {
		const point = el('circle', { cx: x(h.epoch), cy: y(h), r: 4, class: `${name}-point`, 'data-epoch': h.epoch });
		point.append(el('title', {}, `epoch ${h.epoch}: ${name} ${name === 'cost' ? h.cost.toFixed(4) : percent(h.accuracy)}`));
		svg.append(point);
	}
}

function drawLegend(svg) {
	const y = 14;
	svg.append(el('rect', { x: PAD.left + 8, y: y - 8, width: 10, height: 10, class: 'swatch cost' }));
	svg.append(el('text', { x: PAD.left + 22, y: y + 1, class: 'legend' }, 'cost (left)'));
	svg.append(el('rect', { x: PAD.left + 110, y: y - 8, width: 10, height: 10, class: 'swatch accuracy' }));
	svg.append(el('text', { x: PAD.left + 124, y: y + 1, class: 'legend' }, 'test accuracy (right)'));
}
