package org.dlgrader.grading;

/**
 * The outcome of one check for one student: points out of the maximum, the measured value (NaN
 * when nothing could be measured) and a sentence a student understands.
 */
public record Score(String exercise, String check, double points, double maxPoints, boolean passed, double value,
        String requirement, Double reference, String message) {

    /** A gate (model found, loaded, finite, right shape): no points of its own. */
    static Score gate(String exercise, String check, boolean passed, String message) {
        return new Score(exercise, check, 0, 0, passed, Double.NaN, "", null, message);
    }

    /** The test name: starts with the exercise id, as Gradescope groups by it. */
    public String testName() {
        return exercise + ": " + check;
    }
}
