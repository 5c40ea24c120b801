package org.dlgrader.exercise.square;

import java.util.Random;

/** The homework's function y = x1² + x2², sampled uniformly on the square [-1, 1]². */
public record SquareData(float[] x, float[] y) {

    public static final double LOW = -1;
    public static final double HIGH = 1;

    public static SquareData generate(long seed, int points) {
        Random random = new Random(seed);
        float[] x = new float[2 * points];
        float[] y = new float[points];
        for (int i = 0; i < points; i++) {
            float x1 = (float) (LOW + (HIGH - LOW) * random.nextDouble());
            float x2 = (float) (LOW + (HIGH - LOW) * random.nextDouble());
            x[2 * i] = x1;
            x[2 * i + 1] = x2;
            y[i] = (float) target(x1, x2);
        }
        return new SquareData(x, y);
    }

    public static double target(double x1, double x2) {
        return x1 * x1 + x2 * x2;
    }

    public int size() {
        return y.length;
    }
}
