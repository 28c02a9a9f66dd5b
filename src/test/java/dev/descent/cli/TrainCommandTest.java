package dev.descent.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TrainCommandTest {

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
