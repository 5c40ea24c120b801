package org.dlgrader.run.calibration;

import java.util.List;

/**
 * How one metric spread over the calibration runs. Quartiles interpolate linearly between the
 * sorted values (NumPy's default, R's type 7), so that a teacher can check them with
 * {@code numpy.percentile}; {@code sd} is the sample standard deviation (n - 1), the one that does
 * not understate the spread of a handful of runs.
 */
public record Distribution(int n, double min, double q1, double median, double q3, double max, double mean, double sd) {

    /** @throws IllegalArgumentException for fewer than two values or a value that is not finite */
    public static Distribution of(List<Double> values) {
        if (values.size() < 2) {
            throw new IllegalArgumentException("a distribution needs two values at least, not " + values.size());
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        for (double value : sorted) {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("a calibration run measured " + value + " in " + values);
            }
        }
        double mean = 0;
        for (double value : sorted) {
            mean += value;
        }
        mean /= sorted.length;
        double squares = 0;
        for (double value : sorted) {
            squares += (value - mean) * (value - mean);
        }
        return new Distribution(sorted.length, sorted[0], quantile(sorted, 0.25), quantile(sorted, 0.5),
                quantile(sorted, 0.75), sorted[sorted.length - 1], mean, Math.sqrt(squares / (sorted.length - 1)));
    }

    /** The {@code p}-quantile of sorted values, interpolated between the two nearest. */
    static double quantile(double[] sorted, double p) {
        double position = p * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
