package org.dlgrader.isolation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.dlgrader.grading.Assignment;
import org.dlgrader.grading.ExerciseResult;
import org.dlgrader.grading.ExerciseSpec;
import org.dlgrader.grading.Limits;
import org.dlgrader.grading.Grader;
import org.dlgrader.grading.StudentGrader;
import org.dlgrader.grading.Submission;

/**
 * Grades students with their models loaded and run in worker processes, reused from student to
 * student, each running up to {@code limits.modelsPerWorker} models at once. A worker that
 * crashes, hangs or breaks a limit is thrown away and replaced; the exercise it was on scores
 * "not gradable: reason", and nothing else is affected. When other models were running beside
 * it, each of them is evaluated again alone in a fresh worker, so the culprit fails with its own
 * reason and the others are graded as if nothing had happened.
 * Thread-safe: each grading thread borrows one slot of a worker at a time.
 */
public final class IsolatedGrader implements StudentGrader {

    private final Assignment assignment;
    private final Path assignmentFile;
    private final ResultCache cache;
    private final int size;
    /** Free slots: each worker is in here once for every model it could take on now. */
    private final BlockingQueue<Worker> idle = new LinkedBlockingQueue<>();
    private final List<Worker> all = new ArrayList<>();
    /** Workers being started right now (guarded by {@code all}). */
    private int starting;
    private final AtomicInteger evaluations = new AtomicInteger();
    private final AtomicInteger replaced = new AtomicInteger();
    private final AtomicInteger retriedAlone = new AtomicInteger();
    /** One retry at a time: each takes a fresh worker beside the pool. */
    private final Object aloneLock = new Object();

    /** A worker launched before the assignment was read: {@link #prestart}. */
    private record Early(Path assignment, int heapMb, int threads, int capacity, Worker worker) {
    }

    private static final java.util.concurrent.atomic.AtomicReference<Early> EARLY = new java.util.concurrent.atomic.AtomicReference<>();

    /**
     * Launches one worker with the default limits before the caller reads the assignment: reading
     * it costs the parent a quarter of a second that the worker's own start can overlap. The
     * grader adopts it if the assignment's limits start workers the same way, and stops it if not.
     */
    public static void prestart(Path assignmentFile) {
        try {
            // A look at the text, not a parse: parsing is the quarter second this saves.
            if (java.util.regex.Pattern.compile("\"isolate\"\\s*:\\s*false")
                    .matcher(java.nio.file.Files.readString(assignmentFile)).find()) {
                return;
            }
            Limits defaults = Limits.DEFAULTS;
            int threads = defaults.threadsPerWorker(1);
            Worker worker = Worker.launch(assignmentFile, defaults, threads, defaults.modelsPerWorker());
            Early previous = EARLY.getAndSet(new Early(assignmentFile.toAbsolutePath().normalize(), Worker.heapMb(defaults), threads,
                    defaults.modelsPerWorker(), worker));
            if (previous != null) {
                previous.worker().kill();
            }
        } catch (IOException | RuntimeException e) {
            // The grader starts its workers itself.
        }
    }

    /** Stops a prestarted worker nobody will use (isolation turned off in the assignment). */
    public static void discardPrestarted() {
        Early early = EARLY.getAndSet(null);
        if (early != null) {
            early.worker().kill();
        }
    }

    private Worker adoptPrestarted(int threads) {
        Early early = EARLY.getAndSet(null);
        if (early == null) {
            return null;
        }
        if (early.assignment().equals(assignmentFile.toAbsolutePath().normalize())
                && early.heapMb() == Worker.heapMb(assignment.limits()) && early.threads() == threads
                && early.capacity() == assignment.limits().modelsPerWorker() && early.worker().isAlive()) {
            early.worker().awaitReady();
            return early.worker();
        }
        early.worker().kill();
        return null;
    }
    /** @param cacheFolder where results are kept for a rerun (reports/.cache), or null for none */
    public IsolatedGrader(Path assignmentFile, Assignment assignment, Path cacheFolder) {
        this(assignmentFile, assignment, cacheFolder, assignment.limits().workerCount());
    }

    /** @param workers at most this many worker processes at once */
    public IsolatedGrader(Path assignmentFile, Assignment assignment, Path cacheFolder, int workers) {
        this.assignment = assignment;
        this.assignmentFile = assignmentFile;
        this.cache = cacheFolder == null ? null : new ResultCache(cacheFolder, assignment);
        this.size = Math.max(1, workers);
        startOneEarly();
    }

    /** The first worker starts now, while the caller is still finding students and files. */
    private void startOneEarly() {
        Thread starter = new Thread(() -> {
            try {
                startIfRoom();
            } catch (IOException | RuntimeException e) {
                // borrow() starts one itself and reports the failure where it matters.
            }
        }, "worker-start");
        starter.setDaemon(true);
        starter.start();
    }

    /**
     * Starts a worker when fewer than {@code size} exist or are starting, and offers its slots; false
     * when there is no room. The place is taken under the lock, the second-long start happens outside
     * it, so workers start side by side.
     */
    private boolean startIfRoom() throws IOException {
        synchronized (all) {
            if (all.size() + starting >= size) {
                return false;
            }
            starting++;
        }
        Worker worker = null;
        try {
            int threads = assignment.limits().threadsPerWorker(size);
            worker = adoptPrestarted(threads);
            if (worker == null) {
                worker = Worker.start(assignmentFile, assignment.limits(), threads, assignment.limits().modelsPerWorker());
            }
            return true;
        } finally {
            synchronized (all) {
                starting--;
                if (worker != null) {
                    all.add(worker);
                    for (int slot = 0; slot < worker.capacity(); slot++) {
                        idle.add(worker);
                    }
                }
            }
        }
    }

    @Override
    public Assignment assignment() {
        return assignment;
    }

    @Override
    public ExerciseResult grade(Submission submission, ExerciseSpec exercise) {
        Grader.Located located = Grader.locate(submission, exercise, assignment.limits());
        if (located.problem() != null) {
            return located.problem();
        }
        Path file = located.file();
        String name = file.getFileName().toString();
        try {
            String key = cache == null ? null : cache.key(exercise, file);
            Optional<ExerciseResult> cached = cache == null ? Optional.empty() : cache.get(submission, exercise, key);
            if (cached.isPresent()) {
                return cached.get();
            }
            Worker worker = borrow();
            Worker.Answer answer;
            try {
                evaluations.incrementAndGet();
                answer = worker.evaluate(exercise, file);
                giveBack(worker);
            } catch (WorkerFailure failure) {
                discard(worker);
                if (!failure.shared()) {
                    // Not cached: a crash may be the machine's fault, so a rerun tries again.
                    return Grader.notGradable(exercise, name, failure.getMessage());
                }
                answer = alone(exercise, file);
            }
            if (cache != null) {
                cache.put(submission, exercise, key, answer.json());
            }
            return answer.result();
        } catch (WorkerFailure failure) {
            return Grader.notGradable(exercise, name, failure.getMessage());
        } catch (IOException e) {
            return Grader.notGradable(exercise, name, name + " could not be read: " + e.getMessage());
        }
    }

    /**
     * Evaluates a model whose worker failed while running others too, in a fresh worker that runs
     * nothing else: what happens now is this model's own doing.
     */
    private Worker.Answer alone(ExerciseSpec exercise, Path file) throws WorkerFailure, IOException {
        synchronized (aloneLock) {
            retriedAlone.incrementAndGet();
            Worker worker = Worker.start(assignmentFile, assignment.limits(), assignment.limits().threadsPerWorker(size), 1);
            try {
                return worker.evaluate(exercise, file);
            } finally {
                worker.close();
            }
        }
    }

    /** A free slot: of an idle worker, of a new one while fewer than {@code size} exist, or the next to come free. */
    private Worker borrow() throws WorkerFailure, IOException {
        try {
            Worker worker = idle.poll();
            while (worker == null) {
                // Checked again and again: a worker thrown away meanwhile makes room for a new one.
                worker = startIfRoom() ? idle.poll() : idle.poll(100, TimeUnit.MILLISECONDS);
            }
            return worker;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WorkerFailure("grading was interrupted");
        }
    }

    private void giveBack(Worker worker) {
        synchronized (all) {
            if (all.contains(worker)) {
                idle.add(worker);
            }
        }
    }

    /** Throws a failed worker away once, however many of its jobs report the failure. */
    private void discard(Worker worker) {
        worker.kill();
        synchronized (all) {
            if (all.remove(worker)) {
                replaced.incrementAndGet();
                idle.removeIf(w -> w == worker);
            }
        }
    }

    /** Models evaluated by workers so far (cache hits and missing files excluded). */
    public int evaluations() {
        return evaluations.get();
    }

    /** Workers thrown away after a crash, hang or broken limit. */
    public int replacedWorkers() {
        return replaced.get();
    }

    /** Models evaluated again alone because their worker failed while running others too. */
    public int retriedAlone() {
        return retriedAlone.get();
    }

    /** Process ids of the live workers, for tests that kill one. */
    public List<Long> workerPids() {
        synchronized (all) {
            return all.stream().map(Worker::pid).toList();
        }
    }

    @Override
    public void close() {
        synchronized (all) {
            all.forEach(Worker::close);
            all.clear();
        }
        idle.clear();
    }
}
