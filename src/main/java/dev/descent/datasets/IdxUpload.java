package dev.descent.datasets;

import java.io.IOException;
import java.io.InputStream;

import dev.descent.data.IdxFormatException;
import dev.descent.data.IdxReader;

/**
 * Reads uploaded IDX files, raw or gzip (told apart by content), refusing a file whose
 * header declares more examples than allowed before anything large is allocated. The
 * checks are {@link IdxReader}'s; this maps its refusals to 400s naming the part.
 */
final class IdxUpload {

	private IdxUpload() {
	}

	/**
	 * @param part the multipart part's name, used in error messages
	 * @return {@code n * 784} pixel bytes
	 * @throws InvalidDatasetException naming the part when the file is unusable
	 */
	static byte[] readImages(String part, InputStream in, int maxExamples) throws IOException {
		try {
			return IdxReader.readImages(part, in, maxExamples);
		}
		catch (IdxFormatException ex) {
			throw new InvalidDatasetException(part, ex.problem());
		}
	}

	/**
	 * @param part the multipart part's name, used in error messages
	 * @return {@code n} labels 0..9
	 * @throws InvalidDatasetException naming the part when the file is unusable
	 */
	static byte[] readLabels(String part, InputStream in, int maxExamples) throws IOException {
		try {
			return IdxReader.readLabels(part, in, maxExamples);
		}
		catch (IdxFormatException ex) {
			throw new InvalidDatasetException(part, ex.problem());
		}
	}

}
