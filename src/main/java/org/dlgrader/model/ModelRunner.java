package org.dlgrader.model;

/** Loads and runs models: in this process ({@link LocalRunner}) or in worker processes. */
public interface ModelRunner extends AutoCloseable {

    /** Never throws for a bad file: every outcome is a {@link ModelRun}. */
    ModelRun run(ModelJob job);

    @Override
    default void close() {
    }
}
