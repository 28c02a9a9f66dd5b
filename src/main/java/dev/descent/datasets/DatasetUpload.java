package dev.descent.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.util.MultiValueMap;
import org.springframework.web.multipart.MultipartFile;

/**
 * Reads and validates the parts of {@code POST /datasets}: either the four IDX files
 * ({@link #IDX_PARTS}) or the two CSV files ({@link #CSV_PARTS}), plus an optional
 * {@code name} field. Every check happens here, before anything is stored.
 */
final class DatasetUpload {

	static final List<String> IDX_PARTS = List.of("trainImages", "trainLabels", "testImages", "testLabels");

	static final List<String> CSV_PARTS = List.of("train", "test");

	static final String NAME = "name";

	private static final String FORMS = "send either the IDX files trainImages, trainLabels, testImages and "
			+ "testLabels, or the CSV files train and test";

	private DatasetUpload() {
	}

	/**
	 * @param files the file parts by part name
	 * @param fields the names of the non-file parts
	 * @param maxExamples the most examples one file may hold
	 * @return the validated examples
	 * @throws InvalidDatasetException naming the part and the problem
	 */
	static UploadedData read(MultiValueMap<String, MultipartFile> files, Set<String> fields, int maxExamples)
			throws IOException {
		boolean idx = checkParts(files, fields);
		if (idx) {
			return new UploadedData("idx", readIdx(files, "trainImages", "trainLabels", maxExamples),
					readIdx(files, "testImages", "testLabels", maxExamples));
		}
		return new UploadedData("csv", readCsv(files.getFirst("train"), "train", maxExamples),
				readCsv(files.getFirst("test"), "test", maxExamples));
	}

	/**
	 * @return true for the IDX form, false for CSV
	 */
	private static boolean checkParts(MultiValueMap<String, MultipartFile> files, Set<String> fields) {
		Set<String> all = new LinkedHashSet<>(files.keySet());
		all.addAll(fields);
		for (String part : all) {
			if (!IDX_PARTS.contains(part) && !CSV_PARTS.contains(part) && !NAME.equals(part)) {
				throw InvalidDatasetException.stating(part,
						"unexpected part '" + DatasetNames.printable(part) + "': " + FORMS + ", and optionally a name");
			}
			if (!NAME.equals(part) && (fields.contains(part) || files.get(part).size() > 1)) {
				throw InvalidDatasetException.stating(part, part + " must be sent once, as a file");
			}
		}
		boolean idx = IDX_PARTS.stream().anyMatch(files::containsKey);
		boolean csv = CSV_PARTS.stream().anyMatch(files::containsKey);
		if (idx && csv) {
			throw InvalidDatasetException.stating("train",
					"the upload mixes IDX parts (trainImages...) and CSV parts (train, test): " + FORMS);
		}
		requireAll(files, idx ? IDX_PARTS : CSV_PARTS, idx || csv);
		return idx;
	}

	private static void requireAll(MultiValueMap<String, MultipartFile> files, List<String> parts, boolean any) {
		List<String> missing = new ArrayList<>(parts);
		missing.removeAll(files.keySet());
		if (!any) {
			throw InvalidDatasetException.stating(parts.get(0), "no data set files: " + FORMS);
		}
		if (!missing.isEmpty()) {
			throw InvalidDatasetException.stating(missing.get(0),
					String.join(", ", missing) + ((missing.size() == 1) ? " is" : " are") + " missing: " + FORMS);
		}
	}

	private static LabelledImages readIdx(MultiValueMap<String, MultipartFile> files, String imagesPart,
			String labelsPart, int maxExamples) throws IOException {
		byte[] pixels;
		byte[] labels;
		try (InputStream in = files.getFirst(imagesPart).getInputStream()) {
			pixels = IdxUpload.readImages(imagesPart, in, maxExamples);
		}
		try (InputStream in = files.getFirst(labelsPart).getInputStream()) {
			labels = IdxUpload.readLabels(labelsPart, in, maxExamples);
		}
		int images = pixels.length / dev.descent.data.DataSet.IMAGE_SIZE;
		if (labels.length != images) {
			throw new InvalidDatasetException(labelsPart,
					"labels file has " + labels.length + " entries, images file (" + imagesPart + ") " + images);
		}
		return nonEmpty(imagesPart, new LabelledImages(pixels, labels));
	}

	private static LabelledImages readCsv(MultipartFile file, String part, int maxExamples) throws IOException {
		try (InputStream in = file.getInputStream()) {
			return CsvReader.read(part, in, maxExamples);
		}
	}

	private static LabelledImages nonEmpty(String part, LabelledImages examples) {
		if (examples.size() == 0) {
			throw new InvalidDatasetException(part, "no examples (at least one is needed)");
		}
		return examples;
	}

}
