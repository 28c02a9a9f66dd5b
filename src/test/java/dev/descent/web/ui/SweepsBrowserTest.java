package dev.descent.web.ui;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sweep started from the Sweeps view with the Train form's network, followed to its
 * end: the trials table, the chart of validation accuracy against the swept rate with the
 * best trial marked; a refused range explained and marked.
 */
class SweepsBrowserTest extends BrowserTestSupport {

	@Test
	void aSweepFromTheFormRunsItsTrialsAndMarksTheBest() throws Exception {
		open("train");
		fill("train-model", "ui-sweep");
		fill("train-layers", "784,10,10");
		fill("train-epochs", "2");
		fill("train-limit", "1000");
		new Select(byId("train-cost")).selectByValue("cross-entropy");
		// switch views within the page: the Train form keeps what was typed
		byId("nav-sweeps").click();
		this.browser.waitAtMost(PAGE).until((d) -> byId("view-sweeps").isDisplayed());
		new Select(byId("sweep-field")).selectByValue("learningRate");
		fill("sweep-min", "0.05");
		fill("sweep-max", "5");
		fill("sweep-trials", "4");
		fill("sweep-parallel", "2");
		fill("sweep-validation", "5000");
		fill("sweep-seed", "3");
		byId("sweep-submit").click();
		this.browser.waitAtMost(PAGE).until((d) -> byId("sweep-detail").isDisplayed());
		String id = text("sweep-id");
		this.browser.waitAtMost(Duration.ofMinutes(2))
			.withMessage(() -> "the sweep to end; the page says " + text("sweep-state") + " " + text("error"))
			.until((d) -> text("sweep-state").equals("SUCCEEDED")
					&& d.findElements(By.cssSelector("#sweep-chart circle.trial-point")).size() == 4);
		JsonNode sweep = this.api.get("/sweeps/" + id);
		assertThat(sweep.path("request").path("base").path("layers").toString()).isEqualTo("[784,10,10]");
		assertThat(sweep.path("request").path("base").path("trainingLimit").asInt()).isEqualTo(1000);
		assertThat(this.browser.driver().findElements(By.cssSelector("#trials tr"))).hasSize(4);
		WebElement best = this.browser.driver().findElement(By.cssSelector("#sweep-chart circle.best-point"));
		assertThat(best.getDomAttribute("data-trial")).isEqualTo(sweep.path("best").path("trial").asString());
		assertThat(this.browser.driver().findElement(By.cssSelector("#trials tr.best")).getText())
			.startsWith(sweep.path("best").path("trial").asString() + " ");
		assertThat(text("sweep-summary")).startsWith("best: trial " + sweep.path("best").path("trial").asInt());
		this.browser.waitAtMost(PAGE)
			.until((d) -> !d
				.findElements(By.cssSelector("#sweeps tr[data-sweep-id='" + id + "'][data-state='SUCCEEDED']"))
				.isEmpty());
		this.browser.screenshot("sweeps");
	}

	@Test
	void aRangeWhoseMinimumIsAboveItsMaximumIsRefusedAndTheFieldMarked() {
		open("sweeps");
		fill("sweep-min", "5");
		fill("sweep-max", "1");
		byId("sweep-submit").click();
		this.browser.waitAtMost(PAGE).until((d) -> !text("error").isBlank());
		assertThat(text("error")).startsWith("Starting the sweep: space.learningRate.min:");
		assertThat(byId("sweep-min").getDomAttribute("aria-invalid")).isEqualTo("true");
		fill("sweep-min", "0.01");
		fill("sweep-max", "10");
	}

	private void fill(String id, String value) {
		WebElement field = byId(id);
		field.clear();
		field.sendKeys(value);
	}

}
