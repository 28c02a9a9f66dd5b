package dev.descent.engine;

import java.util.Arrays;

import org.ejml.data.DMatrixRMaj;

/**
 * The summed gradients ∂C/∂w and ∂C/∂b of one mini-batch, shaped like the network, and
 * the set of first-layer rows (input pixels) that any example of the batch touched. Rows
 * no example touched have a zero gradient, so {@link #clear} and a plain SGD step only
 * visit the touched ones.
 */
public final class Gradients {

	final DMatrixRMaj[] weights;

	final DMatrixRMaj[] biases;

	/**
	 * Touched rows of the first weight layer, {@code rowCount} of them valid, in no
	 * order.
	 */
	final int[] rows;

	private final boolean[] touched;

	int rowCount;

	Gradients(NetworkSpec spec) {
		int layers = spec.depth() - 1;
		this.weights = new DMatrixRMaj[layers];
		this.biases = new DMatrixRMaj[layers];
		for (int l = 0; l < layers; l++) {
			this.weights[l] = new DMatrixRMaj(spec.size(l), spec.size(l + 1));
			this.biases[l] = new DMatrixRMaj(1, spec.size(l + 1));
		}
		this.rows = new int[spec.size(0)];
		this.touched = new boolean[spec.size(0)];
	}

	/**
	 * @return layer {@code l}'s summed weight gradient; read-only for optimisers
	 */
	public DMatrixRMaj weights(int l) {
		return this.weights[l];
	}

	/**
	 * @return layer {@code l}'s summed bias gradient; read-only for optimisers
	 */
	public DMatrixRMaj biases(int l) {
		return this.biases[l];
	}

	/**
	 * @return how many first-layer rows hold a non-zero gradient
	 */
	public int touchedRowCount() {
		return this.rowCount;
	}

	/**
	 * @return the {@code k}-th touched first-layer row
	 */
	public int touchedRow(int k) {
		return this.rows[k];
	}

	void touch(int row) {
		if (!this.touched[row]) {
			this.touched[row] = true;
			this.rows[this.rowCount++] = row;
		}
	}

	/** Zeroes every gradient, visiting only the touched rows of the first layer. */
	void clear() {
		DMatrixRMaj first = this.weights[0];
		int n = first.numCols;
		for (int k = 0; k < this.rowCount; k++) {
			int row = this.rows[k];
			Arrays.fill(first.data, row * n, row * n + n, 0.0);
			this.touched[row] = false;
		}
		this.rowCount = 0;
		for (int l = 1; l < this.weights.length; l++) {
			this.weights[l].zero();
		}
		for (DMatrixRMaj b : this.biases) {
			b.zero();
		}
	}

}
