package org.dlgrader.exercise;

import java.util.List;
import java.util.Map;
import org.dlgrader.model.LoadedModel;
import org.dlgrader.model.ModelRejected;

/**
 * How one exercise evaluates a student's model on held-out data: the metrics its checks read.
 * Each exercise's package holds its task beside its reference trainer.
 */
public interface Task {

    /** Values per example the model is fed. */
    int inputFeatures();

    /** Outputs per example the model must give. */
    int outputWidth();

    Evaluation evaluate(LoadedModel model, long seed) throws ModelRejected;

    /** The loader's observations (known once the model has run) before the task's own. */
    static List<String> withModelNotes(LoadedModel model, List<String> own) {
        List<String> all = new java.util.ArrayList<>(model.notes());
        all.addAll(own);
        return all;
    }

    /**
     * Metrics by name (accuracy, loss, mse, w, b), observations for the student, output sanity,
     * the pictures that explain the score and, for classifiers, the confusion matrix
     * ({@code confusion[true][predicted]}).
     */
    record Evaluation(Map<String, Double> metrics, List<String> notes, boolean finite, String shapeProblem,
            List<org.dlgrader.plot.Figure> figures, int[][] confusion) {

        /** The model gives the wrong number of outputs ({@code problem} says so): nothing to score. */
        public static Evaluation wrongShape(LoadedModel model, String problem) {
            return new Evaluation(Map.of(), withModelNotes(model, List.of()), true, problem, List.of(), null);
        }

        /** The model gives NaN or infinite outputs: nothing to score. */
        public static Evaluation notFinite(LoadedModel model) {
            return new Evaluation(Map.of(), withModelNotes(model, List.of()), false, null, List.of(), null);
        }
    }
}
