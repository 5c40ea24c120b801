package org.dlgrader.grading;

/**
 * What one model may cost before it is stopped, from {@code "limits"} in the assignment file.
 * Every field is optional; the defaults fit the lesson's models with a wide margin (the largest,
 * the quickstart MLP, is 2.7 MB and evaluates in under a second).
 *
 * @param isolate grade in worker processes (a crash or hang then costs one student one exercise)
 * @param workers worker processes at once; 0 for enough to run one model per core, within the memory
 * @param secondsPerModel wall-clock limit for loading and evaluating one model file
 * @param memoryMb resident memory (heap and native) one worker may use
 * @param threads native threads libtorch may use in a worker; 0 shares the cores among all models in flight
 * @param modelsPerWorker models one worker evaluates at once. Above 1, a worker that fails with
 *     several models in flight has each of them evaluated again alone, so only the culprit is blamed
 * @param maxFileMb larger model files are refused unread
 * @param maxUnpackedMb an archive (zip-based model) that unpacks to more is refused unread
 */
public record Limits(Boolean isolate, Integer workers, Integer secondsPerModel, Integer memoryMb, Integer threads,
        Integer maxFileMb, Integer maxUnpackedMb, Integer modelsPerWorker) {

    public static final Limits DEFAULTS = new Limits(true, 0, 120, 2048, 0, 100, 512, 2);

    /** This file's values where given, the defaults elsewhere. */
    public Limits orDefaults() {
        return new Limits(
                isolate != null ? isolate : DEFAULTS.isolate,
                workers != null ? workers : DEFAULTS.workers,
                secondsPerModel != null ? secondsPerModel : DEFAULTS.secondsPerModel,
                memoryMb != null ? memoryMb : DEFAULTS.memoryMb,
                threads != null ? threads : DEFAULTS.threads,
                maxFileMb != null ? maxFileMb : DEFAULTS.maxFileMb,
                maxUnpackedMb != null ? maxUnpackedMb : DEFAULTS.maxUnpackedMb,
                modelsPerWorker != null && modelsPerWorker > 0 ? modelsPerWorker : DEFAULTS.modelsPerWorker);
    }

    /**
     * Worker processes to run: as asked, or enough for one model per core, as long as they fit in
     * 3/4 of the machine's memory.
     */
    public int workerCount() {
        if (workers != null && workers > 0) {
            return workers;
        }
        long totalMb = physicalMemoryMb();
        int byMemory = (int) Math.max(1, totalMb * 3 / 4 / Math.max(256, memoryMb));
        int cores = Runtime.getRuntime().availableProcessors();
        int byCores = (cores + modelsPerWorker() - 1) / modelsPerWorker();
        return Math.max(1, Math.min(byCores, byMemory));
    }

    /** Models one worker evaluates at once; 1 for a value that is missing or below 1. */
    @Override
    public Integer modelsPerWorker() {
        return modelsPerWorker == null || modelsPerWorker < 1 ? 1 : modelsPerWorker;
    }

    /**
     * libtorch threads per worker when {@code workers} run at once: the cores shared among all the
     * models in flight, since each model's operations run on threads of their own.
     */
    public int threadsPerWorker(int workers) {
        if (threads != null && threads > 0) {
            return threads;
        }
        return Math.max(1, Runtime.getRuntime().availableProcessors() / (Math.max(1, workers) * modelsPerWorker()));
    }

    private static long physicalMemoryMb() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getTotalMemorySize() >> 20;
        }
        return 4096;
    }
}
