package dev.descent.storage;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SafeNamesTest {

	@ParameterizedTest
	@ValueSource(strings = { "a", "mnist", "ds-1a2b3c4d", "a.b_c-d", "0",
			"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" })
	void acceptsSafeNames(String name) {
		assertThat(SafeNames.isValid(name)).isTrue();
		assertThat(name).matches(SafeNames.PATTERN);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "A", "-x", ".x", "_x", "a..b", "a/b", "a b", "a\nb", "é", "..",
			"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" })
	void refusesEverythingElse(String name) {
		assertThat(SafeNames.isValid(name)).isFalse();
		assertThat(name).doesNotMatch(SafeNames.PATTERN);
	}

	@Test
	void nullIsNotValid() {
		assertThat(SafeNames.isValid(null)).isFalse();
	}

	@Test
	void printableEscapesControlCharactersAndCutsByCodePoint() {
		assertThat(SafeNames.printable("a\u0000b\n", 10)).isEqualTo("a\\u0000b\\u000a");
		assertThat(SafeNames.printable("abcdef", 3)).isEqualTo("abc...");
		assertThat(SafeNames.printable("abc", 3)).isEqualTo("abc");
		String poo = "\uD83D\uDCA9";
		assertThat(SafeNames.printable(poo.repeat(3), 3)).isEqualTo(poo.repeat(3));
		assertThat(SafeNames.printable(poo.repeat(4), 3)).isEqualTo(poo.repeat(3) + "...");
	}

	@Test
	void mismatchQuotesTheNameOrSaysNothingCame() {
		assertThat(SafeNames.mismatch("name", "Bad", 40))
			.isEqualTo("name must match [a-z0-9][a-z0-9._-]{0,63} without \"..\", got 'Bad'");
		assertThat(SafeNames.mismatch("name", null, 40))
			.isEqualTo("name must match [a-z0-9][a-z0-9._-]{0,63} without \"..\", got nothing");
	}

}
