package dev.descent.datasets;

/**
 * Tells whether a data set is needed by work not yet finished (a queued or running job),
 * so it must not be deleted. Implemented by the jobs feature.
 */
public interface DatasetUsage {

	/**
	 * @return whether a queued or running job uses the data set {@code name}
	 */
	boolean isDatasetInUse(String name);

}
