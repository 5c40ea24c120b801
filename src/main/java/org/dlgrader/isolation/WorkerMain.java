package org.dlgrader.isolation;

import static org.dlgrader.i18n.Messages.tr;

import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import org.dlgrader.engine.EngineSettings;
import org.dlgrader.i18n.Language;
import org.dlgrader.i18n.Messages;
import org.dlgrader.io.Folders;
import org.dlgrader.model.InputRows;
import org.dlgrader.model.LocalRunner;
import org.dlgrader.model.ModelFile;
import org.dlgrader.model.ModelJob;
import org.dlgrader.model.ModelLoader;
import org.dlgrader.model.ModelLoaders;
import org.dlgrader.model.ModelRejected;
import org.dlgrader.model.ModelRun;
import org.dlgrader.model.NativeRows;

/**
 * A grading worker: a child JVM, usually in a {@link Sandbox}, that loads and runs the models the
 * parent sends it and answers with their raw outputs. It never reads the assignment, the data set
 * or a student's folder, and never scores: it is given a model file's bytes and rows of inputs in
 * an order it cannot read anything from, and gives back numbers. Its arguments: the channel's path,
 * the models it may run at once, and the largest unpacked size of a zip model (MB). The first line
 * on standard input is the token that proves to the parent who is calling; the end of standard
 * input is the end of the parent, and this process then halts at once, whatever its models are
 * doing.
 */
public final class WorkerMain {

    private final Map<String, InputRows> rows = new ConcurrentHashMap<>();
    private final DataOutputStream out;
    private final Path jobs;
    private final int maxUnpackedMb;

    private WorkerMain(DataOutputStream out, Path jobs, int maxUnpackedMb) {
        this.out = out;
        this.jobs = jobs;
        this.maxUnpackedMb = maxUnpackedMb;
    }

    public static void main(String[] args) throws Exception {
        // Nothing anyone prints may look like anything: standard output is only a log from here on.
        System.setOut(System.err);
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String token = stdin.readLine();
        Thread parentWatch = new Thread(() -> {
            try {
                while (stdin.read() >= 0) {
                    // The parent never writes more; reading only waits for the end.
                }
            } catch (IOException e) {
                // A broken pipe is an end too.
            }
            Runtime.getRuntime().halt(0);
        }, "parent-watch");
        parentWatch.setDaemon(true);
        parentWatch.start();

        int capacity = Integer.parseInt(args[1]);
        int maxUnpackedMb = Integer.parseInt(args[2]);
        Messages.use(Language.of(args[3]));
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(Path.of(args[0])));
        DataOutputStream out = Wire.out(channel);
        DataInputStream in = Wire.in(channel);
        out.writeByte(Wire.HELLO);
        Wire.writeText(out, token, Wire.MAX_NAME_BYTES);
        out.flush();

        EngineSettings.applyDefaults();
        ai.djl.engine.Engine.getEngine("PyTorch");
        Path jobs = Files.createTempDirectory("jobs");
        WorkerMain worker = new WorkerMain(out, jobs, maxUnpackedMb);
        // Every thread this worker will ever need exists before it says it is ready: the parent takes
        // this moment's thread count as the baseline an idle worker must return to.
        ThreadPoolExecutor running = (ThreadPoolExecutor) Executors.newFixedThreadPool(capacity, r -> {
            Thread thread = new Thread(r, "model");
            thread.setDaemon(true);
            return thread;
        });
        running.prestartAllCoreThreads();
        warmUp(running, capacity, capacity * Integer.getInteger("ai.djl.pytorch.num_threads", 1));
        synchronized (out) {
            out.writeByte(Wire.READY);
            out.flush();
        }
        worker.serve(in, running);
        Runtime.getRuntime().halt(0);
    }

    /**
     * Runs a little maths on every thread a model may get, so that libtorch's thread team exists
     * before the parent counts this worker's threads: a model alone here gets them all, and must
     * find them already there, or the parent would take them for threads the model left behind.
     */
    private static void warmUp(ExecutorService running, int capacity, int threads) throws InterruptedException {
        // OpenMP keeps a team of threads for each thread that calls into it: warm up on every one of
        // the pool's threads, all at once, so that each task lands on a thread of its own.
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(capacity);
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(capacity);
        for (int i = 0; i < capacity; i++) {
            running.execute(() -> {
                started.countDown();
                try {
                    started.await();
                    EngineSettings.threads(threads);
                    try (ai.djl.ndarray.NDManager manager = ai.djl.ndarray.NDManager.newBaseManager(ai.djl.Device.cpu())) {
                        ai.djl.ndarray.NDArray x = manager.ones(new ai.djl.ndarray.types.Shape(512, 512));
                        x.matMul(x).sum().toFloatArray();
                        manager.ones(new ai.djl.ndarray.types.Shape(1 << 22)).sum().toFloatArray();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
    }

    private void serve(DataInputStream in, ExecutorService running) {
        try {
            while (true) {
                byte kind = Wire.readKind(in);
                if (kind == Wire.ROWS) {
                    InputRows received = Wire.readRows(in);
                    // Kept in native memory once and handed to models as views (the test set is 31 MB).
                    NativeRows.share(received.rows(), received.features());
                    rows.put(received.name(), received);
                } else if (kind == Wire.JOB) {
                    Wire.Job job = Wire.readJob(in);
                    running.execute(() -> answer(job.id(), run(job)));
                } else {
                    throw new Wire.Violation("unknown message " + kind);
                }
            }
        } catch (IOException e) {
            // The parent closed the channel: nothing more to do.
        }
    }

    /** The job's model, loaded from its own copy in this sandbox's /tmp and run on the rows it names. */
    private ModelRun run(Wire.Job job) {
        Path folder = jobs.resolve(Long.toString(job.id()));
        try {
            Files.createDirectories(folder);
            Path file = folder.resolve(Path.of(job.fileName()).getFileName().toString());
            Files.write(file, job.bytes());
            ModelFile model = ModelFile.of(file);
            ModelLoader loader = ModelLoaders.detect(model, job.maxUnpackedMb());
            if (!loader.format().equals(job.format())) {
                // Both sides detect from the same bytes; a difference is a bug, never a reason to run code.
                return new ModelRun.Refused(tr("isolation.workerMain.formatDiffers", job.fileName(), loader.format(), job.format()));
            }
            List<InputRows> inputs = new ArrayList<>();
            for (String name : job.rows()) {
                InputRows known = rows.get(name);
                if (known == null) {
                    return new ModelRun.GraderFault(tr("isolation.workerMain.noRows", name));
                }
                inputs.add(known);
            }
            EngineSettings.threads(job.threads());
            return new LocalRunner().run(new ModelJob(model, loader, job.spec(), inputs));
        } catch (ModelRejected e) {
            return new ModelRun.Refused(e.getMessage());
        } catch (IOException e) {
            return new ModelRun.GraderFault(tr("isolation.workerMain.cannotKeep", e.getMessage()));
        } finally {
            try {
                Folders.delete(folder);
            } catch (IOException e) {
                // The sandbox's /tmp goes with the worker.
            }
        }
    }

    private void answer(long id, ModelRun run) {
        try {
            synchronized (out) {
                Wire.writeResult(out, id, run);
                out.flush();
            }
        } catch (IOException e) {
            Runtime.getRuntime().halt(3);
        }
    }
}
