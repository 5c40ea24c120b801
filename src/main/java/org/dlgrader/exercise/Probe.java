package org.dlgrader.exercise;

import java.util.Set;
import org.dlgrader.model.InputRows;
import org.dlgrader.model.LoadedModel;

/**
 * Rows a classifier is run on beside the test set, not to score it but to see how it was trained:
 * a sample of the training set, or a perturbed copy of the test set. Its answer key stays in the
 * grading process like the test set's; its accuracy is kept in the measurement under
 * {@code metric} and never scored.
 */
public record Probe(String metric, InputRows rows, int[] labels) {

    /** Accuracy on a sample of the training set. */
    public static final String TRAINING = "trainingAccuracy";
    /** Accuracy on the test set perturbed from a secret seed. */
    public static final String PRIVATE = "privateAccuracy";
    public static final Set<String> METRICS = Set.of(TRAINING, PRIVATE);

    /** The share of rows whose largest output is the label; NaN when the outputs do not fit the rows. */
    public double accuracy(LoadedModel.Output out) {
        if (out.count() != labels.length || out.values().length != (long) labels.length * out.width() || out.width() < 2) {
            return Double.NaN;
        }
        float[] values = out.values();
        for (float v : values) {
            if (!Float.isFinite(v)) {
                return Double.NaN;
            }
        }
        int w = out.width();
        long correct = 0;
        for (int i = 0; i < labels.length; i++) {
            int base = i * w;
            int best = 0;
            for (int c = 1; c < w; c++) {
                if (values[base + c] > values[base + best]) {
                    best = c;
                }
            }
            if (best == labels[i]) {
                correct++;
            }
        }
        return (double) correct / labels.length;
    }
}
