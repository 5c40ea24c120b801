package org.dlgrader.grading;

/**
 * The outcome of one check for one student: points out of the maximum, the measured value (NaN
 * when nothing could be measured) and a sentence a student understands.
 */
public record Score(String exercise, String check, double points, double maxPoints, boolean passed, double value,
        String requirement, Double reference, String message, boolean pending) {

    public Score(String exercise, String check, double points, double maxPoints, boolean passed, double value,
            String requirement, Double reference, String message) {
        this(exercise, check, points, maxPoints, passed, value, requirement, reference, message, false);
    }

    /**
     * Whether the student has something to fix: not passed, and not a manual exercise waiting for
     * the teacher ({@code pending}), which is nobody's failure yet.
     */
    public boolean failed() {
        return !passed && !pending;
    }

    /** A gate (model found, loaded, finite, right shape): no points of its own. */
    static Score gate(String exercise, Gate gate, boolean passed, String message) {
        return new Score(exercise, gate.title(), 0, 0, passed, Double.NaN, "", null, message);
    }

    /** Whether this line is a gate rather than a check with points. */
    public boolean isGate() {
        return maxPoints == 0;
    }

    /** The test name: starts with the exercise id, as Gradescope groups by it. */
    public String testName() {
        return exercise + ": " + check;
    }
}
