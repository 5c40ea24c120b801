package org.dlgrader.grading;

/** The folder a run was asked to grade does not exist or holds no student: the caller's to fix. */
public final class SelectionError extends RuntimeException {

    public SelectionError(String message) {
        super(message);
    }
}
