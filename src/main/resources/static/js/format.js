// Small formatting helpers shared by the views.

/** An accuracy as a percentage; accepts a fraction (0.9712) or, defensively, a percentage. */
export function percent(accuracy) {
	if (accuracy === undefined || accuracy === null) {
		return '–';
	}
	const value = accuracy <= 1 ? accuracy * 100 : accuracy;
	return `${value.toFixed(2)}%`;
}

/** A timestamp in the reader's locale (the time alone when it is today), or a dash. */
function when(iso) {
	if (!iso) {
		return '–';
	}
	const date = new Date(iso);
	if (Number.isNaN(date.getTime())) {
		return iso;
	}
	const today = date.toDateString() === new Date().toDateString();
	return today ? date.toLocaleTimeString() : date.toLocaleString();
}

/** A <time> element for an ISO timestamp. */
export function timeElement(iso) {
	const time = document.createElement('time');
	if (iso) {
		time.dateTime = iso;
	}
	time.textContent = when(iso);
	return time;
}
