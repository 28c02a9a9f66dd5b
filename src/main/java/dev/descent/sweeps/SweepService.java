package dev.descent.sweeps;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.descent.jobs.Job;
import dev.descent.jobs.JobConflictException;
import dev.descent.jobs.JobNotFoundException;
import dev.descent.jobs.JobRequest;
import dev.descent.jobs.JobService;
import dev.descent.jobs.JobsUnavailableException;
import dev.descent.models.AliasChange;
import dev.descent.models.AliasMove;
import dev.descent.models.ModelRef;
import dev.descent.models.ModelRepository;
import dev.descent.models.PromotionRefusedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Runs hyperparameter sweeps. A sweep's trials are drawn when it is created and stored
 * with it; each trial is an ordinary job on the job queue ({@link JobService#submit}),
 * recording its sweep, so it is listed in {@code /jobs}, resumed after a restart like any
 * job, and compared with the others on validation accuracy only.
 *
 * <p>
 * One thread advances sweeps, after every change of one of their jobs and once a second:
 * it updates the trials from their jobs, submits pending trials while fewer than
 * {@code parallelTrials} are queued or running (a full queue is retried a second later),
 * fails the sweep when more than {@code maxFailedTrials} failed, stops it at its time
 * limit, and when no trial is left picks the winner and promotes it. The median rule is
 * applied on the training thread as a trial's epoch k is recorded, so a hopeless trial is
 * stopped before its next epoch. A sweep found RUNNING at start goes on where it was.
 *
 * <p>
 * When replicas share the store ({@link SweepStore#shared()}), every read starts from the
 * store's record, so any replica answers for any sweep; each replica advances every
 * unfinished sweep of the store, but one at a time per sweep
 * ({@link SweepStore#tryExclusively}) and from its stored record, so a sweep whose
 * replica died goes on and no trial is launched twice. A cancel takes the same exclusive
 * section.
 */
@Service
public class SweepService implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(SweepService.class);

	/**
	 * How the {@code error} of a trial's job cancelled by the median rule starts, so that
	 * any replica reads the trial as STOPPED, not CANCELLED.
	 */
	static final String STOPPED_BY_MEDIAN_RULE = "stopped by the median rule";

	/** How long a cancel waits for another replica to finish advancing the sweep. */
	private static final Duration CANCEL_WAIT = Duration.ofSeconds(10);

	private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
		.withZone(ZoneOffset.UTC);

	private final SweepStore store;

	private final JobService jobs;

	private final ModelRepository models;

	private final SweepRequestValidator validator;

	private final JsonMapper json;

	private final Map<String, Sweep> sweeps = new ConcurrentHashMap<>();

	private final List<Consumer<Sweep>> listeners = new CopyOnWriteArrayList<>();

	/** When shared: the last record of each sweep the listeners were told of. */
	private final Map<String, Sweep> told = new ConcurrentHashMap<>();

	private final ScheduledExecutorService runner = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "descent-sweeps");
		thread.setDaemon(true);
		return thread;
	});

	private volatile boolean ready;

	/**
	 * Whether other replicas share the store: reads start from the store's records, and a
	 * sweep is advanced or cancelled by one replica at a time, from its stored record.
	 */
	private final boolean shared;

	SweepService(SweepStore store, JobService jobs, ModelRepository models, SweepRequestValidator validator,
			JsonMapper json) {
		this.store = store;
		this.jobs = jobs;
		this.models = models;
		this.validator = validator;
		this.json = json;
		this.shared = store.shared();
		if (!this.shared) {
			store.loadAll().forEach((sweep) -> this.sweeps.put(sweep.id(), sweep));
		}
		jobs.addListener(this::jobChanged);
	}

	/** Goes on with the sweeps that were running, once the jobs have been resumed. */
	@EventListener(ApplicationReadyEvent.class)
	void resume() {
		this.ready = true;
		this.runner.scheduleWithFixedDelay(this::advanceAll, 0, 1, TimeUnit.SECONDS);
	}

	@Override
	public void destroy() {
		this.ready = false;
		this.runner.shutdownNow();
	}

	/**
	 * Adds a listener told of every recorded change of a sweep, on the thread that made
	 * it; it must be quick.
	 */
	public void addListener(Consumer<Sweep> listener) {
		this.listeners.add(listener);
	}

	/**
	 * Accepts a sweep: checks it, draws its trials, records it and starts its first
	 * trials.
	 * @throws InvalidSweepException naming the field at fault
	 * @throws dev.descent.storage.StoreUnavailableException when the sweep cannot be
	 * recorded because the store cannot be reached
	 */
	public Sweep create(SweepRequest request) {
		return create(request, AliasMove.OPEN);
	}

	/**
	 * Accepts a sweep started by the key named {@code by}.
	 * @throws InvalidSweepException naming the field at fault
	 */
	public Sweep create(SweepRequest request, String by) {
		int trials = this.validator.validate(request);
		SweepRequest effective = request.withDefaults(trials, ThreadLocalRandom.current().nextLong());
		Sweep sweep;
		synchronized (this) {
			sweep = new Sweep(newId(), SweepState.RUNNING, effective, TrialSampler.trials(effective), null, null, null,
					Instant.now(), null, by);
			saveNew(sweep);
		}
		schedule(sweep.id());
		return sweep;
	}

	/**
	 * @throws SweepNotFoundException when no sweep has this id
	 */
	public Sweep get(String id) {
		Sweep sweep = find(id);
		if (sweep == null) {
			throw new SweepNotFoundException(id);
		}
		return sweep;
	}

	/**
	 * @return the sweep's current record (the store's when shared), or null
	 */
	private Sweep find(String id) {
		return this.shared ? this.store.load(id).orElse(null) : this.sweeps.get(id);
	}

	private List<Sweep> all() {
		return this.shared ? this.store.loadAll() : List.copyOf(this.sweeps.values());
	}

	/**
	 * @return every sweep, newest first
	 */
	public List<Sweep> list() {
		return all().stream()
			.sorted(Comparator.comparing(Sweep::createdAt).thenComparing(Sweep::id).reversed())
			.toList();
	}

	/**
	 * Cancels a running sweep: no trial starts any more, and the queued and running ones
	 * are cancelled (one that is storing its model finishes).
	 * @throws SweepConflictException when the sweep has already ended
	 */
	public synchronized Sweep cancel(String id) {
		Sweep[] cancelled = new Sweep[1];
		if (!this.store.tryExclusively(id, CANCEL_WAIT, () -> cancelled[0] = cancelNow(id))) {
			throw new SweepConflictException(id, "sweep " + id + " is being advanced by another replica; try again");
		}
		return cancelled[0];
	}

	private Sweep cancelNow(String id) {
		Sweep sweep = get(id);
		if (sweep.state().isFinal()) {
			throw new SweepConflictException(id, "sweep " + id + " has already ended (" + sweep.state() + ")");
		}
		cancelActive(sweep);
		Sweep cancelled = refreshed(sweep).ended(SweepState.CANCELLED, null, null, null, Instant.now());
		save(cancelled);
		return cancelled;
	}

	private void jobChanged(Job job) {
		if (job.sweep() == null) {
			return;
		}
		if (job.state() == dev.descent.jobs.JobState.RUNNING) {
			applyMedianRule(job);
		}
		schedule(job.sweep());
	}

	/**
	 * The median rule, on the thread that recorded the trial's epoch k (its training
	 * thread): below the median of the earlier trials' validation accuracy at epoch k,
	 * the trial's job is cancelled before its next epoch. Takes no lock of this service.
	 */
	private void applyMedianRule(Job job) {
		Sweep sweep = find(job.sweep());
		if (sweep == null || sweep.state().isFinal() || sweep.request().earlyStopping() == null) {
			return;
		}
		int k = sweep.request().earlyStopping().afterEpochs();
		if (job.history().size() != k || k >= job.request().epochs()) {
			return;
		}
		Double mine = job.history().get(k - 1).validationAccuracy();
		Sweep.Trial trial = sweep.trials().stream().filter((t) -> job.id().equals(t.job())).findFirst().orElse(null);
		if (mine == null || trial == null) {
			return;
		}
		List<Double> earlier = earlierAccuracies(sweep, trial.trial(), k);
		if (earlier.isEmpty() || mine >= median(earlier)) {
			return;
		}
		logger.info("Sweep {}: trial {} ({}) stopped by the median rule: validation accuracy {} after epoch {}, "
				+ "median of earlier trials {}", sweep.id(), trial.trial(), job.id(), mine, k, median(earlier));
		try {
			this.jobs.cancel(job.id(), STOPPED_BY_MEDIAN_RULE + " after epoch " + k + ": validation accuracy " + mine
					+ " < median " + median(earlier) + " of the earlier trials");
		}
		catch (JobConflictException ex) {
			// it finished meanwhile: the trial ends as its job did
		}
	}

	private List<Double> earlierAccuracies(Sweep sweep, int before, int k) {
		List<Double> values = new ArrayList<>();
		for (Sweep.Trial t : sweep.trials()) {
			if (t.trial() >= before || t.job() == null) {
				continue;
			}
			Job earlier = this.jobs.get(t.job());
			if (earlier.history().size() >= k && earlier.history().get(k - 1).validationAccuracy() != null) {
				values.add(earlier.history().get(k - 1).validationAccuracy());
			}
		}
		return values;
	}

	static double median(List<Double> values) {
		List<Double> sorted = values.stream().sorted().toList();
		int n = sorted.size();
		return (n % 2 == 1) ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
	}

	private void schedule(String id) {
		if (!this.ready) {
			return;
		}
		try {
			this.runner.execute(() -> advance(id));
		}
		catch (RejectedExecutionException ex) {
			// shutting down: the sweep goes on at the next start
		}
	}

	private void advanceAll() {
		List<Sweep> sweeps;
		try {
			sweeps = all();
		}
		catch (RuntimeException ex) {
			logger.warn("Cannot list the sweeps to advance: {}", ex.getMessage());
			return;
		}
		tellRemoteChanges(sweeps);
		for (Sweep sweep : sweeps) {
			if (!sweep.state().isFinal() || sweep.trials().stream().anyMatch((t) -> t.state().isActive())) {
				advance(sweep.id());
			}
		}
	}

	/**
	 * When shared, tells the listeners (event streams opened here) of the changes other
	 * replicas recorded, such as the end of a sweep they advanced; a change told twice
	 * only makes a stream read the sweep again.
	 */
	private void tellRemoteChanges(List<Sweep> sweeps) {
		if (!this.shared) {
			return;
		}
		for (Sweep sweep : sweeps) {
			if (!sweep.equals(this.told.put(sweep.id(), sweep))) {
				this.listeners.forEach((listener) -> listener.accept(sweep));
			}
		}
	}

	/**
	 * Advances the sweep from its current record, unless another replica is advancing it
	 * (then that one does, and this one tries again a second later).
	 */
	private synchronized void advance(String id) {
		try {
			this.store.tryExclusively(id, () -> advanceNow(id));
		}
		catch (RuntimeException ex) {
			logger.error("Cannot advance sweep {}", id, ex);
		}
	}

	private void advanceNow(String id) {
		Sweep sweep = find(id);
		if (sweep == null) {
			return;
		}
		Sweep next = refreshed(sweep);
		if (!next.state().isFinal()) {
			next = progress(next);
		}
		if (!next.equals(sweep)) {
			save(next);
		}
	}

	/** The sweep with its trials' states, accuracies and epochs taken from their jobs. */
	private Sweep refreshed(Sweep sweep) {
		List<Sweep.Trial> trials = new ArrayList<>();
		for (Sweep.Trial trial : sweep.trials()) {
			trials.add((trial.job() == null || trial.state().isFinal()) ? trial : fromJob(trial));
		}
		return sweep.withTrials(trials);
	}

	private Sweep.Trial fromJob(Sweep.Trial trial) {
		Job job;
		try {
			job = this.jobs.get(trial.job());
		}
		catch (JobNotFoundException ex) {
			return trial.with(TrialState.FAILED, trial.validationAccuracy(), trial.epochsCompleted());
		}
		List<Job.Epoch> history = job.history();
		Double accuracy = history.isEmpty() ? null : history.get(history.size() - 1).validationAccuracy();
		boolean byRule = job.error() != null && job.error().startsWith(STOPPED_BY_MEDIAN_RULE);
		TrialState state = TrialState.of(job.state(), byRule);
		return trial.with(state, accuracy, history.size());
	}

	private Sweep progress(Sweep sweep) {
		SweepRequest request = sweep.request();
		long failed = sweep.trials().stream().filter((t) -> t.state() == TrialState.FAILED).count();
		if (failed > request.maxFailedTrials()) {
			cancelActive(sweep);
			return sweep.ended(SweepState.FAILED, null, null,
					failed + " trials failed, more than maxFailedTrials (" + request.maxFailedTrials() + ")",
					Instant.now());
		}
		if (request.timeLimit() != null
				&& Instant.now().isAfter(sweep.createdAt().plus(Duration.parse(request.timeLimit())))) {
			cancelActive(sweep);
			return conclude(refreshed(sweep), "time limit " + request.timeLimit() + " reached");
		}
		Sweep next = submitPending(sweep);
		boolean left = next.trials().stream().anyMatch((t) -> !t.state().isFinal());
		return left ? next : conclude(next, null);
	}

	private Sweep submitPending(Sweep sweep) {
		long active = sweep.trials().stream().filter((t) -> t.state().isActive()).count();
		List<Sweep.Trial> trials = new ArrayList<>(sweep.trials());
		for (int i = 0; i < trials.size() && active < sweep.request().parallelTrials(); i++) {
			Sweep.Trial trial = trials.get(i);
			if (trial.state() != TrialState.PENDING) {
				continue;
			}
			try {
				Job job = this.jobs.submit(requestOf(sweep, trial), sweep.id());
				trials.set(i, trial.submitted(job.id()));
				active++;
				recordSubmitted(sweep.withTrials(trials));
			}
			catch (JobsUnavailableException ex) {
				break; // a full queue or a shutdown: tried again later
			}
			catch (RuntimeException ex) {
				logger.warn("Sweep {}: trial {} cannot be submitted: {}", sweep.id(), trial.trial(), ex.getMessage());
				trials.set(i, trial.with(TrialState.FAILED, null, 0));
			}
		}
		return sweep.withTrials(trials);
	}

	/**
	 * Records a trial's job as soon as it is submitted, before its first epoch can end;
	 * when shared, in the store too, so that a replica dying before the sweep is saved
	 * leaves no trial that would be submitted twice.
	 */
	private void recordSubmitted(Sweep sweep) {
		if (!this.shared) {
			this.sweeps.put(sweep.id(), sweep);
			return;
		}
		try {
			this.store.save(sweep);
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("Sweep {}: cannot record a submitted trial yet: {}", sweep.id(), ex.getMessage());
		}
	}

	/**
	 * @return the job request of a trial: the base with the trial's values and seed
	 */
	JobRequest requestOf(Sweep sweep, Sweep.Trial trial) {
		Map<String, Object> values = new LinkedHashMap<>(trial.parameters());
		values.put("seed", trial.seed());
		return JobFields.apply(this.json, sweep.request().base(), values);
	}

	private void cancelActive(Sweep sweep) {
		for (Sweep.Trial trial : sweep.trials()) {
			if (trial.job() != null && trial.state().isActive()) {
				try {
					this.jobs.cancel(trial.job());
				}
				catch (JobConflictException | JobNotFoundException ex) {
					// finished meanwhile, or storing its model: it ends by itself
				}
			}
		}
	}

	/**
	 * Ends a sweep whose trials are over: the winner is the succeeded trial with the
	 * highest validation accuracy (the first of equals); it is promoted when asked.
	 */
	private Sweep conclude(Sweep sweep, String reason) {
		Sweep.Trial winner = sweep.trials()
			.stream()
			.filter((t) -> t.state() == TrialState.SUCCEEDED && t.validationAccuracy() != null)
			.max(Comparator.comparingDouble(Sweep.Trial::validationAccuracy)
				.thenComparing(Comparator.comparingInt(Sweep.Trial::trial).reversed()))
			.orElse(null);
		if (winner == null) {
			return sweep.ended(SweepState.FAILED, null, null, Objects.requireNonNullElse(reason, "no trial succeeded"),
					Instant.now());
		}
		Job job = this.jobs.get(winner.job());
		List<Job.Epoch> history = job.history();
		Sweep.Best best = new Sweep.Best(winner.trial(), winner.job(), winner.parameters(), winner.validationAccuracy(),
				history.get(history.size() - 1).accuracy(), job.model());
		return sweep.ended(SweepState.SUCCEEDED, best, promote(sweep, best), reason, Instant.now());
	}

	/**
	 * Moves the alias to the winner through the same gate as any move: the alias's policy
	 * applies. A refusal is recorded on the sweep, which still succeeds.
	 */
	private Sweep.PromotionResult promote(Sweep sweep, Sweep.Best best) {
		SweepRequest.Promotion promote = sweep.request().promote();
		ModelRef model = best.model();
		if (promote == null || model == null) {
			return null;
		}
		String by = (sweep.createdBy() != null) ? sweep.createdBy() : AliasMove.OPEN;
		try {
			this.models.putAlias(model.name(), promote.alias(),
					new AliasChange(model.version(), null, by, "winner of sweep " + sweep.id()));
			logger.info("Sweep {}: {} v{} promoted to {}", sweep.id(), model.name(), model.version(), promote.alias());
			return new Sweep.PromotionResult(promote.alias(), model.version(), true, null, best.testAccuracy(), null);
		}
		catch (PromotionRefusedException ex) {
			logger.info("Sweep {}: {}", sweep.id(), ex.getMessage());
			return new Sweep.PromotionResult(promote.alias(), model.version(), false, ex.getMessage(), ex.accuracy(),
					ex.currentAccuracy());
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("Sweep {}: {} v{} not promoted to {}: {}", sweep.id(), model.name(), model.version(),
					promote.alias(), ex.getMessage());
			return new Sweep.PromotionResult(promote.alias(), model.version(), false, ex.getMessage(),
					best.testAccuracy(), null);
		}
	}

	/**
	 * Records a new sweep in the store before anything else knows of it, so that a store
	 * that cannot be reached refuses it
	 * ({@link dev.descent.storage.StoreUnavailableException}, 503) and nothing of it
	 * stays or runs.
	 */
	private void saveNew(Sweep sweep) {
		try {
			this.store.save(sweep);
		}
		catch (IOException ex) {
			logger.error("Cannot record sweep {}; its state is kept in memory only", sweep.id(), ex);
		}
		remember(sweep);
		for (Consumer<Sweep> listener : this.listeners) {
			listener.accept(sweep);
		}
	}

	private void save(Sweep sweep) {
		remember(sweep);
		try {
			this.store.save(sweep);
		}
		catch (IOException ex) {
			logger.error("Cannot record sweep {}; its state is kept in memory only", sweep.id(), ex);
		}
		for (Consumer<Sweep> listener : this.listeners) {
			listener.accept(sweep);
		}
	}

	/**
	 * Keeps the sweep in memory, where the filesystem mode reads it; when shared, as told
	 * to the listeners.
	 */
	private void remember(Sweep sweep) {
		(this.shared ? this.told : this.sweeps).put(sweep.id(), sweep);
	}

	private String newId() {
		byte[] random = new byte[3];
		String id;
		do {
			ThreadLocalRandom.current().nextBytes(random);
			id = "s-" + ID_TIME.format(Instant.now()) + "-" + HexFormat.of().formatHex(random);
		}
		while (find(id) != null);
		return id;
	}

}
