package dev.descent.datasets;

import java.io.IOException;

import dev.descent.data.DataSet;
import dev.descent.data.MnistSource;
import dev.descent.web.ApiProblemException;
import dev.descent.web.ProblemTypes;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** MNIST test images, for the web page to try predictions on. */
@RestController
class MnistTestImagesController {

	private final MnistSource mnist;

	MnistTestImagesController(MnistSource mnist) {
		this.mnist = mnist;
	}

	/**
	 * @param index 0..9999
	 * @return the image's label and its 784 pixels in [0,1]
	 */
	@GetMapping("/datasets/mnist/test/{index}")
	TestImage testImage(@PathVariable int index) {
		DataSet test = testSet();
		if (index < 0 || index >= test.size()) {
			throw new ApiProblemException(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Test image not found",
					"index " + index + " is outside the test set (0.." + (test.size() - 1) + ")");
		}
		return new TestImage(index, test.label(index), test.image(index));
	}

	/**
	 * The test set once its files are on disk; until then a fetch is started and the
	 * client asked to come back, rather than holding a request thread for the download.
	 */
	private DataSet testSet() {
		if (this.mnist.isAvailable()) {
			try {
				return this.mnist.load().test();
			}
			catch (IOException ex) {
				// fall through: reported like a missing data set
			}
		}
		this.mnist.fetchInBackground();
		ApiProblemException unavailable = new ApiProblemException(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.INTERNAL,
				"MNIST unavailable", "the MNIST test set is being fetched; try again shortly");
		unavailable.getHeaders().set(HttpHeaders.RETRY_AFTER, "10");
		throw unavailable;
	}

	/**
	 * One test image.
	 *
	 * @param index its position in the test set
	 * @param label the digit it shows
	 * @param pixels 784 grey values in [0,1], row by row
	 */
	record TestImage(int index, int label, double[] pixels) {
	}

}
