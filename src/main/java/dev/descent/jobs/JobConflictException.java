package dev.descent.jobs;

/**
 * The job is in a state that does not allow the request, e.g. cancelling a finished job.
 */
public class JobConflictException extends RuntimeException {

	private final String jobId;

	/**
	 * @param jobId the job
	 * @param detail why the request conflicts, naming the job; the message
	 */
	public JobConflictException(String jobId, String detail) {
		super(detail);
		this.jobId = jobId;
	}

	/**
	 * @return the job whose state refuses the request
	 */
	public String jobId() {
		return this.jobId;
	}

}
