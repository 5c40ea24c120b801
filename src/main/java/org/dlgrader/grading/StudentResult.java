package org.dlgrader.grading;

import java.util.List;

/** Everything graded for one student. */
public record StudentResult(Submission submission, List<ExerciseResult> exercises) {

    public double points() {
        return exercises.stream().mapToDouble(ExerciseResult::points).sum();
    }

    public double maxPoints() {
        return exercises.stream().mapToDouble(e -> e.exercise().maxPoints()).sum();
    }

    /** One line for a console: id, name, points out of the maximum. */
    public String summary() {
        return String.format(java.util.Locale.ROOT, "%-12s %-20s %6.2f / %.0f", submission.studentId(), submission.name(), points(), maxPoints());
    }

    public List<Score> scores() {
        return exercises.stream().flatMap(e -> e.scores().stream()).toList();
    }
}
