package org.dlgrader.grading;

/**
 * An assignment file that cannot be used as it is: the teacher's to fix, never a student's score.
 * The message names the file, the exercise, the check and the key, and the nearest valid name.
 */
public final class AssignmentError extends RuntimeException {

    public AssignmentError(String message) {
        super(message);
    }
}
