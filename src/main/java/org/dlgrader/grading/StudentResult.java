package org.dlgrader.grading;

import java.util.List;

/** Everything graded for one student, and when they handed it in against the deadline. */
public record StudentResult(Submission submission, List<ExerciseResult> exercises, Lateness lateness) {

    public StudentResult {
        lateness = lateness == null ? Lateness.NONE : lateness;
    }

    public StudentResult(Submission submission, List<ExerciseResult> exercises) {
        this(submission, exercises, Lateness.NONE);
    }

    /** Points of all exercises after any late penalty, to the hundredth: a sum of 13.78 is 13.78, not 13.780000000000001. */
    public double points() {
        return lateness.apply(pointsBeforePenalty());
    }

    /** Points of all exercises as graded, before the deadline is applied. */
    public double pointsBeforePenalty() {
        return Math.round(exercises.stream().mapToDouble(ExerciseResult::points).sum() * 100) / 100.0;
    }

    /** Whether an exercise could not be graded for a reason that is the grader's, not the student's. */
    public boolean incomplete() {
        return exercises.stream().anyMatch(e -> e.outcome() == Outcome.GRADER_ERROR);
    }

    public double maxPoints() {
        return exercises.stream().mapToDouble(e -> e.exercise().maxPoints()).sum();
    }


    public List<Score> scores() {
        return exercises.stream().flatMap(e -> e.scores().stream()).toList();
    }
}
