package org.dlgrader.grading;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.dlgrader.exercise.Evaluation;
import org.dlgrader.exercise.Exercise;
import org.dlgrader.model.LocalRunner;
import org.dlgrader.model.ModelFile;
import org.dlgrader.model.ModelJob;
import org.dlgrader.model.ModelLoader;
import org.dlgrader.model.ModelLoaders;
import org.dlgrader.model.ModelRejected;
import org.dlgrader.model.ModelRun;

/** A model file loaded, run on an exercise's rows and measured, in this process, as a worker does it. */
final class TestModels {

    private TestModels() {
    }

    static ModelRun run(Path file, Exercise exercise, long seed) {
        try {
            ModelFile model = ModelFile.of(file);
            ModelLoader loader = ModelLoaders.detect(model, Limits.DEFAULTS.maxUnpackedMb());
            return new LocalRunner().run(new ModelJob(model, loader, exercise.inputSpec(), exercise.task().inputs(seed)));
        } catch (ModelRejected e) {
            return new ModelRun.Refused(e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The measurement; a refusal is thrown as {@link ModelRejected} with the student's message. */
    static Evaluation evaluate(Path file, Exercise exercise, long seed) throws ModelRejected {
        ModelRun run = run(file, exercise, seed);
        if (run instanceof ModelRun.Outputs outputs) {
            return exercise.task().evaluate(outputs.outputs(), outputs.declaresSoftmax(), seed);
        }
        if (run instanceof ModelRun.Refused refused) {
            throw new ModelRejected(refused.message());
        }
        throw new AssertionError("unexpected " + run);
    }

    /** The model's own notes and the task's, as a student's page lists them. */
    static java.util.List<String> notes(Path file, Exercise exercise, long seed) throws ModelRejected {
        ModelRun run = run(file, exercise, seed);
        if (!(run instanceof ModelRun.Outputs outputs)) {
            throw new ModelRejected(String.valueOf(run));
        }
        java.util.List<String> notes = new java.util.ArrayList<>(outputs.notes());
        notes.addAll(exercise.task().evaluate(outputs.outputs(), outputs.declaresSoftmax(), seed).notes());
        return notes;
    }
}
