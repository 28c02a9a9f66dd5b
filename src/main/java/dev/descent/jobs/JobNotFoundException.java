package dev.descent.jobs;

/** No job has this id. */
public class JobNotFoundException extends RuntimeException {

	private final String jobId;

	/**
	 * @param jobId the id asked for; the message is "no job has id '...'"
	 */
	public JobNotFoundException(String jobId) {
		super("no job has id '" + jobId + "'");
		this.jobId = jobId;
	}

	/**
	 * @return the id no job has
	 */
	public String jobId() {
		return this.jobId;
	}

}
