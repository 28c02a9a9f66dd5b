package dev.descent.cli;

import java.util.List;

import dev.descent.engine.EpochResult;
import dev.descent.engine.Network;
import dev.descent.engine.NetworkSpec;
import dev.descent.engine.TrainingResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TrainCommandTest {

	@Test
	void summaryNamesTheFirstBestEpoch() {
		List<EpochResult> history = List.of(new EpochResult(1, 0.5, 7000, 10000, 1.0),
				new EpochResult(2, 0.4, 9000, 10000, 3.0), new EpochResult(3, 0.3, 9000, 10000, 2.0),
				new EpochResult(4, 0.2, 8000, 10000, 4.0));
		TrainingResult result = new TrainingResult(Network.zeros(NetworkSpec.sigmoid(784, 1, 10)), history, false);
		assertThat(TrainCommand.summary(result)).isEqualTo("best epoch 2: accuracy 0.9000; final accuracy 0.8000;"
				+ " seconds per epoch: median 3.000, min 1.000; training 10.0 s in all");
	}

	@Test
	void perDigitLineGivesEachDigitsAccuracyAndCounts() {
		int[][] confusion = new int[10][10];
		for (int digit = 0; digit < 10; digit++) {
			confusion[digit][digit] = 90 + digit;
			confusion[digit][(digit + 1) % 10] = 10 - digit;
		}
		confusion[0][0] = 963;
		confusion[0][1] = 17;
		confusion[4][4] = 0;
		confusion[4][9] = 982 - confusion[4][5];
		assertThat(TrainCommand.perDigit(confusion)).isEqualTo("final network, test accuracy per digit:"
				+ " 0 98.3% (963/980)  1 91.0% (91/100)  2 92.0% (92/100)  3 93.0% (93/100)  4 0.0% (0/982)"
				+ "  5 95.0% (95/100)  6 96.0% (96/100)  7 97.0% (97/100)  8 98.0% (98/100)  9 99.0% (99/100)");
	}

	@Test
	void perDigitLineMarksADigitWithoutTestImages() {
		int[][] confusion = new int[10][10];
		confusion[3][3] = 1;
		assertThat(TrainCommand.perDigit(confusion)).startsWith("final network, test accuracy per digit: 0 - (0/0)")
			.contains("  3 100.0% (1/1)  ");
	}

}
