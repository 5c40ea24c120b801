package org.dlgrader.model;

/** Loads and runs models: in this process ({@link LocalRunner}) or in worker processes. */
public interface ModelRunner extends AutoCloseable {

    /** Never throws for a bad file: every outcome is a {@link ModelRun}. */
    ModelRun run(ModelJob job);

    /**
     * Waits until models can be run, and throws with the reason when they cannot (the engine's
     * natives do not load, no worker starts): a check before anyone is graded.
     */
    void ready();

    @Override
    default void close() {
    }
}
