package dev.descent.jobs;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.descent.data.Sha256;
import dev.descent.engine.Checkpoint;
import dev.descent.engine.EpochResult;
import dev.descent.engine.Network;
import dev.descent.engine.NetworkSpec;
import dev.descent.engine.Optimizer;
import dev.descent.engine.OptimizerState;
import dev.descent.engine.TrainingConfig;
import org.ejml.data.DMatrixRMaj;

/**
 * The binary form of a job's {@link Checkpoint}, {@code <id>.checkpoint} next to the
 * job's record. Big-endian, as {@link java.io.DataOutput} writes it:
 *
 * <pre>
 * int     magic 0x44434B50 ("DCKP")
 * int     format version, 1
 * UTF     job id
 * UTF     optimizer name ("sgd", "momentum", "adam")
 * int     number of layers, then each layer's size (784 first)
 * int     epochs completed k, then for each epoch 1..k:
 *         double cost, int correct, int total, double seconds
 * double  for each weight layer: its weights (n_in × n_out, row-major), then its biases
 * long    the optimizer's step count
 * int     number of state arrays, then each array: int length, double values
 * byte[32] SHA-256 of every byte before it
 * </pre>
 *
 * Reading checks the SHA-256 first, then that the checkpoint is of this job, optimiser
 * and network, so a flipped byte, a truncated file or another job's file is refused with
 * a message naming the problem.
 */
final class CheckpointFile {

	static final int MAGIC = 0x44434B50;

	static final int VERSION = 1;

	private static final int SHA256_BYTES = 32;

	private CheckpointFile() {
	}

	/**
	 * Writes {@code checkpoint} of job {@code jobId} to {@code out}, which is not closed.
	 */
	static void write(String jobId, String optimizer, Checkpoint checkpoint, OutputStream out) throws IOException {
		BufferedOutputStream buffered = new BufferedOutputStream(out, 1 << 16);
		MessageDigest digest = Sha256.newDigest();
		DataOutputStream data = new DataOutputStream(new DigestOutputStream(buffered, digest));
		data.writeInt(MAGIC);
		data.writeInt(VERSION);
		data.writeUTF(jobId);
		data.writeUTF(optimizer);
		int[] layers = checkpoint.network().spec().layers();
		data.writeInt(layers.length);
		for (int size : layers) {
			data.writeInt(size);
		}
		data.writeInt(checkpoint.epochsCompleted());
		for (EpochResult epoch : checkpoint.history()) {
			data.writeDouble(epoch.cost());
			data.writeInt(epoch.correct());
			data.writeInt(epoch.total());
			data.writeDouble(epoch.seconds());
		}
		Network network = checkpoint.network();
		for (int l = 0; l < network.layerCount(); l++) {
			writeValues(data, network.weights(l).data, network.weights(l).getNumElements());
			writeValues(data, network.biases(l).data, network.biases(l).getNumElements());
		}
		OptimizerState state = checkpoint.optimizer();
		data.writeLong(state.steps());
		data.writeInt(state.values().size());
		for (double[] values : state.values()) {
			data.writeInt(values.length);
			writeValues(data, values, values.length);
		}
		data.flush();
		buffered.write(digest.digest());
		buffered.flush();
	}

	private static void writeValues(DataOutputStream data, double[] values, int count) throws IOException {
		for (int i = 0; i < count; i++) {
			data.writeDouble(values[i]);
		}
	}

	/**
	 * @param jobId the job the checkpoint must be of
	 * @param config the job's training config: the checkpoint must be of its network and
	 * optimiser, and have at most its epochs
	 * @return the checkpoint in {@code file}
	 * @throws InvalidCheckpointException naming the problem when the file is not a
	 * checkpoint of this job
	 * @throws IOException when the file cannot be read
	 */
	static Checkpoint read(Path file, String jobId, TrainingConfig config) throws IOException {
		long size = Files.size(file);
		if (size <= SHA256_BYTES) {
			throw new InvalidCheckpointException(file.getFileName() + " is truncated (" + size + " bytes)");
		}
		verifyChecksum(file, size - SHA256_BYTES);
		try (DataInputStream data = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
			Checkpoint checkpoint = read(data, file.getFileName().toString(), jobId, config);
			if (data.skip(SHA256_BYTES) != SHA256_BYTES || data.read() != -1) {
				throw new InvalidCheckpointException(file.getFileName() + " has bytes after its content");
			}
			return checkpoint;
		}
		catch (EOFException ex) {
			throw new InvalidCheckpointException(file.getFileName() + " ends before its content does");
		}
	}

	private static void verifyChecksum(Path file, long contentSize) throws IOException {
		MessageDigest digest = Sha256.newDigest();
		byte[] stored;
		try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
			byte[] buffer = new byte[1 << 16];
			long left = contentSize;
			while (left > 0) {
				int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
				if (read < 0) {
					throw new EOFException();
				}
				digest.update(buffer, 0, read);
				left -= read;
			}
			stored = in.readNBytes(SHA256_BYTES);
		}
		if (!Arrays.equals(stored, digest.digest())) {
			throw new InvalidCheckpointException(
					file.getFileName() + " fails its SHA-256 check: it is corrupt or truncated");
		}
	}

	private static Checkpoint read(DataInputStream data, String name, String jobId, TrainingConfig config)
			throws IOException {
		int magic = data.readInt();
		if (magic != MAGIC) {
			throw new InvalidCheckpointException(
					name + " is not a checkpoint (magic " + Integer.toHexString(magic) + ")");
		}
		int version = data.readInt();
		if (version != VERSION) {
			throw new InvalidCheckpointException(
					name + " has format version " + version + ", this service reads version " + VERSION);
		}
		String owner = data.readUTF();
		if (!owner.equals(jobId)) {
			throw new InvalidCheckpointException(name + " belongs to job " + owner + ", not " + jobId);
		}
		Optimizer optimizer = config.optimizer().copy();
		String optimizerName = data.readUTF();
		if (!optimizerName.equals(optimizer.name())) {
			throw new InvalidCheckpointException(
					name + " is of optimizer " + optimizerName + ", the job uses " + optimizer.name());
		}
		NetworkSpec spec = config.network();
		int depth = data.readInt();
		int[] layers = new int[Math.min(Math.max(depth, 0), 1024)];
		for (int l = 0; l < layers.length; l++) {
			layers[l] = data.readInt();
		}
		if (depth != layers.length || !Arrays.equals(layers, spec.layers())) {
			throw new InvalidCheckpointException(name + " is of layers " + Arrays.toString(layers) + ", the job's are "
					+ Arrays.toString(spec.layers()));
		}
		int epochs = data.readInt();
		if (epochs < 1 || epochs > config.epochs()) {
			throw new InvalidCheckpointException(name + " has " + epochs + " epochs, expected 1 to " + config.epochs());
		}
		List<EpochResult> history = new ArrayList<>();
		for (int epoch = 1; epoch <= epochs; epoch++) {
			history.add(new EpochResult(epoch, data.readDouble(), data.readInt(), data.readInt(), data.readDouble()));
		}
		List<DMatrixRMaj> weights = new ArrayList<>();
		List<DMatrixRMaj> biases = new ArrayList<>();
		for (int l = 1; l < spec.depth(); l++) {
			weights.add(readMatrix(data, spec.size(l - 1), spec.size(l)));
			biases.add(readMatrix(data, 1, spec.size(l)));
		}
		Network network = Network.of(spec, weights, biases);
		optimizer.initialise(spec);
		List<double[]> expected = optimizer.state().values();
		long steps = data.readLong();
		int count = data.readInt();
		if (steps < 0) {
			throw new InvalidCheckpointException(name + " has a negative optimizer step count");
		}
		if (count != expected.size()) {
			throw new InvalidCheckpointException(
					name + " has " + count + " optimizer arrays, " + optimizer.name() + " keeps " + expected.size());
		}
		List<double[]> values = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			int length = data.readInt();
			if (length != expected.get(i).length) {
				throw new InvalidCheckpointException(name + " has " + length + " values in optimizer array " + i
						+ ", expected " + expected.get(i).length);
			}
			double[] array = new double[length];
			for (int j = 0; j < length; j++) {
				array[j] = data.readDouble();
			}
			values.add(array);
		}
		return new Checkpoint(network, new OptimizerState(steps, values), history);
	}

	private static DMatrixRMaj readMatrix(DataInputStream data, int rows, int cols) throws IOException {
		DMatrixRMaj matrix = new DMatrixRMaj(rows, cols);
		for (int i = 0; i < rows * cols; i++) {
			matrix.data[i] = data.readDouble();
		}
		return matrix;
	}

}
