package dev.descent.oip;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import dev.descent.data.DataSet;

/**
 * The one input every descent model takes, {@code pixels}: checks a request's input
 * tensor and turns it into images of 784 grey values in [0,1], in place. Accepted:
 * datatype FP32 or FP64 with values in [0,1], or UINT8 with integers in [0,255] scaled by
 * 1/255 as the MNIST files are; shape [N,784] or [N,28,28] for N images, [784] or [28,28]
 * for one. Numbers are read as the decimals they are (float64) whatever the datatype
 * says, so FP32 and FP64 requests predict exactly what {@code POST /predict} does.
 */
final class PixelsInput {

	static final String NAME = "pixels";

	static final String FP32 = "FP32";

	static final String FP64 = "FP64";

	static final String UINT8 = "UINT8";

	private static final int SIDE = DataSet.ROWS;

	private PixelsInput() {
	}

	/**
	 * @param model the model's name, for the messages
	 * @param maxImages the most images one request may carry
	 * @return the images, each 784 values in [0,1]
	 * @throws InvalidInferenceException naming the input and the first problem found
	 */
	static double[][] images(InferenceRequest request, String model, int maxImages) {
		InferenceRequest.Tensor tensor = pixelsTensor(request.inputs(), model);
		if (tensor.shape() == null || tensor.datatype() == null || tensor.data() == null || tensor.binary()) {
			throw new InvalidInferenceException(missing(tensor));
		}
		String datatype = tensor.datatype();
		if (!FP32.equals(datatype) && !FP64.equals(datatype) && !UINT8.equals(datatype)) {
			throw new InvalidInferenceException(tensor.label() + ": datatype " + Texts.quoted(datatype)
					+ " is not accepted; send FP32, FP64 or UINT8");
		}
		int images = imageCount(tensor, maxImages);
		InferenceRequest.Values data = tensor.data();
		if (data.fault() != null) {
			throw new InvalidInferenceException(tensor.label() + ": " + data.fault());
		}
		long needed = (long) images * DataSet.IMAGE_SIZE;
		if (data.count() != needed) {
			throw new InvalidInferenceException(tensor.label() + ": data has " + data.count() + " values, shape "
					+ format(tensor.shape()) + " needs " + needed);
		}
		double[][] pixels = (data.blocks().length == images) ? data.blocks() : Arrays.copyOf(data.blocks(), images);
		if (UINT8.equals(datatype)) {
			scaleBytes(pixels, tensor);
		}
		else {
			checkUnit(pixels, tensor);
		}
		return pixels;
	}

	private static String missing(InferenceRequest.Tensor tensor) {
		if (tensor.shape() == null) {
			return tensor.label() + " has no 'shape'";
		}
		if (tensor.datatype() == null) {
			return tensor.label() + " has no 'datatype'";
		}
		if (tensor.binary()) {
			return tensor.label()
					+ ": binary tensor data (parameter 'binary_data_size') is not supported; send the values in 'data'";
		}
		return tensor.label() + " has no 'data'";
	}

	private static InferenceRequest.Tensor pixelsTensor(List<InferenceRequest.Tensor> inputs, String model) {
		InferenceRequest.Tensor pixels = null;
		for (InferenceRequest.Tensor tensor : inputs) {
			if (tensor.name() == null) {
				throw new InvalidInferenceException(tensor.label() + " has no 'name'");
			}
			if (!NAME.equals(tensor.name())) {
				throw new InvalidInferenceException("input " + Texts.quoted(tensor.name())
						+ " is not an input of model '" + model + "'; its one input is 'pixels'");
			}
			if (pixels != null) {
				throw new InvalidInferenceException("input 'pixels' is given twice");
			}
			pixels = tensor;
		}
		if (pixels == null) {
			throw new InvalidInferenceException("the request has no inputs; model '" + model + "' takes one, 'pixels'");
		}
		return pixels;
	}

	/**
	 * [784] and [28,28] are one image; [N,784] and [N,28,28] are N.
	 */
	private static int imageCount(InferenceRequest.Tensor tensor, int maxImages) {
		long[] shape = tensor.shape();
		long images;
		long perImage;
		if (shape.length == 1) {
			images = 1;
			perImage = shape[0];
		}
		else if (shape.length == 2) {
			boolean oneSquare = shape[0] == SIDE && shape[1] == SIDE;
			images = oneSquare ? 1 : shape[0];
			perImage = oneSquare ? DataSet.IMAGE_SIZE : shape[1];
		}
		else if (shape.length == 3 && shape[1] == SIDE && shape[2] == SIDE) {
			images = shape[0];
			perImage = DataSet.IMAGE_SIZE;
		}
		else {
			throw shapeRefused(tensor, "is not one of [N,784], [N,28,28], [784] or [28,28]");
		}
		if (perImage != DataSet.IMAGE_SIZE) {
			throw shapeRefused(tensor, "has " + perImage + " values per image, expected 784");
		}
		if (images < 1) {
			throw shapeRefused(tensor, "holds no image");
		}
		if (images > maxImages) {
			throw shapeRefused(tensor,
					"holds " + images + " images, at most " + maxImages + " (descent.predict.max-instances)");
		}
		return (int) images;
	}

	private static InvalidInferenceException shapeRefused(InferenceRequest.Tensor tensor, String problem) {
		return new InvalidInferenceException(tensor.label() + ": shape " + format(tensor.shape()) + " " + problem);
	}

	private static void checkUnit(double[][] pixels, InferenceRequest.Tensor tensor) {
		for (int i = 0; i < pixels.length; i++) {
			double[] image = pixels[i];
			for (int j = 0; j < image.length; j++) {
				double value = image[j];
				if (!(value >= 0.0 && value <= 1.0)) {
					throw refused(tensor, pixels.length, i, j, value, "a value in [0,1]");
				}
			}
		}
	}

	/** Scales 0..255 to [0,1] exactly as the MNIST files are (v / 255.0). */
	private static void scaleBytes(double[][] pixels, InferenceRequest.Tensor tensor) {
		for (int i = 0; i < pixels.length; i++) {
			double[] image = pixels[i];
			for (int j = 0; j < image.length; j++) {
				double value = image[j];
				if (!(value >= 0.0 && value <= 255.0 && value == Math.rint(value))) {
					throw refused(tensor, pixels.length, i, j, value, "an integer in [0,255] (UINT8)");
				}
				image[j] = value / 255.0;
			}
		}
	}

	private static InvalidInferenceException refused(InferenceRequest.Tensor tensor, int images, int image, int pixel,
			double value, String expected) {
		int index = image * DataSet.IMAGE_SIZE + pixel;
		String where = "data[" + index + "]" + ((images > 1) ? " (image " + image + ", pixel " + pixel + ")" : "");
		String what = Double.isNaN(value) ? tensor.data().firstNonNumber() : Texts.number(value);
		return new InvalidInferenceException(tensor.label() + ": " + where + " is " + what + ", expected " + expected);
	}

	static String format(long[] shape) {
		return Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(",", "[", "]"));
	}

}
