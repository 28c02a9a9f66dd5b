package dev.descent.web.ui;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.util.FileSystemUtils;

/**
 * A headless Debian Chromium driven by Selenium, set up the way that works on our build
 * machines (../shared/ENVIRONMENT.md): the driver and the binary given explicitly,
 * Selenium Manager kept offline, and a fresh profile under target/ that is deleted
 * afterwards.
 */
final class Browser implements AutoCloseable {

	static final File CHROMIUM = new File("/usr/bin/chromium");

	static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

	private static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private final ChromeDriverService service;

	private final ChromeDriver driver;

	private final Path profile;

	private Browser(ChromeDriverService service, ChromeDriver driver, Path profile) {
		this.service = service;
		this.driver = driver;
		this.profile = profile;
	}

	/**
	 * Skips the calling tests when Chromium is not installed, or fails them on CI, where
	 * .ci/run installs it: browser tests must never pass by not running.
	 */
	static void assumeInstalled() {
		if (installed()) {
			return;
		}
		String message = "Browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
				+ ": chromium not installed: apt-get install chromium chromium-driver";
		if ("true".equals(System.getenv("CI"))) {
			Assertions.fail(message);
		}
		Assumptions.abort(message);
	}

	static boolean installed() {
		return CHROMIUM.canExecute() && CHROMEDRIVER.canExecute();
	}

	static Browser start() throws IOException {
		System.setProperty("SE_OFFLINE", "true");
		Files.createDirectories(Path.of("target"));
		Path profile = Files.createTempDirectory(Path.of("target"), "chromium-profile-");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM);
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--no-first-run",
				"--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
				"--user-data-dir=" + profile.toAbsolutePath(), "--window-size=1280,1000");
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
			.usingAnyFreePort()
			.build();
		try {
			return new Browser(service, new ChromeDriver(service, options), profile);
		}
		catch (RuntimeException ex) {
			service.stop();
			FileSystemUtils.deleteRecursively(profile);
			throw ex;
		}
	}

	ChromeDriver driver() {
		return this.driver;
	}

	WebDriverWait waitAtMost(Duration timeout) {
		return new WebDriverWait(this.driver, timeout, Duration.ofMillis(100));
	}

	void resize(int width, int height) {
		this.driver.manage().window().setSize(new Dimension(width, height));
	}

	/**
	 * Saves what the page looks like now as target/screenshots/{name}.png for a person to
	 * review.
	 */
	Path screenshot(String name) throws IOException {
		Files.createDirectories(SCREENSHOTS);
		Path file = SCREENSHOTS.resolve(name + ".png");
		Files.write(file, this.driver.getScreenshotAs(OutputType.BYTES));
		return file;
	}

	@Override
	public void close() throws IOException {
		try {
			this.driver.quit();
		}
		finally {
			this.service.stop();
			FileSystemUtils.deleteRecursively(this.profile);
		}
	}

}
