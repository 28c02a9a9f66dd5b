package dev.descent.web.ui;

import java.time.Duration;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ai.onnx.proto.OnnxMl;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pointing production at an older version on the Models view changes what Predict uses;
 * each version links its ONNX file.
 */
class ModelsBrowserTest extends BrowserTestSupport {

	private static final String TINY_JOB = """
			{"model":"ui-models","epochs":1,"trainingLimit":1000,"layers":[784,30,10],"seed":%d}""";

	private int older;

	private int newer;

	@BeforeAll
	void trainTwoVersions() throws Exception {
		this.older = this.api.train(TINY_JOB.formatted(1), Duration.ofMinutes(2));
		this.newer = this.api.train(TINY_JOB.formatted(2), Duration.ofMinutes(2));
	}

	@Test
	void makeProductionOnAVersionMakesThePredictViewUseIt() throws Exception {
		assertThat(this.api.get("/models/ui-models/versions/" + this.older).path("accuracy").asDouble()).isPositive();
		open("models");
		By button = By.cssSelector(
				"button[data-action='make-production'][data-model='ui-models'][data-version='" + this.older + "']");
		this.browser.waitAtMost(PAGE).until((d) -> !d.findElements(button).isEmpty());
		this.browser.driver().findElement(button).click();
		this.browser.waitAtMost(PAGE)
			.until((d) -> text("status").equals("production now points at ui-models v" + this.older + "."));
		assertThat(this.browser.driver().findElement(button).isEnabled()).isFalse();
		assertThat(productionVersion()).isEqualTo(this.older);
		this.browser.screenshot("models");

		byId("nav-predict").click();
		pickModel("ui-models");
		this.browser.waitAtMost(PAGE)
			.until((d) -> byId("version-select").getText().contains("production → v" + this.older));
		byId("random-digit").click();
		waitForPrediction();
		assertThat(text("predicted-version")).isEqualTo("ui-models v" + this.older);
		assertThat(this.older).isNotEqualTo(this.newer);
		this.browser.screenshot("predict-production");
	}

	@Test
	void eachVersionLinksItsOnnxFile() throws Exception {
		open("models");
		By link = By.cssSelector(
				"section.model[data-model='ui-models'] tr[data-version='" + this.newer + "'] a[data-action='onnx']");
		this.browser.waitAtMost(PAGE).until((d) -> !d.findElements(link).isEmpty());
		WebElement onnx = this.browser.driver().findElement(link);
		assertThat(onnx.getText()).isEqualTo("ONNX");
		assertThat(onnx.getDomAttribute("download")).isEqualTo("ui-models-v" + this.newer + ".onnx");
		String href = onnx.getDomProperty("href");
		assertThat(href).endsWith("/models/ui-models/versions/" + this.newer + "/model.onnx");
		OnnxMl.ModelProto model = OnnxMl.ModelProto.parseFrom(this.api.download(href));
		assertThat(model.getMetadataPropsList()).anySatisfy((p) -> {
			assertThat(p.getKey()).isEqualTo("descent.model");
			assertThat(p.getValue()).isEqualTo("ui-models");
		});
		assertThat(model.getModelVersion()).isEqualTo(this.newer);
		assertThat(this.browser.driver()
			.findElements(By.cssSelector("section.model[data-model='ui-models'] a[data-action='onnx']")))
			.hasSizeGreaterThanOrEqualTo(2);
	}

	private int productionVersion() throws Exception {
		for (JsonNode model : this.api.get("/models")) {
			if (model.path("name").asString().equals("ui-models")) {
				return model.path("aliases").path("production").asInt();
			}
		}
		throw new AssertionError("ui-models is not listed by GET /models");
	}

}
