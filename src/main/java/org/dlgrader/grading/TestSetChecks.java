package org.dlgrader.grading;

/**
 * How the grader looks for models that know the public test set, from {@code "testSetChecks"} in
 * the assignment file. What they find goes to the teacher; it never changes points.
 *
 * @param trainingSample training images each classifier is also run on; 0 turns the check off
 * @param maxGap how far test accuracy may exceed the training sample's before it is a finding
 * @param privateSample test images the private check perturbs, drawn by the secret; 0 turns the check off
 * @param maxPrivateDrop how far accuracy may fall on the privately perturbed test set before it is a finding
 * @param showStudents whether a student's page shows the private check's accuracy
 */
public record TestSetChecks(int trainingSample, double maxGap, int privateSample, double maxPrivateDrop, boolean showStudents) {

    /** See {@code assignment.json} for the measurements behind these. */
    public static final TestSetChecks DEFAULTS = new TestSetChecks(4_000, 0.04, 4_000, 0.10, false);
}
