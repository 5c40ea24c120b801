package org.dlgrader.isolation;

/** A worker that could not finish a job: it crashed, hung or broke a limit. The message says which. */
final class WorkerFailure extends Exception {

    private final boolean shared;

    WorkerFailure(String message) {
        this(message, false);
    }

    /**
     * @param shared the worker was running other models too when it failed, so this one may be
     *     innocent: it must be evaluated again alone before anyone is blamed
     */
    WorkerFailure(String message, boolean shared) {
        super(message);
        this.shared = shared;
    }

    boolean shared() {
        return shared;
    }
}
