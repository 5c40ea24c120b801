package org.dlgrader.exercise;

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

    /**
     * Saves the trained model as {@code folder/<id>-0000.params}, replacing the last run's. DJL
     * numbers a save after the newest file already there, so without this every run of {@code train}
     * left one more file beside the old ones.
     */
    static void saveModel(ai.djl.Model model, java.nio.file.Path folder, String id) throws java.io.IOException {
        java.nio.file.Files.createDirectories(folder);
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(folder)) {
            for (java.nio.file.Path old : files.filter(f -> f.getFileName().toString().matches(java.util.regex.Pattern.quote(id)
                    + "-\\d{4}\\.params")).toList()) {
                java.nio.file.Files.delete(old);
            }
        }
        model.save(folder, id);
    }
}
