package descent.peers;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.internal.NDArrayEx;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.optimizer.Sgd;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * The DJL column of bench/peers/peers.py (issue 13): one row of its table trained by DJL on
 * PyTorch 2.7.1, one intra-op and one inter-op thread, float32, mini-batch by mini-batch on all
 * 60,000 MNIST training images, as peers.py trains it in PyTorch 1.13. One warm-up epoch, then
 * {@code --epochs} timed epochs (the training loop only); prints one line
 * {@code row=<row> seconds=<fastest timed epoch> accuracy=<test accuracy after the last epoch>}.
 *
 * <pre>
 * java -cp 'target/djl-peer-1.jar:target/lib/*' descent.peers.DjlPeer --mnist-dir DIR \
 *     --layers 784,30,10 --hidden-activation sigmoid --output-activation sigmoid \
 *     --cost quadratic --optimizer sgd --learning-rate 3 --batch-size 10 --l2 0
 * </pre>
 */
public final class DjlPeer {

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        a.put("row", "0");
        a.put("mnist-dir", "data/mnist");
        a.put("layers", "784,30,10");
        a.put("hidden-activation", "sigmoid");
        a.put("output-activation", "sigmoid");
        a.put("cost", "quadratic");
        a.put("optimizer", "sgd");
        a.put("learning-rate", "3");
        a.put("batch-size", "10");
        a.put("l2", "0");
        a.put("seed", "1");
        a.put("warmup", "1");
        a.put("epochs", "1");
        for (int i = 0; i < args.length; i += 2) {
            String key = args[i].replaceFirst("^--", "");
            if (!a.containsKey(key) || i + 1 >= args.length) {
                throw new IllegalArgumentException("unknown or incomplete option " + args[i]);
            }
            a.put(key, args[i + 1]);
        }
        String row = a.get("row");
        String[] sizes = a.get("layers").split(",");
        String hidden = a.get("hidden-activation");
        String output = a.get("output-activation");
        String costName = a.get("cost");
        String optimizer = a.get("optimizer");
        boolean supported = sizes.length == 3
                && (hidden.equals("sigmoid") || hidden.equals("relu"))
                && ((output.equals("sigmoid") && (costName.equals("quadratic") || costName.equals("cross-entropy")))
                        || (output.equals("softmax") && costName.equals("cross-entropy")))
                && (optimizer.equals("sgd") || optimizer.equals("adam"));
        if (!supported) {
            System.out.println("row=" + row + " unsupported");
            return;
        }
        int inputs = Integer.parseInt(sizes[0]);
        int hiddenUnits = Integer.parseInt(sizes[1]);
        int outputs = Integer.parseInt(sizes[2]);
        float eta = Float.parseFloat(a.get("learning-rate"));
        int m = Integer.parseInt(a.get("batch-size"));
        float l2 = Float.parseFloat(a.get("l2"));
        int seed = Integer.parseInt(a.get("seed"));
        int warmup = Integer.parseInt(a.get("warmup"));
        int epochs = Integer.parseInt(a.get("epochs"));

        // Before the engine starts: no download from DJL's servers, one thread each for
        // intra-op and inter-op parallelism (PtEngine reads these when it is created).
        System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
        System.setProperty("ai.djl.pytorch.num_threads",
                System.getProperty("ai.djl.pytorch.num_threads", "1"));
        System.setProperty("ai.djl.pytorch.num_interop_threads",
                System.getProperty("ai.djl.pytorch.num_interop_threads", "1"));
        Engine engine = Engine.getEngine("PyTorch");
        engine.setRandomSeed(seed);

        Path dir = Path.of(a.get("mnist-dir"));
        float[] trainImages = images(dir, "train-images-idx3-ubyte");
        byte[] trainLabels = labels(dir, "train-labels-idx1-ubyte");
        float[] testImages = images(dir, "t10k-images-idx3-ubyte");
        byte[] testLabels = labels(dir, "t10k-labels-idx1-ubyte");
        int n = trainLabels.length;

        try (NDManager manager = engine.newBaseManager(Device.cpu());
                Model model = Model.newInstance("peer", Device.cpu(), "PyTorch")) {
            NDArray x = manager.create(trainImages, new Shape(n, inputs));
            float[] hot = new float[n * outputs];
            for (int i = 0; i < n; i++) {
                hot[i * outputs + trainLabels[i]] = 1f;
            }
            NDArray onehot = manager.create(hot, new Shape(n, outputs));

            SequentialBlock block = new SequentialBlock()
                    .add(Linear.builder().setUnits(hiddenUnits).build())
                    .add(hidden.equals("sigmoid") ? Activation::sigmoid : Activation::relu)
                    .add(Linear.builder().setUnits(outputs).build());
            model.setBlock(block);

            // Weight decay l2/n on the weights only (as peers.py's parameter groups), plain
            // SGD or Adam otherwise. Weights drawn as PyTorch's Linear draws them,
            // U(-1/sqrt(n_in), 1/sqrt(n_in)); biases start at zero.
            Set<String> weightIds = new HashSet<>();
            Optimizer opt;
            if (optimizer.equals("sgd") && l2 > 0) {
                opt = new WeightDecaySgd(eta, l2 / n, weightIds);
            } else if (l2 > 0) {
                System.out.println("row=" + row + " unsupported");
                return;
            } else if (optimizer.equals("sgd")) {
                opt = Optimizer.sgd().setLearningRateTracker(Tracker.fixed(eta)).build();
            } else {
                opt = Optimizer.adam().optLearningRateTracker(Tracker.fixed(eta)).build();
            }
            Loss loss = Loss.l2Loss(); // unused: the cost is computed below, as peers.py does
            DefaultTrainingConfig config = new DefaultTrainingConfig(loss)
                    .optOptimizer(opt)
                    .optDevices(new Device[] {Device.cpu()})
                    .optInitializer(new XavierInitializer(
                            XavierInitializer.RandomType.UNIFORM, XavierInitializer.FactorType.IN, 1f),
                            Parameter.Type.WEIGHT);
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(1, inputs));
                for (Pair<String, Parameter> p : block.getParameters()) {
                    if (p.getValue().getType() == Parameter.Type.WEIGHT) {
                        weightIds.add(p.getValue().getId());
                    }
                }
                Random random = new Random(seed);
                double best = Double.POSITIVE_INFINITY;
                for (int epoch = 0; epoch < warmup + epochs; epoch++) {
                    int[] order = permutation(n, random);
                    long start = System.nanoTime();
                    for (int k = 0; k < n; k += m) {
                        int size = Math.min(m, n - k);
                        long[] idx = new long[size];
                        for (int j = 0; j < size; j++) {
                            idx[j] = order[k + j];
                        }
                        try (NDManager batch = manager.newSubManager()) {
                            NDArray rows = batch.create(idx);
                            NDIndex index = new NDIndex("{}", rows);
                            NDArray xb = x.get(index);
                            xb.attach(batch);
                            try (GradientCollector gc = trainer.newGradientCollector()) {
                                NDArray z = trainer.forward(new NDList(xb)).singletonOrThrow();
                                NDArray hb = onehot.get(index);
                                hb.attach(batch);
                                NDArray cost;
                                if (output.equals("softmax")) {
                                    // softmax cross-entropy on the logits, averaged over the batch
                                    cost = z.logSoftmax(1).mul(hb).sum().neg().div(size);
                                } else if (costName.equals("quadratic")) {
                                    NDArray d = Activation.sigmoid(z).sub(hb);
                                    cost = d.mul(d).sum().mul(0.5f / size);
                                } else {
                                    // sigmoid cross-entropy on the logits, summed, over the batch size
                                    cost = Activation.relu(z).sub(z.mul(hb))
                                            .add(Activation.softPlus(z.abs().neg())).sum().div(size);
                                }
                                gc.backward(cost);
                            }
                            trainer.step();
                        }
                    }
                    double seconds = (System.nanoTime() - start) / 1e9;
                    if (epoch >= warmup) {
                        best = Math.min(best, seconds);
                    }
                    System.err.printf("epoch %d: %.3f s%s%n", epoch, seconds, epoch < warmup ? " (warm-up)" : "");
                }
                double accuracy = accuracy(manager, trainer, testImages, testLabels, inputs);
                System.out.printf("row=%s seconds=%.4f accuracy=%.4f engine=PyTorch-%s threads=%s%n",
                        row, best, accuracy, engine.getVersion(),
                        System.getProperty("ai.djl.pytorch.num_threads"));
            }
        }
    }

    private static double accuracy(NDManager manager, Trainer trainer, float[] images, byte[] labels, int inputs) {
        try (NDManager sub = manager.newSubManager()) {
            NDArray x = sub.create(images, new Shape(labels.length, inputs));
            NDArray z = trainer.evaluate(new NDList(x)).singletonOrThrow();
            long[] predicted = z.argMax(1).toLongArray();
            int correct = 0;
            for (int i = 0; i < labels.length; i++) {
                if (predicted[i] == labels[i]) {
                    correct++;
                }
            }
            return (double) correct / labels.length;
        }
    }

    private static int[] permutation(int n, Random random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private static DataInputStream open(Path dir, String name) throws IOException {
        Path plain = dir.resolve(name);
        InputStream in = Files.exists(plain)
                ? Files.newInputStream(plain)
                : new GZIPInputStream(Files.newInputStream(dir.resolve(name + ".gz")));
        return new DataInputStream(new java.io.BufferedInputStream(in, 1 << 16));
    }

    private static float[] images(Path dir, String name) throws IOException {
        try (DataInputStream in = open(dir, name)) {
            in.readInt();
            int count = in.readInt();
            int pixels = in.readInt() * in.readInt();
            byte[] raw = new byte[count * pixels];
            in.readFully(raw);
            float[] out = new float[raw.length];
            for (int i = 0; i < raw.length; i++) {
                out[i] = (raw[i] & 0xff) / 255f;
            }
            return out;
        }
    }

    private static byte[] labels(Path dir, String name) throws IOException {
        try (DataInputStream in = open(dir, name)) {
            in.readInt();
            byte[] out = new byte[in.readInt()];
            in.readFully(out);
            return out;
        }
    }

    /** SGD whose weight decay falls on the weights only, the biases undecayed (DJL's Sgd decays both). */
    static final class WeightDecaySgd extends Optimizer {
        private final float eta;
        private final float decay;
        private final Set<String> weightIds;

        WeightDecaySgd(float eta, float decay, Set<String> weightIds) {
            super(new Builder());
            this.eta = eta;
            this.decay = decay;
            this.weightIds = weightIds;
        }

        @Override
        public void update(String parameterId, NDArray weight, NDArray grad) {
            NDArrayEx ex = weight.getNDArrayInternal();
            ex.sgdUpdate(new NDList(weight, grad), new NDList(weight), eta,
                    weightIds.contains(parameterId) ? decay : 0f, rescaleGrad, clipGrad, 0f, true);
        }

        static final class Builder extends OptimizerBuilder<Builder> {
            @Override
            protected Builder self() {
                return this;
            }
        }
    }
}
