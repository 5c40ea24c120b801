package org.dlgrader.grading;

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
 * Grades one student: for each exercise, finds the file, loads it, evaluates it and scores every
 * check. Whatever goes wrong with one file is that exercise's zero with a reason; it never stops
 * the other exercises or students.
 */
public final class Grader {

    public static final String FOUND = "model file";
    public static final String LOADED = "model loads";
    public static final String SHAPE = "output shape";
    public static final String FINITE = "outputs finite";

    private final Assignment assignment;

    public Grader(Assignment assignment) {
        this.assignment = assignment;
    }

    public Assignment assignment() {
        return assignment;
    }

    public StudentResult grade(Submission submission) {
        List<ExerciseResult> results = new ArrayList<>();
        for (ExerciseSpec exercise : assignment.exercises()) {
            results.add(grade(submission, exercise));
        }
        return new StudentResult(submission, results);
    }

    ExerciseResult grade(Submission submission, ExerciseSpec exercise) {
        long start = System.nanoTime();
        List<Score> scores = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<Figure> figures = new ArrayList<>();
        int[][] confusion = null;
        Path file = find(submission.folder(), exercise);
        if (file == null) {
            scores.add(Score.gate(exercise.id(), FOUND, false, "no model file for " + exercise.id() + " in "
                    + submission.folder().getFileName() + "; accepted names: " + String.join(", ", exercise.files())));
            zeroChecks(exercise, scores, "no model file was handed in");
            return new ExerciseResult(exercise, null, null, scores, notes, figures, null, seconds(start));
        }
        String fileName = file.getFileName().toString();
        scores.add(Score.gate(exercise.id(), FOUND, true, "graded " + fileName));
        Reference reference = References.byId(exercise.task());
        Task task = reference.task();
        String description = null;
        try (LoadedModel model = ModelLoaders.load(file, reference)) {
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
                    if (value == null) {
                        scores.add(check.zero(exercise.id(), "metric '" + check.metric() + "' is not measured for " + exercise.id()));
                    } else {
                        scores.add(check.score(exercise.id(), value));
                    }
                }
            }
        } catch (ModelRejected e) {
            scores.add(Score.gate(exercise.id(), LOADED, false, e.getMessage()));
            zeroChecks(exercise, scores, "the model could not be loaded");
        } catch (RuntimeException | OutOfMemoryError e) {
            scores.add(Score.gate(exercise.id(), LOADED, false, fileName + " could not be evaluated: " + e));
            zeroChecks(exercise, scores, "the model could not be evaluated");
        }
        return new ExerciseResult(exercise, fileName, description, scores, notes, figures, confusion, seconds(start));
    }

    /** The first accepted name present as a regular file inside the student's folder (links are not followed). */
    static Path find(Path folder, ExerciseSpec exercise) {
        for (String name : exercise.files()) {
            Path candidate = folder.resolve(name).normalize();
            if (candidate.startsWith(folder.normalize()) && Files.isRegularFile(candidate, LinkOption.NOFOLLOW_LINKS)) {
                return candidate;
            }
        }
        return null;
    }

    private static void zeroChecks(ExerciseSpec exercise, List<Score> scores, String reason) {
        for (CheckSpec check : exercise.checks()) {
            scores.add(check.zero(exercise.id(), reason));
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
