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

    /** A size × size grid over the domain, as (x1, x2) pairs, for error heat maps. */
    public static float[] grid(int size) {
        float[] points = new float[2 * size * size];
        double step = (HIGH - LOW) / (size - 1);
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < size; j++) {
                points[2 * (i * size + j)] = (float) (LOW + i * step);
                points[2 * (i * size + j) + 1] = (float) (LOW + j * step);
            }
        }
        return points;
    }

    /** |f − target| on the {@link #grid} from the model's outputs there, as [i][j]. */
    public static double[][] errorGrid(float[] points, float[] outputs, int size) {
        double[][] error = new double[size][size];
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < size; j++) {
                int k = i * size + j;
                error[i][j] = Math.abs(outputs[k] - target(points[2 * k], points[2 * k + 1]));
            }
        }
        return error;
    }

    public int size() {
        return y.length;
    }
}
