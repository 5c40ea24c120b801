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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.dlgrader.grading.ExerciseResult;
import org.dlgrader.grading.ExerciseSpec;
import org.dlgrader.grading.Limits;

/**
 * One worker process seen from the parent: sends a job, waits for the answer while watching the
 * clock, the process's resident memory and its thread count, and kills it when a limit is hit.
 */
final class Worker implements AutoCloseable {

    private static final long POLL_MILLIS = 50;
    private static final int MAX_THREADS = 256;

    private final Process process;
    private final Writer jobs;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final StringBuilder stderrTail = new StringBuilder();
    private final Limits limits;

    private Worker(Process process, Limits limits) {
        this.process = process;
        this.limits = limits;
        this.jobs = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        daemon("worker-out-" + process.pid(), () -> pump(process.getInputStream(), true));
        daemon("worker-err-" + process.pid(), () -> pump(process.getErrorStream(), false));
    }

    /** Starts a worker JVM on this JVM's class path and waits until it has loaded the assignment. */
    static Worker start(Path assignment, Limits limits, int threads) throws IOException {
        Worker worker = launch(assignment, limits, threads);
        worker.awaitReady();
        return worker;
    }

    /** The heap a worker gets: half its memory limit, at most 1 GB (the rest is for libtorch). */
    static int heapMb(Limits limits) {
        return Math.max(256, Math.min(1024, limits.memoryMb() / 2));
    }

    /** Starts a worker JVM without waiting for it: {@link #awaitReady} before its first job. */
    static Worker launch(Path assignment, Limits limits, int threads) throws IOException {
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
                assignment.toAbsolutePath().toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.put("OPT_OUT_TRACKING", "true");
        // File names are decoded by the locale: a worker must read 2024001-张三/ whatever the parent's was.
        env.put("LC_ALL", "C.UTF-8");
        env.put("OMP_NUM_THREADS", Integer.toString(threads));
        env.put("MKL_NUM_THREADS", Integer.toString(threads));
        return new Worker(builder.start(), limits);
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Loads and evaluates {@code file} as {@code exercise}'s model in the worker. */
    ExerciseResult evaluate(ExerciseSpec exercise, Path file) throws WorkerFailure {
        try {
            jobs.write(WireFormat.JSON.writeValueAsString(Map.of("exercise", exercise.id(), "file", file.toAbsolutePath().toString())));
            jobs.write('\n');
            jobs.flush();
        } catch (IOException e) {
            throw died("before it could take the job");
        }
        String answer = await(limits.secondsPerModel() * 1000L, file.getFileName().toString());
        try {
            return WireFormat.read(answer, exercise);
        } catch (IOException e) {
            kill();
            throw new WorkerFailure("the grader's worker sent an unreadable answer for " + file.getFileName() + " (" + e.getMessage() + ")");
        }
    }

    /** A worker that cannot start is the grader's problem, not a student's: it stops the run. */
    void awaitReady() {
        try {
            String line = await(120_000, "start-up");
            if (line.equals(WorkerMain.READY)) {
                return;
            }
        } catch (WorkerFailure e) {
            // reported below with the worker's own output
        }
        kill();
        throw new IllegalStateException("dl-grader could not start a grading worker process. Its output:\n" + tail());
    }

    /** The next answer, watching time, memory and threads until it comes. */
    private String await(long timeoutMillis, String what) throws WorkerFailure {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        long limitKb = (long) limits.memoryMb() << 10;
        while (true) {
            String line;
            try {
                line = answers.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill();
                throw new WorkerFailure("grading was interrupted");
            }
            if (line != null) {
                return line;
            }
            if (!process.isAlive()) {
                throw died("while evaluating " + what);
            }
            long[] status = procStatus(process.pid());
            if (status[0] > limitKb) {
                kill();
                throw new WorkerFailure(String.format("%s used more than %d MB of memory (limits.memoryMb) and was stopped",
                        what, limits.memoryMb()));
            }
            if (status[1] > MAX_THREADS) {
                kill();
                throw new WorkerFailure(what + " started more than " + MAX_THREADS + " threads and was stopped");
            }
            if (System.currentTimeMillis() > deadline) {
                kill();
                throw new WorkerFailure(String.format("%s took longer than %d s to load and evaluate (limits.secondsPerModel) "
                        + "and was stopped; a model of this lesson needs about a second", what, timeoutMillis / 1000));
            }
        }
    }

    private WorkerFailure died(String when) {
        try {
            process.waitFor(2, TimeUnit.SECONDS);
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
        kill();
        return new WorkerFailure("the grader's worker " + cause + " " + when);
    }

    /** Resident memory in kB and thread count of a process, from /proc (zeros where there is no /proc). */
    static long[] procStatus(long pid) {
        long rss = 0;
        long threads = 0;
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.replaceAll("[^0-9]", ""));
                } else if (line.startsWith("Threads:")) {
                    threads = Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // Gone or not Linux: the liveness check covers the first, the time limit the second.
        }
        return new long[] {rss, threads};
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

    @Override
    public void close() {
        try {
            jobs.close();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (IOException | InterruptedException e) {
            kill();
        }
    }

    private void pump(InputStream stream, boolean protocol) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (protocol && line.startsWith(WorkerMain.ANSWER)) {
                    answers.add(line.substring(WorkerMain.ANSWER.length()));
                } else if (protocol && line.equals(WorkerMain.READY)) {
                    answers.add(line);
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
            // The process is gone; its liveness check reports that.
        }
    }

    private String tail() {
        synchronized (stderrTail) {
            return stderrTail.toString();
        }
    }

    private static void daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }
}
