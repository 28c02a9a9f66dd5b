package dev.descent.datasets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DatasetNamesTest {

	@Test
	void aMissingNameIsRefusedNotANullPointer() {
		assertThatExceptionOfType(InvalidDatasetException.class).isThrownBy(() -> DatasetNames.require(null, "name"))
			.withMessage("name must match [a-z0-9][a-z0-9._-]{0,63} without \"..\", got nothing");
	}

	@Test
	void aLongNameIsEchoedCutAtFortyCharacters() {
		assertThatExceptionOfType(InvalidDatasetException.class)
			.isThrownBy(() -> DatasetNames.require("X".repeat(41), "name"))
			.withMessageEndingWith("got '" + "X".repeat(40) + "...'");
		assertThat(DatasetNames.require("mine", "name")).isEqualTo("mine");
	}

}
