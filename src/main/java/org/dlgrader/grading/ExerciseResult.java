package org.dlgrader.grading;

import java.util.List;

/** One exercise of one student: the file graded (null if none), its scores and observations. */
public record ExerciseResult(ExerciseSpec exercise, String file, String modelDescription, List<Score> scores,
        List<String> notes, List<org.dlgrader.plot.Figure> figures, int[][] confusion, double seconds) {

    public double points() {
        return scores.stream().mapToDouble(Score::points).sum();
    }
}
