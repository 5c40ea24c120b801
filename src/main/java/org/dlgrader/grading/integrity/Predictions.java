package org.dlgrader.grading.integrity;

import org.dlgrader.exercise.Task;
import org.dlgrader.model.LoadedModel;

/**
 * A classifier's answers, compactly: the predicted class of each test image (one byte) and the
 * images it gets wrong (one bit), computed here from the worker's raw outputs and the labels, which
 * never leave this process.
 */
public record Predictions(byte[] classes, long[] wrong) {

    /** Null unless {@code task} is a classifier of at most 127 classes and {@code output} one row per label. */
    public static Predictions of(Task task, LoadedModel.Output output, long seed) {
        int[] labels = task.classLabels(seed);
        int width = output.width();
        if (labels == null || width < 2 || width > Byte.MAX_VALUE || output.count() != labels.length) {
            return null;
        }
        float[] values = output.values();
        byte[] classes = new byte[labels.length];
        long[] wrong = new long[(labels.length + 63) / 64];
        for (int i = 0; i < labels.length; i++) {
            int base = i * width;
            int best = 0;
            for (int c = 1; c < width; c++) {
                if (values[base + c] > values[base + best]) {
                    best = c;
                }
            }
            classes[i] = (byte) best;
            if (best != labels[i]) {
                wrong[i >>> 6] |= 1L << (i & 63);
            }
        }
        return new Predictions(classes, wrong);
    }
}
