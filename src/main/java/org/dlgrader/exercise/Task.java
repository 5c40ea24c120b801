package org.dlgrader.exercise;

import java.util.List;
import java.util.Set;
import org.dlgrader.model.InputRows;
import org.dlgrader.model.LoadedModel;
import org.dlgrader.plot.Figure;

/**
 * How one kind of exercise is examined: the rows a model is fed, what is measured on its outputs,
 * and the pictures that explain the measurement. The answer key (labels, targets) stays here, in
 * the grading process: a model only ever sees {@link #inputs}.
 */
public interface Task {

    /** Values per example the model is fed. */
    int features();

    /** Outputs per example the model must give. */
    int outputs();

    /** The per-example shapes a model may want its rows in, the most usual first: the flat row by default. */
    default List<long[]> layouts() {
        return org.dlgrader.model.InputLayouts.flat(features());
    }

    /** The metrics {@link #evaluate} produces: what an assignment's checks may name. */
    Set<String> metrics();

    /**
     * Whether {@code value} could be a measurement of {@code metric} at all (an accuracy in [0, 1],
     * an error that is not negative): what a stored measurement must satisfy to be believed.
     */
    default boolean plausible(String metric, double value) {
        return Double.isFinite(value) && (!metric.equals("accuracy") || (value >= 0 && value <= 1))
                && (!(metric.equals("mse") || metric.equals("loss")) || value >= 0);
    }

    /** Names of the classes, in label order, for classifiers; empty for regressions. */
    default List<String> classNames() {
        return List.of();
    }

    /**
     * The true class of each row of the first of {@link #inputs}, for classifiers: which answers are
     * mistakes, for comparing two students' mistakes. Null for regressions.
     */
    default int[] classLabels(long seed) {
        return null;
    }

    /**
     * The true value of each row of the first of {@link #inputs}, for regressions whose targets have
     * no noise (then two models' errors are their own): for comparing two students' errors. Null otherwise.
     */
    default float[] targets(long seed) {
        return null;
    }

    /** The rows to feed; the same seed gives the same rows. */
    List<InputRows> inputs(long seed);

    /**
     * {@code size} examples of the data the model was meant to learn from, drawn by {@code seed}:
     * an honest model does about as well on them as on the test set or better, one fitted to the
     * public test set clearly worse. Empty for a task without a fixed training set, or when it is not at hand.
     */
    default java.util.Optional<Probe> trainingSample(int size, long seed) {
        return java.util.Optional.empty();
    }

    /**
     * {@code size} test examples, drawn and changed slightly by {@code secret}, which no student
     * knows; empty where the task has none.
     */
    default java.util.Optional<Probe> perturbedTestSet(int size, long secret) {
        return java.util.Optional.empty();
    }

    /** Outputs per example the measured model gave, for the shape line of a page: {@link #outputs()} unless any width is an answer. */
    default int outputsOf(Evaluation evaluation) {
        return outputs();
    }

    /** Measures the model from its outputs, one per {@link #inputs} entry, in the same order. */
    Evaluation evaluate(List<LoadedModel.Output> outputs, boolean declaresSoftmax, long seed);

    /** The pictures that explain {@code evaluation}, drawn from its evidence when a page asks for them. */
    List<Figure> figures(Evaluation evaluation, long seed);
}
