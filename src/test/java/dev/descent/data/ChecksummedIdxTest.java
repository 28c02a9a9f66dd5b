package dev.descent.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ChecksummedIdxTest {

	@TempDir
	Path dir;

	@Test
	void parsesAndHashesTheWholeFileInOnePass() throws IOException {
		byte[] file = IdxReaderTest.gzip(IdxReaderTest.images(2));
		Path path = Files.write(this.dir.resolve("imgs"), file);
		ChecksummedIdx.Read read = ChecksummedIdx.read(path, "imgs", IdxReader::readImages);
		assertThat(read.sha256()).isEqualTo(Sha256.hex(file));
		assertThat(read.matches(Sha256.hex(file))).isTrue();
		assertThat(read.matches("0".repeat(64))).isFalse();
		assertThat(read.matches(null)).isFalse();
		assertThat(read.parsed())
			.isEqualTo(Arrays.copyOfRange(IdxReaderTest.images(2), 16, IdxReaderTest.images(2).length));
	}

	@Test
	void aMalformedFileIsStillHashedCompletelyAndRefusedOnlyWhenParsed() throws IOException {
		byte[] file = IdxReaderTest.labels(1, 12, 3);
		Path path = Files.write(this.dir.resolve("lbls"), file);
		ChecksummedIdx.Read read = ChecksummedIdx.read(path, "lbls", IdxReader::readLabels);
		assertThat(read.sha256()).isEqualTo(Sha256.hex(file));
		assertThatExceptionOfType(IdxFormatException.class).isThrownBy(read::parsed)
			.withMessage("lbls: label 1 is 12, expected 0-9");
	}

	@Test
	void anAbsentFileIsNoSuchFile() {
		assertThatExceptionOfType(NoSuchFileException.class)
			.isThrownBy(() -> ChecksummedIdx.read(this.dir.resolve("none"), "none", IdxReader::readLabels));
	}

}
