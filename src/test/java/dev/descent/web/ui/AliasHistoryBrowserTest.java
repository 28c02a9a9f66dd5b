package dev.descent.web.ui;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Models view shows each alias's history, newest first, and its "Roll back" button
 * moves the alias back to the version it held before, or says why it cannot.
 */
class AliasHistoryBrowserTest extends BrowserTestSupport {

	private static final String MODEL = "ui-aliases";

	private static final String TINY_JOB = """
			{"model":"ui-aliases","epochs":1,"trainingLimit":1000,"layers":[784,30,10],"seed":%d}""";

	private static final By HISTORY_ROWS = By
		.cssSelector("section.alias[data-model='ui-aliases'][data-alias='production'] table.history tbody tr");

	private int older;

	private int newer;

	@BeforeAll
	void trainTwoVersions() throws Exception {
		this.older = this.api.train(TINY_JOB.formatted(3), Duration.ofMinutes(2));
		this.newer = this.api.train(TINY_JOB.formatted(4), Duration.ofMinutes(2));
	}

	@Test
	void theHistoryListsBothMovesNewestFirstAndRollBackReturnsToTheEarlierVersion() throws Exception {
		this.api.put("/models/ui-aliases/aliases/production",
				"{\"version\":" + this.older + ",\"reason\":\"first candidate\"}", 200);
		open("models");
		By makeNewer = By.cssSelector(
				"button[data-action='make-production'][data-model='ui-aliases'][data-version='" + this.newer + "']");
		this.browser.waitAtMost(PAGE).until((d) -> !d.findElements(makeNewer).isEmpty());
		this.browser.driver().findElement(makeNewer).click();
		this.browser.waitAtMost(PAGE)
			.until((d) -> text("status").equals("production now points at ui-aliases v" + this.newer + "."));

		this.browser.waitAtMost(PAGE).until((d) -> d.findElements(HISTORY_ROWS).size() == 2);
		assertThat(rows()).containsExactly(List.of("v" + this.older, "v" + this.newer, "moved", "open", "–"),
				List.of("–", "v" + this.older, "created", "open", "first candidate"));
		assertThat(heading().getText()).isEqualTo("Alias production → v" + this.newer);

		rollBackButton().click();
		this.browser.waitAtMost(PAGE)
			.withMessage(() -> "the rollback; the page says: " + text("error") + " " + text("status"))
			.until((d) -> text("status")
				.equals("production of ui-aliases rolled back from v" + this.newer + " to v" + this.older + "."));
		assertThat(productionVersion()).isEqualTo(this.older);
		this.browser.waitAtMost(PAGE).until((d) -> d.findElements(HISTORY_ROWS).size() == 3);
		assertThat(rows().get(0)).containsExactly("v" + this.newer, "v" + this.older, "↶ rollback", "open", "–");
		WebElement newest = this.browser.driver().findElements(HISTORY_ROWS).get(0);
		assertThat(newest.getDomAttribute("data-rollback")).isEqualTo("true");
		assertThat(this.browser.driver().findElements(HISTORY_ROWS).get(1).getDomAttribute("data-rollback"))
			.isEqualTo("false");
		assertThat(heading().getText()).isEqualTo("Alias production → v" + this.older);
		assertThat(this.browser.driver().switchTo().activeElement()).isEqualTo(heading());
		this.browser.screenshot("models-history");

		rollBackButton().click();
		this.browser.waitAtMost(PAGE).until((d) -> !text("error").isEmpty());
		assertThat(text("error")).isEqualTo("Rolling back production of ui-aliases: alias 'production' of model "
				+ "ui-aliases cannot be rolled back from version " + this.older
				+ ": its history holds no earlier version that still exists and is not corrupt");
		assertThat(productionVersion()).isEqualTo(this.older);
		assertThat(this.browser.driver().findElements(HISTORY_ROWS)).hasSize(3);
	}

	private WebElement heading() {
		return this.browser.driver()
			.findElement(By.cssSelector("section.alias[data-model='ui-aliases'][data-alias='production'] h4"));
	}

	private WebElement rollBackButton() {
		return this.browser.driver()
			.findElement(
					By.cssSelector("button[data-action='rollback'][data-model='ui-aliases'][data-alias='production']"));
	}

	/** The history table's rows without the time: from, to, change, by, reason. */
	private List<List<String>> rows() {
		return this.browser.driver()
			.findElements(HISTORY_ROWS)
			.stream()
			.map((row) -> row.findElements(By.tagName("td")).stream().skip(1).map(WebElement::getText).toList())
			.toList();
	}

	private int productionVersion() throws Exception {
		for (JsonNode model : this.api.get("/models")) {
			if (model.path("name").asString().equals(MODEL)) {
				return model.path("aliases").path("production").asInt();
			}
		}
		throw new AssertionError(MODEL + " is not listed by GET /models");
	}

}
