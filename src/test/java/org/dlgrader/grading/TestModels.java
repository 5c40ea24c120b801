package org.dlgrader.grading;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
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

    /**
     * {@code model} handed in as {@code name} by a test student whose folder is made in {@code dir},
     * graded for {@code exercise} of {@code assignment} as a class run grades it, in this process.
     */
    static ExerciseResult graded(Path dir, Assignment assignment, String exercise, Path model, String name) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("2024999-test"));
        Files.copy(model, folder.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        ExerciseSpec spec = assignment.exercises().stream().filter(e -> e.id().equals(exercise)).findFirst().orElseThrow();
        try (Grader grader = new Grader(assignment, new LocalRunner(), null)) {
            return grader.grade(new Submission("2024999", "test", null, folder), spec);
        }
    }

    /** The model's own notes and the task's, as a student's page lists them. */
    static List<String> notes(Path file, Exercise exercise, long seed) throws ModelRejected {
        ModelRun run = run(file, exercise, seed);
        if (!(run instanceof ModelRun.Outputs outputs)) {
            throw new ModelRejected(String.valueOf(run));
        }
        List<String> notes = new ArrayList<>(outputs.notes());
        notes.addAll(exercise.task().evaluate(outputs.outputs(), outputs.declaresSoftmax(), seed).notes());
        return notes;
    }
}
