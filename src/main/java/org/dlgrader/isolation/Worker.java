package org.dlgrader.isolation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.dlgrader.cli.EngineSettings;
import org.dlgrader.grading.ExerciseResult;
import org.dlgrader.grading.ExerciseSpec;
import org.dlgrader.grading.Limits;

/**
 * One worker process seen from the parent. It may run several models at once: each job gets an
 * id, and one watcher thread checks the clock of every job in flight, the process's resident
 * memory and its thread count, and kills the process when a limit is hit. When it dies, each job
 * in flight learns whether it alone can be blamed: the job whose own clock ran out, or the only
 * one running. The others are told they may be innocent ({@link WorkerFailure#shared()}).
 */
final class Worker implements AutoCloseable {

    private static final long POLL_MILLIS = 50;
    private static final int MAX_THREADS = 256;
    /** Where a failure's reason names the file of the job it is given to. */
    private static final String FILE = "{file}";

    private final Process process;
    private final Writer jobs;
    private final Map<Long, Job> inFlight = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final CountDownLatch ready = new CountDownLatch(1);
    private final StringBuilder stderrTail = new StringBuilder();
    private final Limits limits;
    private final int capacity;
    private final Thread answers;
    /** Whether the worker was stopped or closed: it takes no more jobs (guarded by this). */
    private boolean stopped;

    /** A job in flight: its file, its deadline and, in time, its answer. */
    private static final class Job {
        final String what;
        final long deadline;
        final CompletableFuture<String> answer = new CompletableFuture<>();

        Job(String what, long deadline) {
            this.what = what;
            this.deadline = deadline;
        }
    }

    private Worker(Process process, Limits limits, int capacity) {
        this.process = process;
        this.limits = limits;
        this.capacity = capacity;
        this.jobs = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.answers = daemon("worker-out-" + process.pid(), () -> pump(process.getInputStream(), true));
        daemon("worker-err-" + process.pid(), () -> pump(process.getErrorStream(), false));
        daemon("worker-watch-" + process.pid(), this::watch);
    }

    /** Starts a worker JVM on this JVM's class path and waits until it has loaded the assignment. */
    static Worker start(Path assignment, Limits limits, int threads, int capacity) throws IOException {
        Worker worker = launch(assignment, limits, threads, capacity);
        worker.awaitReady();
        return worker;
    }

    /** The heap a worker gets: half its memory limit, at most 1 GB (the rest is for libtorch). */
    static int heapMb(Limits limits) {
        return Math.max(256, Math.min(1024, limits.memoryMb() / 2));
    }

    /** Starts a worker JVM without waiting for it: {@link #awaitReady} before its first job. */
    static Worker launch(Path assignment, Limits limits, int threads, int capacity) throws IOException {
        int heapMb = heapMb(limits);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heapMb + "m", "-Xss4m",
                "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError", "-XX:-UsePerfData",
                // C1 only: a worker grades a few dozen models, and C2's compilations, repeated in
                // every worker, cost more than they win (class of 100: 21.3 s with C2, 17.5 s without).
                "-XX:TieredStopAtLevel=1",
                "-XX:ErrorFile=" + System.getProperty("java.io.tmpdir") + "/dl-grader-worker-crash-%p.log",
                "-Djava.awt.headless=true", "-Dai.djl.offline=true",
                "-Dai.djl.pytorch.num_threads=" + threads, "-Dai.djl.pytorch.num_interop_threads=1"));
        String extra = System.getProperty("grader.workerJvmArgs", "");
        if (!extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        for (String property : List.of("fashion.mnist.dir", "fashion.mnist.download", "user.home")) {
            if (System.getProperty(property) != null) {
                command.add("-D" + property + "=" + System.getProperty(property));
            }
        }
        command.addAll(List.of("-cp", ClassPath.current(), WorkerMain.class.getName(),
                assignment.toAbsolutePath().toString(), Integer.toString(capacity)));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        EngineSettings.forGradingProcess(env);
        env.put("OMP_NUM_THREADS", Integer.toString(threads));
        env.put("MKL_NUM_THREADS", Integer.toString(threads));
        return new Worker(builder.start(), limits, capacity);
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** A result as the worker sent it, read, and as sent: the result cache keeps it as it came. */
    record Answer(ExerciseResult result, String json) {
    }

    /** Models this worker evaluates at once. */
    int capacity() {
        return capacity;
    }

    /**
     * Loads and evaluates {@code file} as {@code exercise}'s model in the worker; callable from
     * up to {@link #capacity()} threads at once.
     */
    Answer evaluate(ExerciseSpec exercise, Path file) throws WorkerFailure {
        String what = file.getFileName().toString();
        Job job = new Job(what, System.currentTimeMillis() + limits.secondsPerModel() * 1000L);
        synchronized (this) {
            if (stopped) {
                // Never sent: the job had no part in whatever stopped the worker.
                throw new WorkerFailure("the grader's worker had stopped before it could take " + what, true);
            }
            long id = ids.incrementAndGet();
            inFlight.put(id, job);
            try {
                jobs.write(WireFormat.JSON.writeValueAsString(Map.of("id", id, "exercise", exercise.id(),
                        "file", file.toAbsolutePath().toString())));
                jobs.write('\n');
                jobs.flush();
            } catch (IOException e) {
                // The watcher sees the process gone and answers this job with the reason.
            }
        }
        String answer = await(job);
        try {
            return new Answer(WireFormat.read(answer, exercise), answer);
        } catch (IOException e) {
            String reason = "the grader's worker sent an unreadable answer for " + FILE + " (" + e.getMessage() + ")";
            stop(reason, job);
            throw new WorkerFailure(reason.replace(FILE, what));
        }
    }

    private static String await(Job job) throws WorkerFailure {
        try {
            return job.answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WorkerFailure("grading was interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WorkerFailure failure) {
                throw failure;
            }
            throw new WorkerFailure("the grader's worker failed: " + e.getCause());
        }
    }

    /** A worker that cannot start is the grader's problem, not a student's: it stops the run. */
    void awaitReady() {
        long deadline = System.currentTimeMillis() + 120_000;
        try {
            while (!ready.await(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                if (!process.isAlive() || System.currentTimeMillis() > deadline) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (ready.getCount() == 0 && process.isAlive()) {
            return;
        }
        kill();
        throw new IllegalStateException("dl-grader could not start a grading worker process. Its output:\n" + tail());
    }

    /** The watcher: every few milliseconds, the limits of the process and the clocks of its jobs. */
    private void watch() {
        long limitKb = (long) limits.memoryMb() << 10;
        while (true) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            synchronized (this) {
                if (stopped) {
                    return;
                }
            }
            if (!process.isAlive()) {
                died();
                return;
            }
            if (inFlight.isEmpty()) {
                continue;
            }
            ProcessStatus status = ProcessStatus.of(process.pid());
            if (status.rssKb() > limitKb) {
                stop(FILE + " used more than " + limits.memoryMb() + " MB of memory (limits.memoryMb) and was stopped", null);
            } else if (status.threads() > MAX_THREADS) {
                stop(FILE + " started more than " + MAX_THREADS + " threads and was stopped", null);
            } else {
                long now = System.currentTimeMillis();
                for (Job job : inFlight.values()) {
                    if (now > job.deadline) {
                        stop(FILE + " took longer than " + limits.secondsPerModel() + " s to load and evaluate (limits.secondsPerModel) "
                                + "and was stopped; a model of this lesson needs about a second", job);
                        break;
                    }
                }
            }
        }
    }

    /** The process ended by itself: why, from its exit code and last words. */
    private void died() {
        try {
            process.waitFor(2, TimeUnit.SECONDS);
            // Answers written just before the end are still in the pipe: take them first.
            answers.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int code = process.isAlive() ? -1 : process.exitValue();
        String tail = tail();
        String cause;
        if (tail.contains("OutOfMemoryError") || code == 3) {
            cause = "ran out of memory (limits.memoryMb)";
        } else if (code > 128) {
            cause = "crashed with signal " + (code - 128) + (code - 128 == 11 ? " (segmentation fault in native code)" : "");
        } else if (tail.contains("SIGSEGV") || tail.contains("fatal error")) {
            cause = "crashed in native code";
        } else {
            cause = "stopped unexpectedly (exit code " + code + ")";
        }
        stop("the grader's worker " + cause + " while evaluating " + FILE, null);
    }

    /**
     * Kills the process and fails every job in flight with {@code reason} ({@link #FILE} stands for
     * the job's file). The job named as culprit, or the only one running, is to blame; any other may be innocent.
     */
    private void stop(String reason, Job culprit) {
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
        }
        kill();
        List<Job> failed = new ArrayList<>(inFlight.values());
        inFlight.clear();
        for (Job job : failed) {
            boolean toBlame = job == culprit || (culprit == null && failed.size() == 1);
            job.answer.completeExceptionally(new WorkerFailure(reason.replace(FILE, job.what), !toBlame));
        }
    }

    void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Ends the worker: an idle one is told there is no more work and exits by itself (waiting for
     * its JVM to shut down would add a tenth of a second to every run); a busy one is killed.
     */
    @Override
    public void close() {
        synchronized (this) {
            stopped = true;
        }
        if (!inFlight.isEmpty()) {
            kill();
            return;
        }
        try {
            jobs.close();
        } catch (IOException e) {
            kill();
        }
    }

    private void pump(InputStream stream, boolean protocol) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (protocol && line.startsWith(WorkerMain.ANSWER)) {
                    String answer = line.substring(WorkerMain.ANSWER.length());
                    int space = answer.indexOf(' ');
                    Job job = space < 0 ? null : inFlight.remove(parseId(answer.substring(0, space)));
                    if (job != null) {
                        job.answer.complete(answer.substring(space + 1));
                    }
                } else if (protocol && line.equals(WorkerMain.READY)) {
                    ready.countDown();
                } else {
                    synchronized (stderrTail) {
                        stderrTail.append(line).append('\n');
                        if (stderrTail.length() > 8192) {
                            stderrTail.delete(0, stderrTail.length() - 4096);
                        }
                    }
                }
            }
        } catch (IOException e) {
            // The process is gone; the watcher reports that.
        }
    }

    private static long parseId(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private String tail() {
        synchronized (stderrTail) {
            return stderrTail.toString();
        }
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
