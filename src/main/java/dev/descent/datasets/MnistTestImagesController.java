package dev.descent.datasets;

import java.io.IOException;
import java.time.Duration;

import dev.descent.data.DataSet;
import dev.descent.data.MnistSource;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** MNIST test images, for the web page to try predictions on. */
@RestController
class MnistTestImagesController {

	/** About how long a fetch of the test set takes on a fair connection. */
	private static final Duration RETRY_AFTER = Duration.ofSeconds(10);

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
			throw new TestImageNotFoundException(index, test.size());
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
		throw new MnistUnavailableException(RETRY_AFTER);
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
