package org.dlgrader.grading;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dlgrader.exercise.Reference;
import org.dlgrader.exercise.References;
import org.dlgrader.exercise.Task;
import org.dlgrader.model.LoadedModel;
import org.dlgrader.model.ModelRejected;
import org.dlgrader.plot.Figure;

/**
 * Grades one student in this process: for each exercise, finds the file, loads it, evaluates it
 * and scores every check. Whatever goes wrong with one file is that exercise's zero with a reason;
 * it never stops the other exercises or students. {@link org.dlgrader.isolation.IsolatedGrader}
 * runs the {@link #evaluate} half in worker processes instead.
 */
public final class Grader implements StudentGrader {

    public static final String FOUND = "model file";
    public static final String LOADED = "model loads";
    public static final String SHAPE = "output shape";
    public static final String FINITE = "outputs finite";

    private final Assignment assignment;

    public Grader(Assignment assignment) {
        this.assignment = assignment;
    }

    @Override
    public Assignment assignment() {
        return assignment;
    }

    @Override
    public ExerciseResult grade(Submission submission, ExerciseSpec exercise) {
        Located located = locate(submission, exercise, assignment.limits());
        return located.problem() != null ? located.problem() : evaluate(exercise, located.file());
    }

    /** The file to grade, or the result that says why there is none to grade. */
    public record Located(Path file, ExerciseResult problem) {
    }

    /**
     * The first accepted name present in the student's folder, checked before anything reads it:
     * a regular file (links are not followed, so nothing outside the folder is read), within the size limit.
     */
    public static Located locate(Submission submission, ExerciseSpec exercise, Limits limits) {
        Path folder = submission.folder().toAbsolutePath().normalize();
        for (String name : exercise.files()) {
            Path candidate = folder.resolve(name).normalize();
            if (!candidate.startsWith(folder) || !Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            if (Files.isSymbolicLink(candidate)) {
                return new Located(null, notGradable(exercise, name, name + " is a symbolic link. The grader reads only real "
                        + "files inside your folder, never what a link points to: put the model file itself there."));
            }
            if (!Files.isRegularFile(candidate, LinkOption.NOFOLLOW_LINKS)) {
                return new Located(null, notGradable(exercise, name, name + " is a folder, not a model file."));
            }
            try {
                long megabytes = Files.size(candidate) >> 20;
                if (megabytes > limits.maxFileMb()) {
                    return new Located(null, notGradable(exercise, name, String.format("%s is %d MB, over the %d MB limit for "
                            + "one model (limits.maxFileMb); the lesson's models are under 3 MB. Did you save the optimizer or the "
                            + "data set with it? Save only model.state_dict().", name, megabytes, limits.maxFileMb())));
                }
            } catch (IOException e) {
                return new Located(null, notGradable(exercise, name, name + " could not be read: " + e.getMessage()));
            }
            return new Located(candidate, null);
        }
        List<Score> scores = new ArrayList<>();
        scores.add(Score.gate(exercise.id(), FOUND, false, "no model file for " + exercise.id() + " in "
                + submission.folder().getFileName() + "; accepted names: " + String.join(", ", exercise.files())));
        zeroChecks(exercise, scores, "no model file was handed in");
        return new Located(null, new ExerciseResult(exercise, null, null, scores, List.of(), List.of(), null, 0));
    }

    /** An exercise that has a file but cannot be graded: zero points, with the reason. */
    public static ExerciseResult notGradable(ExerciseSpec exercise, String file, String reason) {
        List<Score> scores = new ArrayList<>();
        scores.add(Score.gate(exercise.id(), FOUND, true, "graded " + file));
        scores.add(Score.gate(exercise.id(), LOADED, false, "not gradable: " + reason));
        zeroChecks(exercise, scores, "the model could not be graded");
        return new ExerciseResult(exercise, file, null, scores, List.of(), List.of(), null, 0);
    }

    /** Loads and evaluates {@code file} as {@code exercise}'s model; never throws for a bad file. */
    public ExerciseResult evaluate(ExerciseSpec exercise, Path file) {
        long start = System.nanoTime();
        List<Score> scores = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<Figure> figures = new ArrayList<>();
        int[][] confusion = null;
        String fileName = file.getFileName().toString();
        scores.add(Score.gate(exercise.id(), FOUND, true, "graded " + fileName));
        Reference reference = References.byId(exercise.task());
        Task task = reference.task();
        String description = null;
        try (LoadedModel model = ModelLoaders.load(file, reference, assignment.limits())) {
            description = model.description();
            scores.add(Score.gate(exercise.id(), LOADED, true, fileName + " loaded as " + description));
            Task.Evaluation evaluation = task.evaluate(model, assignment.seed());
            notes.addAll(evaluation.notes());
            figures.addAll(evaluation.figures());
            confusion = evaluation.confusion();
            if (evaluation.shapeProblem() != null) {
                scores.add(Score.gate(exercise.id(), SHAPE, false, fileName + ": " + evaluation.shapeProblem()));
                zeroChecks(exercise, scores, "the output shape is wrong");
            } else if (!evaluation.finite()) {
                scores.add(Score.gate(exercise.id(), SHAPE, true, task.outputWidth() + " output(s) per example"));
                scores.add(Score.gate(exercise.id(), FINITE, false, fileName + " gives NaN or infinite outputs: "
                        + "training diverged (learning rate too high?) or the weights are damaged"));
                zeroChecks(exercise, scores, "the outputs are NaN or infinite");
            } else {
                scores.add(Score.gate(exercise.id(), SHAPE, true, task.outputWidth() + " output(s) per example"));
                scores.add(Score.gate(exercise.id(), FINITE, true, "all outputs are finite numbers"));
                for (CheckSpec check : exercise.checks()) {
                    Double value = evaluation.metrics().get(check.metric());
                    scores.add(value == null
                            ? check.zero(exercise.id(), "metric '" + check.metric() + "' is not measured for " + exercise.id())
                            : check.score(exercise.id(), value));
                }
            }
        } catch (ModelRejected e) {
            scores.add(Score.gate(exercise.id(), LOADED, false, e.getMessage()));
            zeroChecks(exercise, scores, "the model could not be loaded");
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            scores.add(Score.gate(exercise.id(), LOADED, false, fileName + " could not be evaluated: " + e));
            zeroChecks(exercise, scores, "the model could not be evaluated");
        }
        return new ExerciseResult(exercise, fileName, description, scores, notes, figures, confusion, (System.nanoTime() - start) / 1e9);
    }

    private static void zeroChecks(ExerciseSpec exercise, List<Score> scores, String reason) {
        for (CheckSpec check : exercise.checks()) {
            scores.add(check.zero(exercise.id(), reason));
        }
    }
}
