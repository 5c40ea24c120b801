package org.dlgrader.isolation;

import static org.dlgrader.i18n.Messages.tr;

import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.dlgrader.grading.Limits;
import org.dlgrader.model.InputRows;
import org.dlgrader.model.ModelJob;
import org.dlgrader.model.ModelRun;

/**
 * One worker process seen from the grading process: started (in a {@link Sandbox} when there is
 * one), spoken to over its own socket, and watched. One watcher thread checks, all the time the
 * worker lives, its resident memory and thread count (from outside, in /proc) and the clock of
 * every job in flight, and kills it when a limit is hit. When it dies, each job in flight learns
 * whether it alone can be blamed: the job whose own clock ran out, or the only one running.
 */
final class WorkerProcess implements AutoCloseable {

    private static final long POLL_MILLIS = 50;
    private static final int MAX_THREADS = 256;
    private static final int START_SECONDS = 120;
    /** Where a failure's reason names the file of the job it is given to. */
    private static final String FILE = "{file}";
    private static final AtomicLong COUNT = new AtomicLong();

    /** How to start a worker: whether in a sandbox, how many models it runs at once, its threads and limits. */
    record Config(boolean sandboxed, int capacity, int threads, Limits limits, Path channels) {
    }

    private final Process process;
    private final Config config;
    private final ServerSocketChannel server;
    private final Path socket;
    private final String token;
    private final Map<Long, Job> inFlight = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final CountDownLatch ready = new CountDownLatch(1);
    private final StringBuilder log = new StringBuilder();
    private final Set<String> rowsSent = new HashSet<>();
    private final Path home;
    private volatile DataOutputStream out;
    private volatile long baselineThreads = -1;
    /** Whether the worker was stopped or closed: it takes no more jobs (guarded by this). */
    private boolean stopped;
    private volatile String stopReason;

    /** A job in flight: its file, its deadline, what its answer may hold and, in time, the answer. */
    private static final class Job {
        final String what;
        final long deadline;
        final Wire.Expected expected;
        final CompletableFuture<ModelRun> answer = new CompletableFuture<>();

        Job(String what, long deadline, Wire.Expected expected) {
            this.what = what;
            this.deadline = deadline;
            this.expected = expected;
        }
    }

    private WorkerProcess(Process process, Config config, ServerSocketChannel server, Path socket, String token, Path home) {
        this.process = process;
        this.config = config;
        this.server = server;
        this.socket = socket;
        this.token = token;
        this.home = home;
        daemon("worker-log-" + process.pid(), () -> drain(process.getInputStream()));
        daemon("worker-channel-" + process.pid(), this::listen);
        daemon("worker-watch-" + process.pid(), this::watch);
    }

    /** Starts a worker JVM without waiting for it: {@link #awaitReady} before its first job. */
    static WorkerProcess launch(Config config) throws IOException {
        long n = COUNT.incrementAndGet();
        Path socket = config.channels().resolve("w" + n + ".sock");
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        String token = HexFormat.of().formatHex(secret);
        Path home = null;
        try {
            // No sandbox: at least not the project folder, so a relative path in a model finds nothing.
            home = config.sandboxed() ? null : Files.createTempDirectory("dl-grader-worker");
            ProcessBuilder builder = WorkerCommand.of(config, socket, home).processBuilder();
            Process process = Launcher.start(builder);
            OutputStream stdin = process.getOutputStream();
            stdin.write((token + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            return new WorkerProcess(process, config, server, socket, token, home);
        } catch (IOException | RuntimeException e) {
            server.close();
            Files.deleteIfExists(socket);
            throw e;
        }
    }


    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive() && !isStopped();
    }

    private synchronized boolean isStopped() {
        return stopped;
    }

    int capacity() {
        return config.capacity();
    }

    /** libtorch threads for a model that runs alone here: every slot's share together. */
    int allThreads() {
        return config.capacity() * config.threads();
    }

    /** Accepts the worker's one connection, checks its token, then reads its answers. */
    private void listen() {
        SocketChannel channel = null;
        try {
            channel = server.accept();
            server.close();
            Files.deleteIfExists(socket);
            DataInputStream in = Wire.in(channel);
            Wire.expectKind(Wire.readKind(in), Wire.HELLO);
            if (!token.equals(Wire.readText(in, Wire.MAX_NAME_BYTES))) {
                throw new Wire.Violation(tr("isolation.wire.noToken"));
            }
            out = Wire.out(channel);
            Wire.expectKind(Wire.readKind(in), Wire.READY);
            baselineThreads = ProcessStatus.tree(process.toHandle()).threads();
            ready.countDown();
            while (true) {
                Wire.expectKind(Wire.readKind(in), Wire.RESULT);
                long id = in.readLong();
                Job job = inFlight.get(id);
                if (job == null) {
                    throw new Wire.Violation(tr("isolation.wire.unknownJob", id));
                }
                ModelRun run = Wire.readResult(in, job.expected);
                if (inFlight.remove(id) == job) {
                    job.answer.complete(run);
                }
            }
        } catch (Wire.Violation violation) {
            stop(tr("isolation.worker.malformed", FILE, violation.getMessage()), null);
        } catch (IOException e) {
            // The process is gone or was stopped; the watcher says why.
        } finally {
            try {
                server.close();
                Files.deleteIfExists(socket);
                if (channel != null) {
                    channel.close();
                }
            } catch (IOException e) {
                // Closing what is already closed.
            }
        }
    }

    /** A worker that cannot start is the grader's problem, not a student's: the caller reports it. */
    void awaitReady() throws IOException {
        long deadline = System.currentTimeMillis() + START_SECONDS * 1000L;
        try {
            while (!ready.await(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                if (!process.isAlive() || isStopped() || System.currentTimeMillis() > deadline) {
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
        throw new IOException(config.sandboxed() ? tr("isolation.worker.couldNotStartInSandbox", tail())
                : tr("isolation.worker.couldNotStart", tail()));
    }

    /**
     * Loads and evaluates {@code job} in the worker; callable from up to {@link #capacity()} threads at once.
     * Rows the worker does not have yet are sent first, once.
     */
    ModelRun evaluate(ModelJob job) throws WorkerFailure {
        return evaluate(job, config.threads());
    }

    /** @param threads libtorch threads for this job: the worker's share per model, or all of them for a model run alone */
    ModelRun evaluate(ModelJob job, int threads) throws WorkerFailure {
        String what = job.file().name();
        byte[] bytes;
        try {
            bytes = job.file().bytes();
        } catch (IOException e) {
            return new ModelRun.Refused(tr("isolation.worker.unreadable", what, e.getMessage()));
        }
        Job flight = new Job(what, System.currentTimeMillis() + config.limits().secondsPerModel() * 1000L,
                new Wire.Expected(job.inputs().stream().map(InputRows::count).toList(), job.spec().outputs()));
        long id;
        synchronized (this) {
            if (stopped) {
                // Never sent: the job had no part in whatever stopped the worker.
                throw new WorkerFailure(tr("isolation.worker.stoppedBefore", what), true);
            }
            id = ids.incrementAndGet();
            inFlight.put(id, flight);
        }
        // Not under this object's lock: a write to a worker that stopped reading must not keep the
        // watcher, which takes that lock, from killing it.
        DataOutputStream channel = out;
        try {
            synchronized (channel) {
                for (InputRows rows : job.inputs()) {
                    if (rowsSent.add(rows.name())) {
                        Wire.writeRows(channel, rows);
                    }
                }
                Wire.writeJob(channel, new Wire.Job(id, job.loader().format(), what, bytes, job.spec(),
                        job.inputs().stream().map(InputRows::name).toList(), config.limits().maxUnpackedMb(), threads));
                channel.flush();
            }
        } catch (IOException e) {
            // The watcher sees the process gone and answers this job with the reason.
        }
        try {
            return flight.answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WorkerFailure(tr("isolation.interrupted"));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WorkerFailure failure) {
                throw failure;
            }
            throw new WorkerFailure(tr("isolation.worker.failed", e.getCause()));
        }
    }

    /**
     * Whether the worker is provably idle after its jobs: alive, no job in flight, no more threads
     * than it had when it became ready, and within its memory. That is proof enough: libtorch runs
     * work beside a model's forward only on its inter-op pool, whose first thread is made when a
     * model forks a task; every other thread it uses exists from the start (the worker warms them)
     * and runs only inside an operation, which has returned. A model that left a task behind has
     * made a thread, and its worker is replaced.
     */
    boolean quiescent() {
        if (!isAlive() || !inFlight.isEmpty()) {
            return false;
        }
        ProcessStatus status = ProcessStatus.tree(process.toHandle());
        return status.measured() && isAlive() && status.threads() <= baselineThreads
                && status.rssKb() <= ((long) config.limits().memoryMb() << 10);
    }

    /** The watcher: the process's limits all the time it lives, and the clocks of its jobs. */
    private void watch() {
        long limitKb = (long) config.limits().memoryMb() << 10;
        while (true) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            if (isStopped()) {
                return;
            }
            if (!process.isAlive()) {
                died();
                return;
            }
            ProcessStatus status = ProcessStatus.tree(process.toHandle());
            if (status.rssKb() > limitKb) {
                stop(tr("isolation.worker.memory", FILE, config.limits().memoryMb()), null);
            } else if (status.threads() > MAX_THREADS) {
                stop(tr("isolation.worker.threads", FILE, MAX_THREADS), null);
            } else {
                long now = System.currentTimeMillis();
                for (Job job : inFlight.values()) {
                    if (now > job.deadline) {
                        stop(tr("isolation.worker.time", FILE, config.limits().secondsPerModel()), job);
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
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int code = process.isAlive() ? -1 : process.exitValue();
        String tail = tail();
        String cause;
        if (tail.contains("OutOfMemoryError") || code == 3) {
            cause = tr("isolation.worker.died.outOfMemory");
        } else if (code > 128) {
            int signal = code - 128;
            cause = signal == 11 ? tr("isolation.worker.died.segmentationFault", signal)
                    : signal == 7 ? tr("isolation.worker.died.busError", signal) : tr("isolation.worker.died.signal", signal);
        } else if (tail.contains("SIGSEGV") || tail.contains("SIGBUS") || tail.contains("fatal error")) {
            cause = tr("isolation.worker.died.native");
        } else {
            cause = tr("isolation.worker.died.exitCode", code);
        }
        stop(tr("isolation.worker.diedWhileEvaluating", cause, FILE), null);
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
            stopReason = reason;
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
        cleanUp();
    }

    private void cleanUp() {
        try {
            server.close();
            Files.deleteIfExists(socket);
            if (home != null) {
                org.dlgrader.io.Folders.delete(home);
            }
        } catch (IOException e) {
            // A temporary folder left behind is harmless.
        }
    }

    /**
     * Ends the worker: an idle one is told there is no more work (its standard input closes, and it
     * halts at once, so waiting for it would only add time); a busy one is killed.
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
            process.getOutputStream().close();
        } catch (IOException e) {
            kill();
        }
        daemon("worker-reap-" + process.pid(), () -> {
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    kill();
                }
            } catch (InterruptedException e) {
                kill();
            }
            cleanUp();
        });
    }

    /** The worker's own output: never read as answers, only kept (its end) to say why it died. */
    private void drain(InputStream stream) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            char[] buffer = new char[8192];
            int n;
            while ((n = reader.read(buffer)) >= 0) {
                synchronized (log) {
                    log.append(buffer, 0, n);
                    if (log.length() > 16384) {
                        log.delete(0, log.length() - 8192);
                    }
                }
            }
        } catch (IOException e) {
            // The process is gone; the watcher reports that.
        }
    }

    String tail() {
        synchronized (log) {
            return log.toString();
        }
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
