package org.dlgrader.grading;

import java.util.ArrayList;
import java.util.List;
import org.dlgrader.plot.Figure;

/**
 * One exercise of one student: what was measured, the points the current rules give for it, and
 * the pictures that explain them (drawn when a page asks).
 */
public record ExerciseResult(ExerciseSpec exercise, Measurement measurement, List<Score> scores, List<Figure> figures) {

    public double points() {
        return Math.round(scores.stream().mapToDouble(Score::points).sum() * 100) / 100.0;
    }

    /** Not graded because of the grader: no points to show, not even zero. */
    public boolean notGraded() {
        return outcome() == Outcome.GRADER_ERROR;
    }

    public Outcome outcome() {
        return measurement.outcome();
    }

    /** The file graded, or null when none was handed in. */
    public String file() {
        return measurement.file();
    }

    public String modelDescription() {
        return measurement.model();
    }

    /** What the loader and the task noticed, in that order. */
    public List<String> notes() {
        List<String> notes = new ArrayList<>(measurement.modelNotes());
        if (measurement.evaluation() != null) {
            notes.addAll(measurement.evaluation().notes());
        }
        return notes;
    }

    /** {@code confusion[true][predicted]} for classifiers that were measured, else null. */
    public int[][] confusion() {
        double[] flat = measurement.evaluation() == null ? null : measurement.evaluation().evidence().get("confusion");
        if (flat == null) {
            return null;
        }
        int classes = (int) Math.round(Math.sqrt(flat.length));
        int[][] matrix = new int[classes][classes];
        for (int i = 0; i < classes * classes && i < flat.length; i++) {
            matrix[i / classes][i % classes] = (int) flat[i];
        }
        return matrix;
    }

    public double seconds() {
        return measurement.seconds();
    }
}
