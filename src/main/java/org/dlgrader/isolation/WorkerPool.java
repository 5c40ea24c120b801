package org.dlgrader.isolation;

import static org.dlgrader.i18n.Messages.tr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.dlgrader.grading.Limits;
import org.dlgrader.io.Folders;
import org.dlgrader.model.ModelJob;
import org.dlgrader.model.ModelRun;
import org.dlgrader.model.ModelRunner;

/**
 * Runs models in worker processes, reused from student to student. Formats that are data (a
 * state_dict, a Keras file, DJL parameters) are read by the grader's own restricted readers, and up
 * to {@code limits.modelsPerWorker} of them share a worker; formats that carry code (TorchScript)
 * never run beside another student's model: such a job takes a worker alone, and the worker is
 * used again only when it is provably idle afterwards, else replaced. A worker that crashes, hangs
 * or breaks a limit is thrown away; the model that did it is not gradable, and any other model
 * that was running beside it is evaluated again alone in a fresh worker, so only the culprit is blamed.
 * Thread-safe.
 */
public final class WorkerPool implements ModelRunner {

    /**
     * Where models may run.
     *
     * @param sandboxed workers start in a {@link Sandbox}
     * @param codeRefusal when not null, formats that carry code are not run, and this says why
     * @param exclusiveCode a model that carries code takes a worker alone and must leave it idle (a
     *     class); false for one student's own self-check, where nobody else's model is at stake
     */
    public record Policy(boolean sandboxed, String codeRefusal, boolean exclusiveCode) {
    }

    private final Limits limits;
    private final Policy policy;
    private final int size;
    private final Path channels;
    private final Object lock = new Object();
    private final List<Slot> workers = new ArrayList<>();
    private int starting;
    private int codeWaiting;
    private boolean closed;
    private volatile String startFailure;
    private final AtomicInteger evaluations = new AtomicInteger();
    private final AtomicInteger replaced = new AtomicInteger();
    private final AtomicInteger retriedAlone = new AtomicInteger();
    private final Object aloneLock = new Object();

    /** A worker and what it is doing: jobs in flight, and whether one of them holds it alone. */
    private static final class Slot {
        final WorkerProcess worker;
        int busy;
        boolean exclusive;

        Slot(WorkerProcess worker) {
            this.worker = worker;
        }
    }

    /** @param workers at most this many worker processes at once */
    public WorkerPool(Limits limits, int workers, Policy policy) {
        this.limits = limits;
        this.policy = policy;
        this.size = Math.max(1, workers);
        ProcessStatus.sayUnenforcedLimitsOnce();
        try {
            this.channels = Files.createTempDirectory("dl-grader-channels");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(tr("isolation.pool.noChannels"), e);
        }
        Thread starter = new Thread(this::startIfRoom, "worker-start");
        starter.setDaemon(true);
        starter.start();
    }

    public Policy policy() {
        return policy;
    }

    /** Waits for the first worker; a worker that cannot start (engine, natives, sandbox) is said here, once. */
    @Override
    public void ready() {
        try {
            Slot slot = acquire(false);
            release(slot);
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(tr("isolation.pool.interruptedStart"), e);
        }
    }

    @Override
    public ModelRun run(ModelJob job) {
        if (job.carriesCode() && policy.codeRefusal() != null) {
            return new ModelRun.GraderFault(policy.codeRefusal());
        }
        boolean alone = job.carriesCode() && policy.exclusiveCode();
        Slot slot;
        try {
            slot = acquire(alone);
        } catch (IOException e) {
            return new ModelRun.GraderFault(tr("isolation.pool.noWorker", e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ModelRun.GraderFault(tr("isolation.interrupted"));
        }
        evaluations.incrementAndGet();
        try {
            // A model alone in its worker has the worker's every core to itself.
            ModelRun run = alone ? slot.worker.evaluate(job, slot.worker.allThreads()) : slot.worker.evaluate(job);
            if (alone && !slot.worker.quiescent()) {
                discard(slot);
                // Without /proc (macOS, Windows) idleness cannot be proved either way: the worker is
                // not reused, and the answer stays the model's own.
                return ProcessStatus.available() ? keptBusy(job) : run;
            }
            release(slot);
            return run;
        } catch (WorkerFailure failure) {
            discard(slot);
            if (!failure.shared()) {
                return new ModelRun.NotGradable(failure.getMessage());
            }
            return alone(job);
        }
    }

    /**
     * A free place for a job: for a data format, a worker with a free slot that no code job holds,
     * the busiest first so that others drain for code jobs; for a code format, a worker with nothing
     * in flight, taken whole. Starts a worker when fewer than {@code size} exist.
     */
    private Slot acquire(boolean alone) throws IOException, InterruptedException {
        synchronized (lock) {
            codeWaiting += alone ? 1 : 0;
        }
        try {
            while (true) {
                boolean start = false;
                synchronized (lock) {
                    if (closed) {
                        throw new IOException(tr("isolation.pool.shuttingDown"));
                    }
                    Slot chosen = choose(alone);
                    if (chosen != null) {
                        chosen.busy++;
                        chosen.exclusive = alone;
                        return chosen;
                    }
                    if (workers.size() + starting < size && startFailure == null) {
                        starting++;
                        start = true;
                    } else if (startFailure != null && workers.isEmpty() && starting == 0) {
                        throw new IOException(startFailure);
                    } else {
                        lock.wait(100);
                    }
                }
                if (start) {
                    startCounted();
                }
            }
        } finally {
            synchronized (lock) {
                codeWaiting -= alone ? 1 : 0;
            }
        }
    }

    /** Called with the lock held. */
    private Slot choose(boolean alone) {
        Slot chosen = null;
        for (java.util.Iterator<Slot> all = workers.iterator(); all.hasNext(); ) {
            Slot slot = all.next();
            if (!slot.worker.isAlive() && slot.busy == 0) {
                // Stopped while idle (a limit broken with nothing in flight): make room for a new one.
                slot.worker.kill();
                all.remove();
                replaced.incrementAndGet();
                continue;
            }
            if (slot.exclusive || !slot.worker.isAlive()) {
                continue;
            }
            boolean fits = alone ? slot.busy == 0
                    : slot.busy < slot.worker.capacity() && (codeWaiting == 0 || slot.busy > 0);
            if (fits && (chosen == null || slot.busy > chosen.busy)) {
                chosen = slot;
            }
        }
        return chosen;
    }

    /** Starts one worker in place of the {@code starting} count taken for it, the lock not held meanwhile. */
    private void startCounted() {
        WorkerProcess worker = null;
        try {
            worker = start(limits.modelsPerWorker());
        } catch (IOException | RuntimeException e) {
            startFailure = String.valueOf(e.getMessage());
        } finally {
            synchronized (lock) {
                starting--;
                if (worker != null) {
                    if (closed) {
                        worker.close();
                    } else {
                        workers.add(new Slot(worker));
                    }
                }
                lock.notifyAll();
            }
        }
    }

    /** The first worker, started while the caller is still finding students and files. */
    private void startIfRoom() {
        synchronized (lock) {
            if (workers.size() + starting >= size) {
                return;
            }
            starting++;
        }
        startCounted();
    }

    private WorkerProcess start(int capacity) throws IOException {
        WorkerProcess worker = WorkerProcess.launch(new WorkerProcess.Config(policy.sandboxed(), capacity,
                limits.threadsPerWorker(size), limits, channels));
        worker.awaitReady();
        return worker;
    }

    private void release(Slot slot) {
        synchronized (lock) {
            slot.busy--;
            slot.exclusive = false;
            lock.notifyAll();
        }
    }

    /** Throws a failed worker away once, however many of its jobs report the failure. */
    private void discard(Slot slot) {
        slot.worker.kill();
        synchronized (lock) {
            slot.busy--;
            slot.exclusive = false;
            if (workers.remove(slot)) {
                replaced.incrementAndGet();
            }
            lock.notifyAll();
        }
    }

    /**
     * Evaluates a model whose worker failed while running others too, in a fresh worker that runs
     * nothing else: what happens now is this model's own doing.
     */
    private ModelRun alone(ModelJob job) {
        synchronized (aloneLock) {
            retriedAlone.incrementAndGet();
            WorkerProcess worker;
            try {
                worker = start(1);
            } catch (IOException e) {
                return new ModelRun.GraderFault(tr("isolation.pool.noWorker", e.getMessage()));
            }
            try {
                ModelRun run = worker.evaluate(job);
                return job.carriesCode() && policy.exclusiveCode() && ProcessStatus.available() && !worker.quiescent()
                        ? keptBusy(job) : run;
            } catch (WorkerFailure failure) {
                return new ModelRun.NotGradable(failure.getMessage());
            } finally {
                worker.close();
            }
        }
    }

    /** A model that carries code left work running after it answered: its answer cannot be trusted. */
    private static ModelRun keptBusy(ModelJob job) {
        return new ModelRun.NotGradable(tr("isolation.pool.keptBusy", job.file().name()));
    }

    /** Models evaluated by workers so far (cache hits and missing files excluded). */
    public int evaluations() {
        return evaluations.get();
    }

    /** Workers thrown away after a crash, hang, broken limit or a code model that did not leave them idle. */
    public int replacedWorkers() {
        return replaced.get();
    }

    /** Models evaluated again alone because their worker failed while running others too. */
    public int retriedAlone() {
        return retriedAlone.get();
    }

    /** Process ids of the live workers, for tests that kill one. */
    public List<Long> workerPids() {
        synchronized (lock) {
            return workers.stream().map(s -> s.worker.pid()).toList();
        }
    }

    @Override
    public void close() {
        List<Slot> all;
        synchronized (lock) {
            closed = true;
            all = new ArrayList<>(workers);
            workers.clear();
            lock.notifyAll();
        }
        all.forEach(slot -> slot.worker.close());
        try {
            Folders.delete(channels);
        } catch (IOException e) {
            // An empty temporary folder left behind is harmless.
        }
    }
}
