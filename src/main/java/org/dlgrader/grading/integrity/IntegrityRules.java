package org.dlgrader.grading.integrity;

/**
 * Which signs of copying an exercise looks for, and the bars, from the exercise's {@code "integrity"}
 * block in {@code assignment.json}. Exercises whose honest answers coincide by nature (every good
 * linear fit is w ≈ 5, b ≈ 7) look for identical files only.
 *
 * @param identicalFile whether two students handing in the same file is reported
 * @param sameWeights the share of hidden units two models must have in common to be reported; null: not compared
 * @param sharedMistakes the share of either model's mistakes both must make alike to be reported; null: not compared
 */
public record IntegrityRules(boolean identicalFile, Double sameWeights, Double sharedMistakes) {

    /** What an exercise without an {@code "integrity"} block is checked for. */
    public static final IntegrityRules IDENTICAL_FILES_ONLY = new IntegrityRules(true, null, null);
}
