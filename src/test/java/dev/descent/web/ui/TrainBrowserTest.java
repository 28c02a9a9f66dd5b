package dev.descent.web.ui;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.descent.datasets.DatasetSamples;
import dev.descent.datasets.MultipartBody;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A job started from the Train form, watched epoch by epoch; an API error shown in words.
 */
class TrainBrowserTest extends BrowserTestSupport {

	/**
	 * The job is sized so that its epochs take over a second each (784-200-10 on all
	 * 60,000 images, cross-entropy, rate 0.5: about 96% after 3 epochs): with 1,000
	 * images all three epochs end within 0.1 s, before the page's first one-second poll,
	 * and there would be nothing to watch.
	 */
	@Test
	void aJobFromTheFormGainsOneChartPointPerEpochUntilItSucceeds() throws Exception {
		open("train");
		fill("train-model", "ui-train");
		fill("train-layers", "784,200,10");
		new Select(byId("train-cost")).selectByValue("cross-entropy");
		fill("train-rate", "0.5");
		fill("train-decay", "0.9");
		fill("train-epochs", "3");
		fill("train-seed", "42");
		byId("train-submit").click();
		this.browser.waitAtMost(PAGE).until((d) -> byId("job-detail").isDisplayed());
		String job = text("job-id");
		assertThat(this.api.get("/jobs/" + job).path("request").path("seed").asLong()).isEqualTo(42);
		assertThat(this.api.get("/jobs/" + job).path("request").path("learningRateDecay").asDouble()).isEqualTo(0.9);
		List<Integer> seen = new ArrayList<>();
		Map<String, Object> snapshot = chart();
		while (!"SUCCEEDED".equals(snapshot.get("state"))) {
			assertThat(snapshot.get("state")).as("job %s: %s", job, text("job-error")).isIn("QUEUED", "RUNNING");
			record(seen, snapshot);
			Map<String, Object> before = snapshot;
			snapshot = this.browser.waitAtMost(Duration.ofMinutes(2)).until((d) -> changedSince(before));
		}
		record(seen, snapshot);
		assertThat(seen).as("chart points seen while the job ran").isSorted().endsWith(3).containsAnyOf(1, 2);
		assertThat(this.browser.driver().findElements(By.cssSelector("#job-chart circle.accuracy-point"))).hasSize(3);
		assertThat(this.browser.driver().findElements(By.cssSelector("#epochs tr"))).hasSize(3);
		assertThat(byId("cancel-job").isDisplayed()).isFalse();
		// the chart followed the job's event stream, not polls of the job
		assertThat(this.browser.driver()
			.executeScript("return performance.getEntriesByType('resource').map((e) => e.name)")).asString()
			.contains("/jobs/" + job + "/events");
		this.browser.waitAtMost(PAGE)
			.until((d) -> d.findElement(By.cssSelector("#jobs tr[data-job-id='" + job + "']"))
				.getDomAttribute("data-state")
				.equals("SUCCEEDED"));
		this.browser.screenshot("train");
	}

	@Test
	void theCancelButtonStopsARunningJob() throws Exception {
		String job = this.api.post("/jobs", "{\"model\":\"ui-cancel\",\"layers\":[784,100,10],\"epochs\":30}", 202)
			.path("id")
			.asString();
		open("train");
		By row = By.cssSelector("#jobs button[data-job='" + job + "']");
		this.browser.waitAtMost(PAGE).until((d) -> !d.findElements(row).isEmpty());
		this.browser.driver().findElement(row).click();
		this.browser.waitAtMost(PAGE).until((d) -> byId("cancel-job").isDisplayed());
		byId("cancel-job").click();
		this.browser.waitAtMost(PAGE).until((d) -> text("job-state").equals("CANCELLED"));
		assertThat(text("status")).isEqualTo("Job " + job + " cancelled.");
		assertThat(byId("cancel-job").isDisplayed()).isFalse();
		assertThat(this.api.get("/jobs/" + job).path("state").asString()).isEqualTo("CANCELLED");
	}

	@Test
	void anInvalidFieldIsRefusedByTheServiceAndTheReasonShownInWords() {
		open("train");
		fill("train-epochs", "5000");
		byId("train-submit").click();
		this.browser.waitAtMost(PAGE).until((d) -> !text("error").isBlank());
		assertThat(text("error")).startsWith("Starting the job:").containsIgnoringCase("epochs");
		assertThat(byId("train-epochs").getDomAttribute("aria-invalid")).isEqualTo("true");
		fill("train-epochs", "30");
	}

	/**
	 * The data set picker offers the uploaded sets beside MNIST, and the job trains on
	 * the one chosen.
	 */
	@Test
	void aJobTrainsOnTheDataSetChosenInThePicker() throws Exception {
		String csvTrain = DatasetSamples.csv(DatasetSamples.training(), DatasetSamples.TRAIN, true);
		String csvTest = DatasetSamples.csv(DatasetSamples.test(), DatasetSamples.TEST, true);
		this.api.postMultipart("/datasets",
				new MultipartBody().field("name", "ui-digits")
					.file("train", csvTrain.getBytes(StandardCharsets.US_ASCII))
					.file("test", csvTest.getBytes(StandardCharsets.US_ASCII)),
				201);
		open("train");
		Select picker = new Select(byId("train-dataset"));
		this.browser.waitAtMost(PAGE).until((d) -> picker.getOptions().size() == 2);
		assertThat(picker.getOptions()).extracting(WebElement::getText)
			.containsExactly("mnist (60000)", "ui-digits (300)");
		assertThat(picker.getOptions().get(1).getDomAttribute("title")).isEqualTo("300 training and 100 test images");
		assertThat(picker.getFirstSelectedOption().getDomAttribute("value")).isEqualTo("mnist");
		picker.selectByValue("ui-digits");
		fill("train-model", "ui-dataset");
		fill("train-epochs", "2");
		byId("train-submit").click();
		this.browser.waitAtMost(PAGE).until((d) -> byId("job-detail").isDisplayed());
		String job = text("job-id");
		this.browser.waitAtMost(Duration.ofMinutes(1)).until((d) -> text("job-state").equals("SUCCEEDED"));
		JsonNode done = this.api.get("/jobs/" + job);
		assertThat(done.path("request").path("dataset").asString()).isEqualTo("ui-digits");
		assertThat(done.path("request").path("trainingLimit").asInt()).isEqualTo(DatasetSamples.TRAIN);
		assertThat(text("job-progress")).isEqualTo("epoch 2 of 2 · data set ui-digits · saved as ui-dataset v1");
	}

	/**
	 * One point per finished epoch at every moment: the chart never runs ahead of or
	 * behind the job.
	 */
	private void record(List<Integer> seen, Map<String, Object> snapshot) {
		int points = ((Number) snapshot.get("points")).intValue();
		assertThat(snapshot.get("progress")).asString().startsWith("epoch " + points + " of 3");
		if (seen.isEmpty() || seen.get(seen.size() - 1) != points) {
			seen.add(points);
		}
	}

	private Map<String, Object> changedSince(Map<String, Object> before) {
		Map<String, Object> now = chart();
		return now.get("points").equals(before.get("points")) && now.get("state").equals(before.get("state")) ? null
				: now;
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> chart() {
		return (Map<String, Object>) this.browser.driver()
			.executeScript("return {points: document.querySelectorAll('#job-chart circle.cost-point').length,"
					+ " state: document.getElementById('job-state').textContent,"
					+ " progress: document.getElementById('job-progress').textContent};");
	}

	private void fill(String id, String value) {
		WebElement field = byId(id);
		field.clear();
		field.sendKeys(value);
	}

}
