package org.dlgrader.isolation;

/** A worker that could not finish a job: it crashed, hung or broke a limit. The message says which. */
final class WorkerFailure extends Exception {
    WorkerFailure(String message) {
        super(message);
    }
}
