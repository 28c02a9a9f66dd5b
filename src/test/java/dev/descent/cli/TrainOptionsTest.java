package dev.descent.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import dev.descent.engine.Activation;
import dev.descent.engine.Cost;
import dev.descent.engine.Init;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TrainOptionsTest {

	@Test
	void defaultsAreTheBooksFirstNetworkWithScaledWeights() {
		TrainOptions options = TrainOptions.parse(new String[] { "--seed", "5" });
		assertThat(options.config().network().layers()).containsExactly(784, 30, 10);
		assertThat(options.config().epochs()).isEqualTo(30);
		assertThat(options.config().batchSize()).isEqualTo(10);
		assertThat(options.config().optimizer().learningRate()).isEqualTo(3.0);
		assertThat(options.config().cost()).isEqualTo(Cost.QUADRATIC);
		assertThat(options.config().init()).isEqualTo(Init.SCALED);
		assertThat(options.config().learningRateDecay()).isEqualTo(1.0);
		assertThat(options.config().seed()).isEqualTo(5);
		assertThat(options.trainingLimit()).isEqualTo(60000);
		assertThat(options.threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
		assertThat(TrainOptions.parse(new String[] { "--init", "normal" }).config().init()).isEqualTo(Init.NORMAL);
	}

	@Test
	void defaultsAreTrainingConfigDefaults() {
		TrainOptions options = TrainOptions.parse(new String[] { "--seed", "5" });
		assertThat(TrainCommand.describe(options.config(), 1))
			.isEqualTo(TrainCommand.describe(dev.descent.engine.TrainingConfig.defaults(5), 1));
		assertThat(options.config().network()).isEqualTo(dev.descent.engine.TrainingConfig.book(5).network());
	}

	@Test
	void everyOptionIsRead() {
		TrainOptions options = TrainOptions.parse(new String[] { "--layers=784,100,10", "--epochs", "3", "--batch-size",
				"32", "--learning-rate", "0.001", "--cost", "cross-entropy", "--hidden-activation", "relu",
				"--output-activation", "softmax", "--init", "scaled", "--optimizer", "adam", "--beta2", "0.99", "--l2",
				"0.5", "--training-limit", "1000", "--early-stopping", "2", "--mnist-dir", "/tmp/m", "--threads", "3",
				"--learning-rate-decay", "0.8" });
		var c = options.config();
		assertThat(c.network().layers()).containsExactly(784, 100, 10);
		assertThat(c.network().hidden()).isEqualTo(Activation.RELU);
		assertThat(c.network().output()).isEqualTo(Activation.SOFTMAX);
		assertThat(c.optimizer().settings()).containsEntry("beta2", 0.99).containsEntry("learningRate", 0.001);
		assertThat(c.l2()).isEqualTo(0.5);
		assertThat(c.earlyStoppingPatience()).isEqualTo(2);
		assertThat(c.learningRateDecay()).isEqualTo(0.8);
		assertThat(options.trainingLimit()).isEqualTo(1000);
		assertThat(options.mnistDirectory()).hasToString("/tmp/m");
		assertThat(options.threads()).isEqualTo(3);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "--layers|784,30,9|layers[2] must be 10", "--epochs|0|epochs", "--batch-size|x|--batch-size",
					"--learning-rate|-1|learningRate", "--cost|hinge|hinge", "--colour|red|unknown option --colour",
					"--training-limit|0|--training-limit", "--threads|0|--threads",
					"--learning-rate-decay|0|--learning-rate-decay", "--learning-rate-decay|1.5|--learning-rate-decay",
					"--seed|abc|--seed: 'abc' is not a whole number" })
	void badOptionsAreNamed(String name, String value, String message) {
		assertThatIllegalArgumentException().isThrownBy(() -> TrainOptions.parse(new String[] { name, value }))
			.withMessageContaining(message);
	}

	@Test
	void helpPrintsTheOptions() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int code = TrainCommand.run(new String[] { "--help" }, new PrintStream(out, true, StandardCharsets.UTF_8),
				System.err);
		assertThat(code).isZero();
		assertThat(out.toString(StandardCharsets.UTF_8)).contains("--learning-rate 3.0").contains("--mnist-dir");
	}

	@Test
	void badOptionsExitWithUsage() {
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int code = TrainCommand.run(new String[] { "--epochs" }, System.out,
				new PrintStream(err, true, StandardCharsets.UTF_8));
		assertThat(code).isEqualTo(2);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("--epochs needs a value").contains("usage:");
	}

}
