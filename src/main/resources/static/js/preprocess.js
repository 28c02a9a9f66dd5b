// Turns a drawing into the network's 28×28 input the way the MNIST digits were made
// (LeCun, Cortes, Burges): the ink is cropped to its bounding box, scaled to fit a
// 20×20 box keeping the aspect ratio (anti-aliased: each output pixel is the area
// average of the ink under it), then placed in the 28×28 field so that its centre of
// mass sits at the centre of the field. Grey values are in [0, 1], 1 = full ink.

export const SIZE = 28;
const BOX = 20;

/** Ink per pixel in [0, 1] from canvas ImageData: the alpha channel (ink is drawn on transparency). */
export function inkOf(imageData) {
	const { data, width, height } = imageData;
	const ink = new Float32Array(width * height);
	for (let i = 0; i < ink.length; i++) {
		ink[i] = data[i * 4 + 3] / 255;
	}
	return ink;
}

/** The smallest box holding every inked pixel, or null when there is no ink. */
function boundingBox(ink, width, height) {
	let minX = width;
	let minY = height;
	let maxX = -1;
	let maxY = -1;
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			if (ink[y * width + x] > 0) {
				minX = Math.min(minX, x);
				maxX = Math.max(maxX, x);
				minY = Math.min(minY, y);
				maxY = Math.max(maxY, y);
			}
		}
	}
	return maxX < 0 ? null : { x: minX, y: minY, w: maxX - minX + 1, h: maxY - minY + 1 };
}

/**
 * Scales the boxed ink so its longer side is BOX pixels. Each source pixel spreads its
 * value over the output pixels its footprint covers, weighted by the covered area.
 */
function scaleIntoBox(ink, width, box) {
	const s = BOX / Math.max(box.w, box.h);
	const tw = Math.min(BOX, Math.max(1, Math.ceil(box.w * s - 1e-9)));
	const th = Math.min(BOX, Math.max(1, Math.ceil(box.h * s - 1e-9)));
	const out = new Float32Array(tw * th);
	for (let sy = 0; sy < box.h; sy++) {
		const y0 = sy * s;
		const y1 = y0 + s;
		for (let sx = 0; sx < box.w; sx++) {
			const v = ink[(box.y + sy) * width + box.x + sx];
			if (v > 0) {
				spread(out, tw, th, v, sx * s, sx * s + s, y0, y1);
			}
		}
	}
	for (let i = 0; i < out.length; i++) {
		out[i] = Math.min(1, out[i]);
	}
	return { pixels: out, width: tw, height: th };
}

function spread(out, tw, th, v, x0, x1, y0, y1) {
	for (let ty = Math.floor(y0); ty < y1 && ty < th; ty++) {
		const oy = Math.min(y1, ty + 1) - Math.max(y0, ty);
		for (let tx = Math.floor(x0); tx < x1 && tx < tw; tx++) {
			const ox = Math.min(x1, tx + 1) - Math.max(x0, tx);
			if (ox > 0 && oy > 0) {
				out[ty * tw + tx] += v * ox * oy;
			}
		}
	}
}

/**
 * Places a small image in the 28×28 field, shifted by whole pixels so that its centre of
 * mass (in pixel indices) is at (14, 14), as in MNIST: the test set's mean is (14.0, 14.0).
 */
function centreByMass({ pixels, width, height }) {
	let mass = 0;
	let mx = 0;
	let my = 0;
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			const v = pixels[y * width + x];
			mass += v;
			mx += v * x;
			my += v * y;
		}
	}
	const dx = Math.round(SIZE / 2 - mx / mass);
	const dy = Math.round(SIZE / 2 - my / mass);
	const field = new Float32Array(SIZE * SIZE);
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			const fx = x + dx;
			const fy = y + dy;
			if (fx >= 0 && fx < SIZE && fy >= 0 && fy < SIZE) {
				field[fy * SIZE + fx] = pixels[y * width + x];
			}
		}
	}
	return field;
}

/** The 784 inputs for ink of the given size, or null when nothing is drawn. */
export function toMnistInput(ink, width, height) {
	const box = boundingBox(ink, width, height);
	return box ? centreByMass(scaleIntoBox(ink, width, box)) : null;
}

/** Paints 784 grey values (1 = black ink on white) into a 28×28 canvas context. */
export function paintPreview(ctx, pixels) {
	const image = ctx.createImageData(SIZE, SIZE);
	for (let i = 0; i < SIZE * SIZE; i++) {
		const grey = 255 - Math.round((pixels ? pixels[i] : 0) * 255);
		image.data.set([grey, grey, grey, 255], i * 4);
	}
	ctx.putImageData(image, 0, 0);
}
