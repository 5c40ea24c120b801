package org.dlgrader.model;

import java.util.List;

/**
 * One model to load and run: the file, as {@link ModelLoaders} recognised it, what it is fed, and
 * the rows to feed it. {@code carriesCode} is the recognised format's, so that a runner can decide
 * where code may run before anything reads the file's contents.
 */
public record ModelJob(ModelFile file, ModelLoader loader, InputSpec spec, List<InputRows> inputs) {

    public boolean carriesCode() {
        return loader.carriesCode();
    }
}
