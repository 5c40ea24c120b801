package org.dlgrader.grading.integrity;

import org.dlgrader.exercise.Task;
import org.dlgrader.model.LoadedModel;

/**
 * A model's answers, compactly, computed here from the worker's raw outputs and the answer key,
 * which never leaves this process: for a classifier, the predicted class of each test image (one
 * byte) and the images it gets wrong (one bit); for a regression, its errors on the first
 * {@link #ERRORS} fresh points.
 */
public record Predictions(byte[] classes, long[] wrong, float[] errors) {

    /** Enough points to tell two models' errors apart, few enough to keep signatures small (8 KB). */
    public static final int ERRORS = 2048;

    /** Null unless {@code task} is a classifier of at most 127 classes or a regression with exact targets, with one row per answer. */
    public static Predictions of(Task task, LoadedModel.Output output, long seed) {
        float[] targets = task.targets(seed);
        if (targets != null) {
            if (output.width() != 1 || output.count() != targets.length) {
                return null;
            }
            float[] errors = new float[Math.min(ERRORS, targets.length)];
            for (int i = 0; i < errors.length; i++) {
                errors[i] = output.values()[i] - targets[i];
            }
            return new Predictions(null, null, errors);
        }
        int[] labels = task.classLabels(seed);
        int width = output.width();
        if (labels == null || width < 2 || width > Byte.MAX_VALUE || output.count() != labels.length) {
            return null;
        }
        byte[] classes = new byte[labels.length];
        long[] wrong = new long[(labels.length + 63) / 64];
        for (int i = 0; i < labels.length; i++) {
            int best = output.predictedClass(i);
            classes[i] = (byte) best;
            if (best != labels[i]) {
                wrong[i >>> 6] |= 1L << (i & 63);
            }
        }
        return new Predictions(classes, wrong, null);
    }
}
