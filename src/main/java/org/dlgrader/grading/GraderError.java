package org.dlgrader.grading;

/**
 * A problem that stops a grading run and is nobody's score: the data set is missing, no worker can
 * start, the selected folder does not exist. Said once, with what to do, and the run exits non-zero.
 */
public final class GraderError extends RuntimeException {

    public GraderError(String message) {
        super(message);
    }

    public GraderError(String message, Throwable cause) {
        super(message, cause);
    }
}
