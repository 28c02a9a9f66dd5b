package dev.descent.jobs;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.InputStream;
import java.nio.ByteOrder;
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
import dev.descent.models.WeightsCodec;

/**
 * The binary form of a job's {@link Checkpoint}, {@code <id>.checkpoint}, which the
 * {@link JobStore} keeps beside the job's record. Big-endian, as
 * {@link java.io.DataOutput} writes it (the network's parameters through the one
 * {@link WeightsCodec}):
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
final class CheckpointCodec {

	static final int MAGIC = 0x44434B50;

	static final int VERSION = 1;

	private static final int SHA256_BYTES = 32;

	private CheckpointCodec() {
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
		WeightsCodec.writeParameters(checkpoint.network(), data, ByteOrder.BIG_ENDIAN);
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
	 * @return the checkpoint {@code in} holds, read to its end (not closed)
	 * @throws InvalidCheckpointException naming the problem when the bytes are not a
	 * checkpoint of this job
	 * @throws IOException when they cannot be read
	 */
	static Checkpoint read(InputStream in, String jobId, TrainingConfig config) throws IOException {
		byte[] bytes = in.readAllBytes();
		String name = jobId + ".checkpoint";
		if (bytes.length <= SHA256_BYTES) {
			throw new InvalidCheckpointException(name + " is truncated (" + bytes.length + " bytes)");
		}
		int contentSize = bytes.length - SHA256_BYTES;
		MessageDigest digest = Sha256.newDigest();
		digest.update(bytes, 0, contentSize);
		if (!Arrays.equals(bytes, contentSize, bytes.length, digest.digest(), 0, SHA256_BYTES)) {
			throw new InvalidCheckpointException(name + " fails its SHA-256 check: it is corrupt or truncated");
		}
		ByteArrayInputStream content = new ByteArrayInputStream(bytes, 0, contentSize);
		try {
			Checkpoint checkpoint = read(new DataInputStream(content), content, name, jobId, config);
			if (content.available() != 0) {
				throw new InvalidCheckpointException(name + " has bytes after its content");
			}
			return checkpoint;
		}
		catch (EOFException ex) {
			throw new InvalidCheckpointException(name + " ends before its content does");
		}
	}

	private static Checkpoint read(DataInputStream data, ByteArrayInputStream content, String name, String jobId,
			TrainingConfig config) throws IOException {
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
		Network network = WeightsCodec.readParameters(data, spec, ByteOrder.BIG_ENDIAN);
		long steps = data.readLong();
		if (steps < 0) {
			throw new InvalidCheckpointException(name + " has a negative optimizer step count");
		}
		int count = data.readInt();
		if (count < 0 || count > content.available() / Integer.BYTES) {
			throw new InvalidCheckpointException(
					name + " has " + count + " optimizer arrays, more than its bytes hold");
		}
		List<double[]> values = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			int length = data.readInt();
			if (length < 0 || length > content.available() / Double.BYTES) {
				throw new InvalidCheckpointException(
						name + " has " + length + " values in optimizer array " + i + ", more than its bytes hold");
			}
			double[] array = new double[length];
			for (int j = 0; j < length; j++) {
				array[j] = data.readDouble();
			}
			values.add(array);
		}
		OptimizerState state = new OptimizerState(steps, values);
		try {
			optimizer.initialise(spec);
			optimizer.restore(state);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidCheckpointException(name + " does not fit the job's optimizer: " + ex.getMessage());
		}
		return new Checkpoint(network, state, history);
	}

}
