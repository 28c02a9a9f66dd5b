package dev.descent.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;

import dev.descent.data.DataSet;
import dev.descent.data.Mnist;
import dev.descent.data.MnistData;
import dev.descent.engine.EpochResult;
import dev.descent.engine.Trainer;
import dev.descent.engine.TrainingConfig;
import dev.descent.engine.TrainingResult;

/**
 * {@code java -jar descent.jar train ...}: trains on MNIST without the web service and
 * prints one line per epoch (epoch, cost, test accuracy, seconds of training), then a
 * summary and the final network's test accuracy for each digit. The README's accuracy
 * table and speed figures come from this command.
 */
public final class TrainCommand {

	private TrainCommand() {
	}

	/**
	 * @return the process exit code: 0 done, 2 bad options, 1 data could not be had
	 */
	public static int run(String[] args, PrintStream out, PrintStream err) {
		if (java.util.List.of(args).contains("--help")) {
			out.print(TrainOptions.USAGE);
			return 0;
		}
		TrainOptions options;
		try {
			options = TrainOptions.parse(args);
		}
		catch (IllegalArgumentException ex) {
			err.println("descent train: " + ex.getMessage());
			err.print(TrainOptions.USAGE);
			return 2;
		}
		MnistData mnist;
		try {
			mnist = new Mnist(options.mnistDirectory(), Mnist.DEFAULT_MIRRORS, true).load();
		}
		catch (IOException ex) {
			err.println("descent train: MNIST is not available: " + ex.getMessage());
			return 1;
		}
		TrainingConfig config = options.config();
		DataSet training = mnist.training().first(options.trainingLimit());
		out.println(describe(config, training.size()) + ", " + options.threads() + " threads");
		TrainingResult result = new Trainer(config, options.threads()).train(training, mnist.test(),
				(r, network) -> out.println(line(r)), () -> false);
		out.println(summary(result));
		out.println(perDigit(result.network().confusion(mnist.test())));
		return 0;
	}

	static String describe(TrainingConfig c, int trainingSize) {
		return String.format(Locale.ROOT,
				"training %s, %s cost, %s init, %s %s%s, m=%d, l2=%s, %d epochs, seed %d, %d training images",
				c.network(), c.cost().id(), c.init().id(), c.optimizer().name(), c.optimizer().settings(),
				(c.learningRateDecay() == 1.0) ? "" : " × " + c.learningRateDecay() + " per epoch", c.batchSize(),
				c.l2(), c.epochs(), c.seed(), trainingSize);
	}

	static String line(EpochResult r) {
		return String.format(Locale.ROOT, "epoch %3d  cost %.6f  accuracy %.4f (%d / %d)  seconds %.3f", r.epoch(),
				r.cost(), r.accuracy(), r.correct(), r.total(), r.seconds());
	}

	/**
	 * @param confusion counts by label (row) and prediction (column), as
	 * {@link dev.descent.engine.Network#confusion} answers
	 * @return e.g.
	 * {@code final network, test accuracy per digit: 0 98.3% (963/980)  1 ...}, each
	 * digit's share of its test images classified correctly, with the counts
	 */
	static String perDigit(int[][] confusion) {
		StringBuilder line = new StringBuilder("final network, test accuracy per digit:");
		for (int digit = 0; digit < confusion.length; digit++) {
			int total = Arrays.stream(confusion[digit]).sum();
			int correct = confusion[digit][digit];
			line.append(digit == 0 ? " " : "  ").append(digit).append(' ');
			line.append((total == 0) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * correct / total));
			line.append(" (").append(correct).append('/').append(total).append(')');
		}
		return line.toString();
	}

	static String summary(TrainingResult result) {
		EpochResult best = result.bestEpoch().orElseThrow();
		double[] seconds = result.history().stream().mapToDouble(EpochResult::seconds).sorted().toArray();
		double total = Arrays.stream(seconds).sum();
		return String.format(Locale.ROOT,
				"best epoch %d: accuracy %.4f; final accuracy %.4f; seconds per epoch: median %.3f, min %.3f; training %.1f s in all%s",
				best.epoch(), best.accuracy(), result.finalAccuracy(), seconds[seconds.length / 2], seconds[0], total,
				result.stoppedEarly() ? " (stopped early)" : "");
	}

}
