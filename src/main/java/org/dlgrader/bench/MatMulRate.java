package org.dlgrader.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * The matrix-multiply rate DJL reaches on this machine at the exact GEMM shapes of one training
 * step of a dense network, and the FLOPs of those GEMMs: together, a compute bound for an epoch.
 */
public final class MatMulRate {

    /** One GEMM: (m x k) times (k x n). */
    record Gemm(long m, long k, long n) {
        long flops() {
            return 2 * m * k * n;
        }
    }

    private MatMulRate() {
    }

    /**
     * The GEMMs of one SGD step of a dense stack with layer widths {@code widths} at batch
     * {@code batch}: forward x·W per layer, the weight gradient dYᵀ·X per layer, and the input
     * gradient dY·W for every layer but the first (autograd skips it: the data needs no gradient).
     */
    static List<Gemm> trainingStep(int batch, int... widths) {
        List<Gemm> gemms = new ArrayList<>();
        for (int l = 0; l + 1 < widths.length; l++) {
            int in = widths[l];
            int out = widths[l + 1];
            gemms.add(new Gemm(batch, in, out));
            gemms.add(new Gemm(out, batch, in));
            if (l > 0) {
                gemms.add(new Gemm(batch, out, in));
            }
        }
        return gemms;
    }

    static long flops(List<Gemm> gemms) {
        return gemms.stream().mapToLong(Gemm::flops).sum();
    }

    /** GFLOP/s over {@code repeats} rounds of {@code gemms}, after a warm-up round. */
    static double measure(List<Gemm> gemms, int repeats) {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            List<NDArray[]> operands = new ArrayList<>();
            for (Gemm g : gemms) {
                operands.add(new NDArray[] {
                    manager.randomUniform(-1, 1, new Shape(g.m(), g.k())),
                    manager.randomUniform(-1, 1, new Shape(g.k(), g.n()))});
            }
            run(manager, operands, 20);
            long start = System.nanoTime();
            run(manager, operands, repeats);
            double seconds = (System.nanoTime() - start) / 1e9;
            return flops(gemms) * (double) repeats / seconds / 1e9;
        }
    }

    /**
     * A sentence when a rate cannot be trusted as the machine's: the cores were busy when it was
     * measured (another libtorch process reads 2 GFLOP/s here, where an idle machine gives 70 to 300),
     * or rounds of the same measurement disagree by more than half. Null when nothing is amiss.
     */
    static String unreliable(List<Double> rounds) {
        double best = rounds.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        double worst = rounds.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        int cores = Runtime.getRuntime().availableProcessors();
        List<String> why = new ArrayList<>();
        if (worst < best / 2) {
            why.add(String.format(java.util.Locale.ROOT, "its rounds ranged from %.1f to %.1f GFLOP/s", worst, best));
        }
        if (load > cores * 0.75) {
            why.add(String.format(java.util.Locale.ROOT, "the load average was %.1f on %d cores: other processes held them", load, cores));
        }
        if (best < 10) {
            why.add(String.format(java.util.Locale.ROOT, "%.1f GFLOP/s is far below what a free core gives", best));
        }
        return why.isEmpty() ? null : "WARNING: the matrix-multiply rate is unreliable (" + String.join("; ", why)
                + "), and so is every bound and ratio computed from it. Run the benchmark again on an idle machine.";
    }

    private static void run(NDManager manager, List<NDArray[]> operands, int repeats) {
        for (int r = 0; r < repeats; r++) {
            try (NDManager round = manager.newSubManager()) {
                NDArray last = null;
                for (NDArray[] pair : operands) {
                    last = pair[0].matMul(pair[1]);
                    last.attach(round);
                }
                last.getFloat(0, 0); // forces completion on asynchronous devices
            }
        }
    }
}
