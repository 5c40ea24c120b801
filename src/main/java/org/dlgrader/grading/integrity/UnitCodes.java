package org.dlgrader.grading.integrity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.dlgrader.model.DenseStack;

/**
 * What each hidden unit of a dense network computes, as short codes that do not depend on the order
 * of the units, the container, the dtype or the layer names: each unit's response to fixed probe
 * inputs (so a layer's code does not depend on how the layers before it were ordered either; layers
 * are followed while their cost stays within {@link #BUDGET}),
 * centred, and hashed by the side of random hyperplanes it falls on (SimHash), in {@link #BANDS}
 * bands of {@link #BITS} bits. A copy keeps its units' codes, in whatever order, and one more epoch
 * of training moves few units across a hyperplane; a model trained from other random weights has
 * other units, which share a band's code by chance only (2^-16).
 *
 * <p>Matching codes by sorting is linear in the units, where matching units by their weights would
 * cost a 512 × 512 × 784 product for each pair of a class's 45,000 pairs.
 */
public final class UnitCodes {

    public static final int BANDS = 4;
    public static final int BITS = 16;
    static final int PROBES = 64;
    /**
     * A layer is hashed only when each unit has this many weights: a unit of a first layer fed 2
     * inputs is a point in 3 dimensions, where two honest models' units often fall on the same side
     * of every hyperplane.
     */
    static final int MIN_WEIGHTS = 16;
    /** Inputs a first-layer probe touches: a sparse projection keeps a 784-input layer cheap. */
    static final int NONZERO = 32;
    /**
     * Multiply-adds spent on layers after the first: the grading process hashes every student's
     * model, so a quickstart's second layer (64 × 512 × 512) is left out; its first is 512 units.
     */
    static final long BUDGET = 4_000_000;
    /** Fixed, so that codes made by different runs, shards and machines compare. */
    private static final long SEED = 0x5eed_c0de_2026L;

    private UnitCodes() {
    }

    /**
     * Codes of each hashed hidden layer, {@code [layer][band][unit]}, each band sorted; empty when the
     * network has no hidden layer wide enough to tell models apart.
     */
    public static int[][][] of(List<DenseStack.Layer> layers) {
        if (layers.size() < 2) {
            return new int[0][][];
        }
        SplittableRandom random = new SplittableRandom(SEED);
        double[][] planes = new double[BANDS * BITS][PROBES];
        for (double[] plane : planes) {
            for (int p = 0; p < PROBES; p++) {
                plane[p] = gaussian(random);
            }
        }
        List<int[][]> hashed = new ArrayList<>();
        DenseStack.Layer first = layers.get(0);
        double[][] response = sparseResponse(first, random);
        long cost = 0;
        for (int l = 0; l < layers.size() - 1; l++) {
            DenseStack.Layer layer = layers.get(l);
            if (l > 0) {
                cost += (long) PROBES * layer.in() * layer.out();
                if (cost > BUDGET) {
                    break;
                }
                response = response(layer, activate(layers.get(l - 1).activation(), response));
            }
            if (layer.in() + 1 >= MIN_WEIGHTS) {
                hashed.add(codes(response, planes, layer.out()));
            }
        }
        return hashed.toArray(new int[0][][]);
    }

    /**
     * The first layer's pre-activations {@code [probe][unit]} for sparse probes: each probe is ±1 at
     * {@link #NONZERO} random inputs (all of them for a narrow input), so a unit's response is a sparse
     * random projection of its weights, at 1/25 of a dense probe's cost for 784 inputs.
     */
    private static double[][] sparseResponse(DenseStack.Layer layer, SplittableRandom random) {
        int in = layer.in();
        int out = layer.out();
        float[] w = layer.weight();
        double[][] z = new double[PROBES][out];
        for (int p = 0; p < PROBES; p++) {
            int k = Math.min(in, NONZERO);
            int[] at = new int[k];
            double[] sign = new double[k];
            for (int j = 0; j < k; j++) {
                at[j] = in <= NONZERO ? j : random.nextInt(in);
                sign[j] = in <= NONZERO ? gaussian(random) : random.nextBoolean() ? 1 : -1;
            }
            for (int u = 0; u < out; u++) {
                double sum = layer.bias() == null ? 0 : layer.bias()[u];
                int base = u * in;
                for (int j = 0; j < k; j++) {
                    sum += sign[j] * w[base + at[j]];
                }
                z[p][u] = sum;
            }
        }
        return z;
    }

    /** Pre-activations {@code [probe][unit]}. */
    private static double[][] response(DenseStack.Layer layer, double[][] input) {
        int in = layer.in();
        int out = layer.out();
        float[] w = layer.weight();
        double[][] z = new double[input.length][out];
        for (int p = 0; p < input.length; p++) {
            double[] x = input[p];
            for (int u = 0; u < out; u++) {
                double sum = layer.bias() == null ? 0 : layer.bias()[u];
                int base = u * in;
                for (int i = 0; i < in; i++) {
                    sum += w[base + i] * x[i];
                }
                z[p][u] = sum;
            }
        }
        return z;
    }

    private static int[][] codes(double[][] response, double[][] planes, int units) {
        int[][] bands = new int[BANDS][];
        List<int[]> perUnit = new ArrayList<>();
        double[] centred = new double[PROBES];
        for (int u = 0; u < units; u++) {
            double mean = 0;
            for (int p = 0; p < PROBES; p++) {
                mean += response[p][u];
            }
            mean /= PROBES;
            double norm = 0;
            for (int p = 0; p < PROBES; p++) {
                centred[p] = response[p][u] - mean;
                norm += centred[p] * centred[p];
            }
            if (!(norm > 1e-20) || !Double.isFinite(norm)) {
                // A unit that answers every probe alike (dead, or all zero) says nothing about who trained it.
                continue;
            }
            int[] code = new int[BANDS];
            for (int b = 0; b < BANDS; b++) {
                int bits = 0;
                for (int k = 0; k < BITS; k++) {
                    double[] plane = planes[b * BITS + k];
                    double side = 0;
                    for (int p = 0; p < PROBES; p++) {
                        side += plane[p] * centred[p];
                    }
                    bits = (bits << 1) | (side >= 0 ? 1 : 0);
                }
                code[b] = bits;
            }
            perUnit.add(code);
        }
        for (int b = 0; b < BANDS; b++) {
            int[] band = new int[perUnit.size()];
            for (int u = 0; u < band.length; u++) {
                band[u] = perUnit.get(u)[b];
            }
            Arrays.sort(band);
            bands[b] = band;
        }
        return bands;
    }

    private static double[][] activate(DenseStack.Activation activation, double[][] z) {
        for (double[] row : z) {
            for (int i = 0; i < row.length; i++) {
                row[i] = switch (activation) {
                    case RELU -> Math.max(0, row[i]);
                    case SIGMOID -> 1 / (1 + Math.exp(-row[i]));
                    case TANH -> Math.tanh(row[i]);
                    case LINEAR, SOFTMAX -> row[i];
                };
            }
        }
        return z;
    }

    /**
     * The share of hidden units two models have in common: per hashed layer and band, the codes both
     * hold (counted with multiplicity), over the wider layer's units, averaged over the bands. Zero
     * when the networks differ in shape: then their weights are not the same.
     */
    public static double shared(int[][][] a, int[][][] b) {
        if (a.length == 0 || a.length != b.length) {
            return 0;
        }
        double matched = 0;
        long units = 0;
        for (int l = 0; l < a.length; l++) {
            int width = Math.max(a[l][0].length, b[l][0].length);
            units += width;
            long common = 0;
            for (int band = 0; band < BANDS; band++) {
                common += intersection(a[l][band], b[l][band]);
            }
            matched += (double) common / BANDS;
        }
        return units == 0 ? 0 : matched / units;
    }

    private static int intersection(int[] x, int[] y) {
        int i = 0;
        int j = 0;
        int count = 0;
        while (i < x.length && j < y.length) {
            if (x[i] == y[j]) {
                count++;
                i++;
                j++;
            } else if (x[i] < y[j]) {
                i++;
            } else {
                j++;
            }
        }
        return count;
    }

    private static double gaussian(SplittableRandom random) {
        double u = random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }
}
