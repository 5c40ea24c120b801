package org.dlgrader.exercise;

import java.util.Set;
import org.dlgrader.model.InputRows;
import org.dlgrader.model.LoadedModel;

/**
 * Rows a classifier is run on beside the test set, not to score it but to see how it was trained:
 * a sample of the training set, or a perturbed copy of the test set. Its answer key stays in the
 * grading process like the test set's; its accuracy is kept in the measurement under
 * {@code metric} and never scored.
 *
 * @param testRows for rows made from test images, which test image each row was made from (the
 *     model's accuracy on those same images is its {@link #BASELINE}); null for other rows
 */
public record Probe(String metric, InputRows rows, int[] labels, int[] testRows) {

    /** Accuracy on a sample of the training set. */
    public static final String TRAINING = "trainingAccuracy";
    /** Accuracy on the test set perturbed from a secret seed. */
    public static final String PRIVATE = "privateAccuracy";
    /** Accuracy on the same test images unperturbed: what {@link #PRIVATE} is compared with, image for image. */
    public static final String BASELINE = "privateBaseline";
    public static final Set<String> METRICS = Set.of(TRAINING, PRIVATE, BASELINE);

    /** Accuracy on the test images these rows were made from, from the model's test-set outputs; NaN without them. */
    public double baseline(LoadedModel.Output test) {
        if (testRows == null || test.width() < 2) {
            return Double.NaN;
        }
        int w = test.width();
        float[] values = new float[testRows.length * w];
        for (int i = 0; i < testRows.length; i++) {
            if ((long) (testRows[i] + 1) * w > test.values().length) {
                return Double.NaN;
            }
            System.arraycopy(test.values(), testRows[i] * w, values, i * w, w);
        }
        return accuracy(new LoadedModel.Output(values, testRows.length, w));
    }

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
        long correct = 0;
        for (int i = 0; i < labels.length; i++) {
            if (out.predictedClass(i) == labels[i]) {
                correct++;
            }
        }
        return (double) correct / labels.length;
    }
}
