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

    public List<Score> scores() {
        return exercises.stream().flatMap(e -> e.scores().stream()).toList();
    }
}
