package org.dlgrader.exercise;

import org.dlgrader.train.TrainingOptions;

/**
 * The reference implementation of one lesson exercise: trains with the lesson's recipe and writes
 * its model, metrics and pictures into {@code reference/<id>/}.
 *
 * <p>Each exercise lives in its own package ({@code exercise.linear}, {@code exercise.fashionmlp},
 * ...) with its data, its network and this trainer side by side.
 */
public interface Reference {

    /** The exercise id used in folder names, the assignment file and reports. */
    String id();

    /** One line for the command line's list. */
    String description();

    ReferenceResult train(TrainingOptions options) throws java.io.IOException;

}
