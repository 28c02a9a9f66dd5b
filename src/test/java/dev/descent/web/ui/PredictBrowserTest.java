package dev.descent.web.ui;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Drawing, the 28×28 preprocessing, random test digits, and the page on a phone. */
class PredictBrowserTest extends BrowserTestSupport {

	/**
	 * About 96% test accuracy from 60,000 image presentations (the same settings with
	 * 10,000 images and 3 epochs stay near 93.5%).
	 */
	static final String QUICK_JOB = """
			{"model":"mnist","epochs":2,"trainingLimit":30000,"layers":[784,100,10],"cost":"cross-entropy",
			 "outputActivation":"softmax","hiddenActivation":"relu","init":"scaled","optimizer":"adam",
			 "learningRate":0.002,"batchSize":32,"seed":1}""";

	@BeforeAll
	void trainModel() throws Exception {
		int version = this.api.train(QUICK_JOB, Duration.ofMinutes(5));
		assertThat(this.api.get("/models/mnist/versions/" + version).path("accuracy").asDouble())
			.as("test accuracy of the model the page predicts with")
			.isGreaterThanOrEqualTo(0.95);
	}

	@Test
	void drawingTheInkOfATestImageShowsTheBarsAndTheRightDigit() throws Exception {
		open("predict");
		pickModel("mnist");
		JsonNode seven = this.api.get("/datasets/mnist/test/0");
		assertThat(seven.path("label").asInt()).isEqualTo(7);
		Map<?, ?> canvas = (Map<?, ?>) this.browser.driver()
			.executeScript("const r = document.getElementById('draw').getBoundingClientRect();"
					+ " return {left: r.left, top: r.top, width: r.width};");
		MnistInk ink = MnistInk.trace(pixels(seven), number(canvas, "left"), number(canvas, "top"),
				number(canvas, "width"));
		assertThat(ink.moves()).isGreaterThan(100);
		this.browser.driver().perform(List.of(ink.strokes()));
		waitForPrediction();
		List<WebElement> bars = this.browser.driver().findElements(By.cssSelector("#bars li"));
		assertThat(bars).hasSize(10);
		assertThat(bars)
			.allSatisfy((bar) -> assertThat(bar.findElement(By.className("value")).getText()).matches("\\d\\.\\d{3}"));
		assertThat(text("predicted-digit")).isEqualTo("7");
		assertThat(byId("bars").findElement(By.className("winner")).getDomAttribute("data-digit")).isEqualTo("7");
		assertThat(inkedPreviewPixels()).isGreaterThan(40);
		this.browser.screenshot("predict");
	}

	@Test
	void aRandomTestDigitShowsItsTrueLabelAndThePrediction() throws Exception {
		open("predict");
		pickModel("mnist");
		byId("random-digit").click();
		waitForPrediction();
		assertThat(text("true-label")).matches("\\d");
		String index = text("test-index").replaceAll("\\D", "");
		JsonNode image = this.api.get("/datasets/mnist/test/" + index);
		assertThat(text("true-label")).isEqualTo(image.path("label").asString());
		JsonNode answer = this.api.post("/predict", "{\"model\":\"mnist\",\"pixels\":" + image.path("pixels") + "}",
				200);
		assertThat(text("predicted-digit")).isEqualTo(answer.path("digit").asString());
		assertThat(text("predicted-version")).isEqualTo("mnist v" + answer.path("version").asInt());
		assertThat(inkedPreviewPixels()).isGreaterThan(40);
		this.browser.screenshot("predict-random");
	}

	@Test
	void theBrowsersPreprocessingTurnsTestImagesDrawnTenTimesLargerBackIntoThemselves() {
		open("predict");
		Object worst = this.browser.driver().executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				(async () => {
					const { toMnistInput } = await import('/js/preprocess.js');
					let worst = 0;
					for (let index = 0; index < 20; index++) {
						const image = await (await fetch('/datasets/mnist/test/' + index)).json();
						const ink = new Float32Array(280 * 280);
						for (let i = 0; i < ink.length; i++) {
							ink[i] = image.pixels[Math.floor(i / 2800) * 28 + Math.floor((i % 280) / 10)];
						}
						const input = toMnistInput(ink, 280, 280);
						input.forEach((v, i) => { worst = Math.max(worst, Math.abs(v - image.pixels[i])); });
					}
					return worst;
				})().then(done, (e) => done('failed: ' + e));
				""");
		assertThat(worst).isInstanceOf(Number.class);
		assertThat(((Number) worst).doubleValue()).isLessThan(1e-5);
	}

	@Test
	void everyViewFitsAPhoneWithoutScrollingSideways() throws IOException {
		this.browser.resize(375, 812);
		try {
			for (String view : List.of("predict", "train", "models")) {
				open(view);
				Number overflow = (Number) this.browser.driver()
					.executeScript(
							"return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
				assertThat(overflow.intValue()).as("sideways overflow of %s", view).isLessThanOrEqualTo(0);
				this.browser.screenshot(view + "-phone");
			}
		}
		finally {
			this.browser.resize(1280, 1000);
		}
	}

	private long inkedPreviewPixels() {
		return (Long) this.browser.driver()
			.executeScript("const c = document.getElementById('preview').getContext('2d');"
					+ " const d = c.getImageData(0, 0, 28, 28).data; let n = 0;"
					+ " for (let i = 0; i < d.length; i += 4) { if (d[i] < 200) n++; } return n;");
	}

	private static double[] pixels(JsonNode image) {
		double[] pixels = new double[784];
		for (int i = 0; i < pixels.length; i++) {
			pixels[i] = image.path("pixels").path(i).asDouble();
		}
		return pixels;
	}

	private static double number(Map<?, ?> map, String key) {
		return ((Number) map.get(key)).doubleValue();
	}

}
