package org.dlgrader.exercise.linear;

import java.util.Random;

/**
 * The lesson's regression data: x uniform in [0, 1), y = 5x + 7 + N(0, 1)/4
 * ({@code np.random.rand(256)}, {@code np.random.randn(256) / 4}).
 */
public record LinearData(float[] x, float[] y) {

    public static final double TRUE_W = 5;
    public static final double TRUE_B = 7;

    public static LinearData generate(long seed, int points, double noiseScale) {
        Random random = new Random(seed);
        float[] x = new float[points];
        float[] y = new float[points];
        for (int i = 0; i < points; i++) {
            x[i] = (float) random.nextDouble();
        }
        for (int i = 0; i < points; i++) {
            y[i] = (float) (TRUE_W * x[i] + TRUE_B + random.nextGaussian() * noiseScale);
        }
        return new LinearData(x, y);
    }

    public int size() {
        return x.length;
    }
}
