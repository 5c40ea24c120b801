package org.dlgrader.exercise;

import java.util.List;
import java.util.Map;

/**
 * What a task measured on a model's outputs: metrics by name (accuracy, loss, mse, w, b),
 * observations for the student, and the numbers the explaining pictures are drawn from
 * ({@code evidence}: a confusion matrix, predicted probabilities, an error grid). Only numbers and
 * sentences written by the task: an evaluation can be stored and drawn again without the model.
 *
 * @param shapeProblem the outputs have the wrong shape, in words; null when they fit
 * @param finite false when some output is NaN or infinite
 */
public record Evaluation(Map<String, Double> metrics, List<String> notes, String shapeProblem, boolean finite,
        Map<String, double[]> evidence) {

    public Evaluation {
        metrics = Map.copyOf(metrics);
        notes = List.copyOf(notes);
        evidence = Map.copyOf(evidence);
    }

    /** The model gives the wrong number of outputs: nothing to score. */
    public static Evaluation wrongShape(String problem) {
        return new Evaluation(Map.of(), List.of(), problem, true, Map.of());
    }

    /** The model gives NaN or infinite outputs: nothing to score. */
    public static Evaluation notFinite() {
        return new Evaluation(Map.of(), List.of(), null, false, Map.of());
    }

    /** This evaluation with one more metric. */
    public Evaluation withMetric(String name, double value) {
        Map<String, Double> more = new java.util.LinkedHashMap<>(metrics);
        more.put(name, value);
        return new Evaluation(more, notes, shapeProblem, finite, evidence);
    }

    /** This evaluation with one more observation for the student. */
    public Evaluation withNote(String note) {
        List<String> more = new java.util.ArrayList<>(notes);
        more.add(note);
        return new Evaluation(metrics, more, shapeProblem, finite, evidence);
    }

    public boolean measured() {
        return shapeProblem == null && finite;
    }
}
