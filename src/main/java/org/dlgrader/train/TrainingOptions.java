package org.dlgrader.train;

import ai.djl.Device;
import java.nio.file.Path;

/**
 * How to run a reference: the lesson's recipe by default, or a short version for tests.
 *
 * @param seed seeds data generation, shuffling and weight initialisation; same seed, same numbers
 * @param device where tensors live
 * @param epochs 0 for the lesson's number of epochs
 * @param trainLimit 0 for the whole training set, else the first n examples
 * @param progress whether to draw a progress bar on standard error
 * @param output the exercise's folder, {@code reference/<id>/}
 */
public record TrainingOptions(long seed, Device device, int epochs, int trainLimit, boolean progress, Path output) {

    public static final long DEFAULT_SEED = 42;

    public int epochsOr(int lessonEpochs) {
        return epochs > 0 ? epochs : lessonEpochs;
    }

    public int limit(int available) {
        return trainLimit > 0 ? Math.min(trainLimit, available) : available;
    }

    public TrainingOptions withOutput(Path folder) {
        return new TrainingOptions(seed, device, epochs, trainLimit, progress, folder);
    }
}
