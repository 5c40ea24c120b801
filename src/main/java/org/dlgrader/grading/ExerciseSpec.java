package org.dlgrader.grading;

import java.util.List;

/**
 * One exercise of the assignment: which files a student may hand in for it, what data it is
 * scored on and its checks.
 */
public record ExerciseSpec(String id, String title, List<String> files, String task, List<Check> checks,
        org.dlgrader.grading.integrity.IntegrityRules integrity) {

    public ExerciseSpec {
        integrity = integrity == null ? org.dlgrader.grading.integrity.IntegrityRules.IDENTICAL_FILES_ONLY : integrity;
    }

    public ExerciseSpec(String id, String title, List<String> files, String task, List<Check> checks) {
        this(id, title, files, task, checks, null);
    }

    /** The exercise {@code task} names: what a model is fed and how it is measured. */
    public org.dlgrader.exercise.Exercise exercise() {
        return org.dlgrader.exercise.Exercises.byId(task);
    }

    public double maxPoints() {
        return checks.stream().mapToDouble(Check::points).sum();
    }
}
