package org.dlgrader.model;

/**
 * A model file that cannot be graded. The message is written for the student: what is wrong,
 * with which file, and what to do about it.
 */
public class ModelRejected extends Exception {
    public ModelRejected(String message) {
        super(message);
    }

    public ModelRejected(String message, Throwable cause) {
        super(message, cause);
    }
}
