package dev.descent.web.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

/**
 * The application on a random port with its data in a temporary folder, and one browser
 * per test class. Every browser test class extends this one so that they share one
 * application context (and one MNIST load); each trains models under its own name.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@TestInstance(Lifecycle.PER_CLASS)
abstract class BrowserTestSupport {

	static final Duration PAGE = Duration.ofSeconds(15);

	private static final Path DATA_DIR = temporaryDataDir();

	@LocalServerPort
	int port;

	Browser browser;

	DescentApi api;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("descent.data-dir", DATA_DIR::toString);
		registry.add("descent.mnist.directory", () -> Path.of("target", "mnist").toAbsolutePath().toString());
	}

	@BeforeAll
	void startBrowser() throws IOException {
		this.api = new DescentApi("http://127.0.0.1:" + this.port);
		if (Browser.installed()) {
			this.browser = Browser.start();
		}
	}

	/**
	 * Skips (or on CI fails) each test by name, so a missing browser shows in every
	 * report.
	 */
	@BeforeEach
	void requireBrowser() {
		Browser.assumeInstalled();
	}

	/**
	 * Every test leaves a picture of how the page looked at its end, passed or failed.
	 */
	@AfterEach
	void screenshot(TestInfo test) throws IOException {
		if (this.browser != null) {
			this.browser.screenshot(getClass().getSimpleName() + "." + test.getTestMethod().orElseThrow().getName());
		}
	}

	@AfterAll
	void closeBrowser() throws IOException {
		if (this.browser != null) {
			this.browser.close();
		}
	}

	/** Loads the page afresh, showing one view. */
	void open(String view) {
		this.browser.driver().navigate().to("about:blank");
		this.browser.driver().get("http://127.0.0.1:" + this.port + "/#" + view);
		this.browser.waitAtMost(PAGE).until((d) -> d.findElement(By.id("view-" + view)).isDisplayed());
	}

	WebElement byId(String id) {
		return this.browser.driver().findElement(By.id(id));
	}

	String text(String id) {
		return byId(id).getText();
	}

	/** Chooses a model in the Predict view's picker once the page has listed it. */
	void pickModel(String name) {
		this.browser.waitAtMost(PAGE)
			.until((d) -> !d.findElements(By.cssSelector("#model-select option[value='" + name + "']")).isEmpty());
		new Select(byId("model-select")).selectByValue(name);
	}

	/** Waits until the page has no prediction queued or in flight. */
	void waitForPrediction() {
		this.browser.waitAtMost(PAGE)
			.withMessage(() -> "a prediction; the page says: " + text("error") + " " + text("status"))
			.until((d) -> "false".equals(byId("bars").getDomAttribute("aria-busy"))
					&& text("predicted-digit").matches("\\d"));
	}

	private static Path temporaryDataDir() {
		try {
			Path dir = Files.createTempDirectory("descent-browser-test-");
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					FileSystemUtils.deleteRecursively(dir);
				}
				catch (IOException ex) {
					// a temporary folder the OS will clean
				}
			}));
			return dir;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
