package org.dlgrader.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Engine settings that libtorch reads once, when DJL first loads it; they only work as system
 * properties set before that moment, so every entry point calls this first.
 */
public final class EngineSettings {

    private EngineSettings() {
    }

    public static void applyDefaults() {
        applyDefaults(Runtime.getRuntime().availableProcessors());
    }

    /**
     * @param threads libtorch threads: all cores for training one model, one when grading runs one
     *     student per core (more would only make the grading threads fight over the cores)
     */
    public static void applyDefaults(int threads) {
        setIfAbsent("ai.djl.pytorch.num_threads", Integer.toString(threads));
        // One inter-op thread: the networks here are chains, and extra pools only contend for the cores.
        setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
        setIfAbsent("OPT_OUT_TRACKING", "true");
        // A student's TorchScript module runs a handful of batches and is thrown away: the profiling
        // executor's optimisations never pay back their cost (class of 100: 0.8 s of CPU).
        setIfAbsent("ai.djl.pytorch.graph_optimizer", "false");
        // With ONNX Runtime on the class path DJL has two engines: every model and array not made
        // for an ONNX file is libtorch's, whichever engine DJL would rank first.
        setIfAbsent("ai.djl.default_engine", "PyTorch");
        // ONNX Runtime's global thread pools, made when its engine first loads, get no threads of
        // their own: each ONNX model's session has the threads its job is given, ended with it, so a
        // worker's thread count after a job is what it was before.
        setIfAbsent("ai.djl.onnxruntime.num_threads", "1");
        setIfAbsent("ai.djl.onnxruntime.num_interop_threads", "1");
        setIfAbsent("java.awt.headless", "true");
        // No implicit downloads of natives or models: grading must work on an offline machine.
        // The `gpu` build profile turns this off so DJL can fetch the CUDA natives once.
        setIfAbsent("ai.djl.offline", System.getProperty("gpu") == null ? "true" : "false");
    }

    /**
     * The environment of a JVM this one starts to grade in (a worker, or the benchmark's grading
     * command, which runs as the pom runs the failsafe JVM): the same settings the pom gives failsafe.
     */
    public static void forGradingProcess(Map<String, String> environment) {
        environment.put("OPT_OUT_TRACKING", "true");
        // File names are decoded by the locale: the child must read 2024001-张三/ whatever ours was.
        environment.put("LC_ALL", "C.UTF-8");
        // Each layer's output is megabytes, freed a moment later. By default glibc hands such blocks
        // back to the kernel and faults them in again for the next model: a tenth of the run in page
        // faults. These keep them in the process (class of 100: 12.1 s -> 11.5 s in one process).
        environment.put("MALLOC_MMAP_THRESHOLD_", Integer.toString(64 << 20));
        environment.put("MALLOC_TRIM_THRESHOLD_", Integer.toString(128 << 20));
    }

    /**
     * libtorch's intra-op threads for the calling thread's next operations (OpenMP keeps the count
     * per thread, the BLAS library per process): a worker running one model alone gives it all its
     * cores, and back to its share when it runs models side by side.
     */
    public static void threads(int threads) {
        ai.djl.pytorch.jni.JniUtils.setNumThreads(Math.max(1, threads));
        THREADS.set(Math.max(1, threads));
    }

    private static final ThreadLocal<Integer> THREADS = new ThreadLocal<>();

    /**
     * The threads the calling thread's models may use: what {@link #threads} last gave it, else
     * libtorch's setting. ONNX Runtime takes its count per session, so it is asked for here.
     */
    public static int threadsOfThisThread() {
        Integer set = THREADS.get();
        return set != null ? set : Math.max(1, Integer.getInteger("ai.djl.pytorch.num_threads", 1));
    }

    /** The system property ONNX Runtime's Java library loads its natives from, instead of unpacking them to java.io.tmpdir. */
    public static final String ONNX_RUNTIME_NATIVES = "onnxruntime.native.path";

    /**
     * ONNX Runtime's natives for this machine, unpacked once into the engine cache
     * ({@code onnxruntime/<version>/<platform>}): a sandboxed worker may only read that folder, and
     * its /tmp is too small to unpack 20 MB into for every worker. Null when ONNX Runtime is not on
     * the class path or has no natives for this machine.
     */
    public static Path onnxRuntimeNatives() {
        Class<?> ort;
        try {
            ort = Class.forName("ai.onnxruntime.OrtEnvironment", false, EngineSettings.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return null;
        }
        String platform = onnxRuntimePlatform();
        String version = ort.getPackage() == null ? null : ort.getPackage().getImplementationVersion();
        Path folder = engineCacheFolder().resolve("onnxruntime").resolve(version == null ? "unknown" : version).resolve(platform);
        List<String> names = List.of(System.mapLibraryName("onnxruntime"), System.mapLibraryName("onnxruntime4j_jni"));
        synchronized (EngineSettings.class) {
            try {
                for (String name : names) {
                    Path target = folder.resolve(name);
                    if (Files.isRegularFile(target)) {
                        continue;
                    }
                    try (InputStream in = ort.getResourceAsStream("/ai/onnxruntime/native/" + platform + "/" + name)) {
                        if (in == null) {
                            return null;
                        }
                        Files.createDirectories(folder);
                        // Unpacked beside, then moved: a worker starting meanwhile never loads half a library.
                        Path part = Files.createTempFile(folder, name, ".part");
                        Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
                        Files.move(part, target, StandardCopyOption.ATOMIC_MOVE,
                                StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            } catch (IOException e) {
                return null;
            }
        }
        return folder;
    }

    /** ONNX Runtime's name for this machine's natives folder ("linux-x64"), as its own loader spells it. */
    private static String onnxRuntimePlatform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String system = os.contains("win") ? "win" : os.contains("mac") || os.contains("darwin") ? "osx" : "linux";
        String machine = arch.equals("aarch64") || arch.equals("arm64") ? "aarch64" : "x64";
        return system + "-" + machine;
    }

    /** DJL's engine cache ({@code ~/.djl.ai} unless ENGINE_CACHE_DIR says otherwise), where libtorch's natives are unpacked. */
    public static Path engineCacheFolder() {
        return ai.djl.util.Utils.getEngineCacheDir().toAbsolutePath();
    }

    /**
     * Unpacks libtorch's natives into the engine cache unless they are there: a sandboxed worker may
     * only read that folder. Loading the engine once here does it (the first run on a machine only).
     */
    public static void unpackNatives() {
        Path pytorch = engineCacheFolder().resolve("pytorch");
        try (Stream<Path> files = Files.exists(pytorch)
                ? Files.walk(pytorch, 2) : Stream.empty()) {
            List<String> names = files.map(p -> p.getFileName().toString()).toList();
            boolean torch = names.stream().anyMatch(n -> n.startsWith("libtorch.") || n.equals("torch.dll"));
            boolean jni = names.stream().anyMatch(n -> n.contains("djl_torch"));
            if (torch && jni) {
                return;
            }
        } catch (IOException e) {
            // Unpack below.
        }
        applyDefaults();
        ai.djl.engine.Engine.getEngine("PyTorch");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
