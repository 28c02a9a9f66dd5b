package dev.descent.predict;

import java.util.Arrays;

import dev.descent.data.DataSet;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * Reads a JSON array of numbers into a {@code double[]} without boxing, keeping a
 * {@code null} element as NaN so that validation can name its index (Jackson's own
 * primitive-array reader either fails without naming it or reads 0). Anything but numbers
 * and null is a malformed body.
 */
final class PixelsDeserializer extends ValueDeserializer<double[]> {

	@Override
	public double[] deserialize(JsonParser parser, DeserializationContext context) {
		if (!parser.isExpectedStartArrayToken()) {
			return (double[]) context.handleUnexpectedToken(double[].class, parser);
		}
		double[] values = new double[DataSet.IMAGE_SIZE];
		int count = 0;
		for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
			if (count == values.length) {
				values = Arrays.copyOf(values, count * 2);
			}
			values[count++] = value(token, parser, context);
		}
		return (count == values.length) ? values : Arrays.copyOf(values, count);
	}

	private static double value(JsonToken token, JsonParser parser, DeserializationContext context) {
		if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
			return parser.getDoubleValue();
		}
		if (token == JsonToken.VALUE_NULL) {
			return Double.NaN;
		}
		return (double) context.handleUnexpectedToken(double.class, parser);
	}

}
