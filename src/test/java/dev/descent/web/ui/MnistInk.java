package dev.descent.web.ui;

import java.time.Duration;

import org.openqa.selenium.interactions.Interaction;
import org.openqa.selenium.interactions.PointerInput;
import org.openqa.selenium.interactions.PointerInput.MouseButton;
import org.openqa.selenium.interactions.PointerInput.Origin;
import org.openqa.selenium.interactions.Sequence;

/**
 * Replays the ink of a 28×28 MNIST image as mouse strokes: one stroke along each run of
 * dark pixels in each row, scaled to the canvas. One pointer move is one mousemove event
 * in Chromium, so each stroke moves in small steps as a hand would.
 */
final class MnistInk {

	private static final int SIZE = 28;

	private static final double DARK = 0.5;

	private static final int STEP = 3;

	private final PointerInput mouse = new PointerInput(PointerInput.Kind.MOUSE, "mouse");

	private final Sequence strokes = new Sequence(this.mouse, 0);

	private final double left;

	private final double top;

	private final double scale;

	private int moves;

	private MnistInk(double left, double top, double width) {
		this.left = left;
		this.top = top;
		this.scale = width / SIZE;
	}

	/**
	 * The strokes for an image whose 784 grey values are in [0, 1], on a canvas at the
	 * given viewport position and displayed width.
	 */
	static MnistInk trace(double[] pixels, double left, double top, double width) {
		MnistInk ink = new MnistInk(left, top, width);
		for (int y = 0; y < SIZE; y++) {
			int x = 0;
			while (x < SIZE) {
				if (pixels[y * SIZE + x] > DARK) {
					int start = x;
					while (x < SIZE && pixels[y * SIZE + x] > DARK) {
						x++;
					}
					ink.stroke(y, start, x - 1);
				}
				else {
					x++;
				}
			}
		}
		return ink;
	}

	Sequence strokes() {
		return this.strokes;
	}

	int moves() {
		return this.moves;
	}

	private void stroke(int row, int firstColumn, int lastColumn) {
		int y = centre(this.top, row);
		int from = centre(this.left, firstColumn);
		int to = centre(this.left, lastColumn);
		this.strokes.addAction(move(from, y));
		this.strokes.addAction(this.mouse.createPointerDown(MouseButton.LEFT.asArg()));
		for (int x = from + STEP; x < to; x += STEP) {
			this.strokes.addAction(move(x, y));
		}
		this.strokes.addAction(move(to, y));
		this.strokes.addAction(this.mouse.createPointerUp(MouseButton.LEFT.asArg()));
	}

	private int centre(double origin, int pixel) {
		return (int) Math.round(origin + (pixel + 0.5) * this.scale);
	}

	private Interaction move(int x, int y) {
		this.moves++;
		return this.mouse.createPointerMove(Duration.ofMillis(1), Origin.viewport(), x, y);
	}

}
