package org.dlgrader.cli;

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
        setIfAbsent("java.awt.headless", "true");
        // No implicit downloads of natives or models: grading must work on an offline machine.
        // The `gpu` build profile turns this off so DJL can fetch the CUDA natives once.
        setIfAbsent("ai.djl.offline", System.getProperty("gpu") == null ? "true" : "false");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
