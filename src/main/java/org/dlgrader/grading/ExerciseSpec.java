package org.dlgrader.grading;

import java.util.List;

/**
 * One exercise of the assignment: which files a student may hand in for it, what data it is
 * scored on and its checks; or, for an exercise no model can show (screenshots of the lesson's
 * code run), only its points, which the teacher gives by hand ({@link ManualGrades}).
 *
 * @param manualPoints the points of an exercise graded by hand; null for one graded from a model file
 * @param architecture the networks it accepts; any that fits the shapes when not given
 */
public record ExerciseSpec(String id, String title, List<String> files, String task, List<Check> checks,
        org.dlgrader.grading.integrity.IntegrityRules integrity, Double manualPoints, Architecture architecture) {

    public ExerciseSpec {
        architecture = architecture == null ? Architecture.ANY : architecture;
        integrity = integrity == null ? org.dlgrader.grading.integrity.IntegrityRules.IDENTICAL_FILES_ONLY : integrity;
        files = files == null ? List.of() : List.copyOf(files);
        checks = checks == null ? List.of() : List.copyOf(checks);
    }

    public ExerciseSpec(String id, String title, List<String> files, String task, List<Check> checks,
            org.dlgrader.grading.integrity.IntegrityRules integrity, Double manualPoints) {
        this(id, title, files, task, checks, integrity, manualPoints, null);
    }

    public ExerciseSpec(String id, String title, List<String> files, String task, List<Check> checks,
            org.dlgrader.grading.integrity.IntegrityRules integrity) {
        this(id, title, files, task, checks, integrity, null);
    }

    public ExerciseSpec(String id, String title, List<String> files, String task, List<Check> checks) {
        this(id, title, files, task, checks, null, null);
    }

    /** An exercise the teacher grades by hand, out of {@code points}. */
    public static ExerciseSpec manual(String id, String title, double points) {
        return new ExerciseSpec(id, title, List.of(), null, List.of(), null, points);
    }

    /** Whether the teacher grades it by hand: it has no file, no task and no checks. */
    public boolean manual() {
        return manualPoints != null;
    }

    /** The exercise {@code task} names: what a model is fed and how it is measured. Not for a manual exercise. */
    public org.dlgrader.exercise.Exercise exercise() {
        if (manual()) {
            throw new IllegalStateException(id + " is graded by hand: it has no task");
        }
        return org.dlgrader.exercise.Exercises.byId(task);
    }

    public double maxPoints() {
        return manual() ? manualPoints : checks.stream().mapToDouble(Check::points).sum();
    }
}
