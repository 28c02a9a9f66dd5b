package dev.descent.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

class DurableFilesTest {

	@TempDir
	Path root;

	@Test
	void publishesAStagedDirectoryWhole() throws IOException {
		Path target = this.root.resolve("set");
		List<String> seenBeforeMove = new ArrayList<>();
		String answer = DurableFiles.publishDirectory(target, (staging) -> {
			assertThat(staging.getParent()).isEqualTo(this.root.toAbsolutePath());
			assertThat(staging.getFileName().toString()).startsWith(DurableFiles.STAGING_PREFIX);
			DurableFiles.write(staging.resolve("a"), new byte[] { 1, 2 });
			return "written";
		}, (move) -> {
			seenBeforeMove.addAll(names());
			move.run();
		});
		assertThat(answer).isEqualTo("written");
		assertThat(seenBeforeMove).singleElement().asString().startsWith(DurableFiles.STAGING_PREFIX);
		assertThat(names()).containsExactly("set");
		assertThat(target.resolve("a")).hasBinaryContent(new byte[] { 1, 2 });
	}

	@Test
	void aFailedOrRefusedPublicationLeavesNothing() throws IOException {
		Path target = this.root.resolve("set");
		assertThatIOException().isThrownBy(() -> DurableFiles.publishDirectory(target, (staging) -> {
			DurableFiles.write(staging.resolve("a"), new byte[] { 1 });
			throw new IOException("disk full");
		}, DurableFiles.Publication.MOVE)).withMessage("disk full");
		assertThat(names()).isEmpty();
		assertThatIOException().isThrownBy(() -> DurableFiles.publishDirectory(target, (staging) -> null, (move) -> {
			throw new IOException("name taken");
		})).withMessage("name taken");
		assertThat(names()).isEmpty();
	}

	@Test
	void anExistingTargetIsNotReplaced() throws IOException {
		Path target = this.root.resolve("set");
		Files.createDirectories(target.resolve("old"));
		assertThatIOException().isThrownBy(() -> DurableFiles.publishDirectory(target, (staging) -> {
			DurableFiles.write(staging.resolve("new"), new byte[] { 1 });
			return null;
		}, DurableFiles.Publication.MOVE));
		assertThat(names()).containsExactly("set");
		assertThat(target.resolve("old")).isDirectory();
	}

	@Test
	void deletesADirectoryThroughTheTrash() throws IOException {
		Path dir = this.root.resolve("set");
		Files.createDirectories(dir.resolve("sub"));
		Files.writeString(dir.resolve("sub/file"), "x");
		DurableFiles.deleteDirectory(dir);
		assertThat(names()).isEmpty();
		assertThatIOException().isThrownBy(() -> DurableFiles.deleteDirectory(dir));
	}

	@Test
	void removesTheLeftoversOfEveryKindAndNothingElse() throws IOException {
		Files.createDirectories(this.root.resolve(DurableFiles.STAGING_PREFIX + "1/x"));
		Files.createDirectories(this.root.resolve(DurableFiles.TRASH_PREFIX + "2"));
		Files.createDirectories(this.root.resolve(".deleting-3"));
		Files.writeString(this.root.resolve(DurableFiles.TEMP_PREFIX + "a.json-4"), "{");
		Files.createDirectories(this.root.resolve("kept"));
		Files.writeString(this.root.resolve("kept.json"), "{}");
		DurableFiles.removeLeftovers(this.root);
		assertThat(names()).containsExactlyInAnyOrder("kept", "kept.json");
		DurableFiles.removeLeftovers(this.root.resolve("missing"));
	}

	private List<String> names() throws IOException {
		try (Stream<Path> entries = Files.list(this.root)) {
			return entries.map((p) -> p.getFileName().toString()).toList();
		}
	}

}
