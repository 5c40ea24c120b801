package org.dlgrader.isolation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dlgrader.engine.EngineSettings;
import org.dlgrader.i18n.Messages;

/**
 * The command line and environment a worker JVM starts with: in a {@link Sandbox}, or plainly with
 * a fresh empty folder to work in. Its answers come over {@code channel}.
 *
 * @param home the working folder of a worker without a sandbox, or null in one
 */
record WorkerCommand(List<String> command, Map<String, String> environment, Path home) {

    static WorkerCommand of(WorkerProcess.Config config, Path channel, Path home) {
        List<String> java = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heapMb(config.limits()) + "m", "-Xss4m",
                "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError", "-XX:-UsePerfData",
                // C1 only: a worker runs a few dozen models, and C2's compilations, repeated in
                // every worker, cost more than they win (class of 100: 21.3 s with C2, 17.5 s without).
                "-XX:TieredStopAtLevel=1",
                // A fixed number of compiler threads, so that an idle worker's thread count is a constant.
                "-XX:-UseDynamicNumberOfCompilerThreads", "-XX:CICompilerCount=1",
                "-XX:ErrorFile=/dev/null",
                "-Djava.awt.headless=true", "-Dai.djl.offline=true",
                "-Dai.djl.pytorch.num_threads=" + config.threads(), "-Dai.djl.pytorch.num_interop_threads=1"));
        // ONNX Runtime's natives, unpacked once by the grader: a worker loads them where they are.
        Path onnxRuntime = EngineSettings.onnxRuntimeNatives();
        if (onnxRuntime != null) {
            java.add("-D" + EngineSettings.ONNX_RUNTIME_NATIVES + "=" + onnxRuntime);
        }
        String extra = System.getProperty("grader.workerJvmArgs", "");
        if (!extra.isBlank()) {
            java.addAll(List.of(extra.trim().split("\\s+")));
        }
        Map<String, String> env = new LinkedHashMap<>();
        EngineSettings.forGradingProcess(env);
        env.put("OMP_NUM_THREADS", Integer.toString(config.threads()));
        env.put("MKL_NUM_THREADS", Integer.toString(config.threads()));
        // OpenMP's idle threads sleep at once rather than spin for a while first (libgomp's default):
        // spinning looks like a model's leftover work to the idle check, and costs a core all the same.
        env.put("OMP_WAIT_POLICY", "PASSIVE");
        // The worker speaks the run's language: its refusals ("square.pth is not a state_dict") reach the student.
        List<String> arguments = List.of(Integer.toString(config.capacity()), Integer.toString(config.limits().maxUnpackedMb()),
                Messages.language().tag());
        if (!config.sandboxed()) {
            java.addAll(List.of("-cp", ClassPath.current(), WorkerMain.class.getName(), channel.toString()));
            java.addAll(arguments);
            return new WorkerCommand(java, env, home);
        }
        Path engineCache = EngineSettings.engineCacheFolder();
        java.addAll(List.of("-Djava.io.tmpdir=/tmp", "-Duser.home=/tmp"));
        env.put("PATH", "/usr/bin:/bin");
        env.put("HOME", "/tmp");
        env.put("TMPDIR", "/tmp");
        env.put("ENGINE_CACHE_DIR", engineCache.toString());
        java.addAll(List.of("-cp", ClassPath.current(), WorkerMain.class.getName(), Sandbox.CHANNEL));
        java.addAll(arguments);
        List<Path> readOnly = new ArrayList<>(Sandbox.javaHome());
        readOnly.addAll(ClassPath.entries());
        readOnly.add(engineCache.resolve("pytorch"));
        if (onnxRuntime != null) {
            readOnly.add(onnxRuntime);
        }
        // bubblewrap passes on only what its --setenv options say: the environment travels in the command.
        return new WorkerCommand(Sandbox.command(java, readOnly, channel, config.limits().maxFileMb() + 64, env), Map.of(), null);
    }

    /** The heap a worker gets: half its memory limit, at most 1 GB (the rest is for libtorch). */
    static int heapMb(org.dlgrader.grading.Limits limits) {
        return Math.max(256, Math.min(1024, limits.memoryMb() / 2));
    }

    ProcessBuilder processBuilder() {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (home != null) {
            builder.directory(home.toFile());
        }
        builder.environment().putAll(environment);
        // An unsandboxed worker inherits the grader's environment; the private check's secret must not reach a model.
        builder.environment().remove(org.dlgrader.grading.PrivateSeed.VARIABLE);
        return builder;
    }
}
