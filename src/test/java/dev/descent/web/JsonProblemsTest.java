package dev.descent.web;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Jackson's parse errors are passed on without the names of its internals. */
class JsonProblemsTest {

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
					Non-standard token 'NaN': enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow | Non-standard token 'NaN'
					Unexpected end-of-input: expected close marker for Object (start marker at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); byte offset: #UNKNOWN]) | Unexpected end-of-input: expected close marker for Object
					Document nesting depth (1001) exceeds the maximum allowed (1000, from `StreamReadConstraints.getMaxNestingDepth()`) | Document nesting depth (1001) exceeds the maximum allowed (1000)
					Numeric value (2147483648) out of range of `int` (-2147483648 - 2147483647) | Numeric value (2147483648) out of range of int (-2147483648 - 2147483647)
					Number value length (1001) exceeds the maximum allowed (1000, from `StreamReadConstraints.getMaxNumberLength()`) | Number value length (1001) exceeds the maximum allowed (1000)
					Unrecognized token 'nul': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false') | Unrecognized token 'nul': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')
					""")
	void keepsTheReasonDropsTheInternals(String message, String readable) {
		assertThat(JsonProblems.readable(message)).isEqualTo(readable);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			Cannot construct instance of `dev.descent.jobs.JobRequest` | x
			Unexpected character at [Source: (java.io.InputStream); line: 1] | x
			""")
	void dropsWhatCannotBeCleaned(String message, String ignored) {
		assertThat(JsonProblems.readable(message)).isNull();
	}

}
