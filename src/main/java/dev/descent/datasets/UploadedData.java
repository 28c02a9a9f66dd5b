package dev.descent.datasets;

/**
 * A validated upload, ready to be stored.
 *
 * @param sourceFormat "idx" or "csv", as uploaded
 * @param training at least one training example
 * @param test at least one test example
 */
record UploadedData(String sourceFormat, LabelledImages training, LabelledImages test) {
}
