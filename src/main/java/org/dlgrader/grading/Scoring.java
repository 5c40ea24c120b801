package org.dlgrader.grading;

import java.util.ArrayList;
import java.util.List;
import org.dlgrader.exercise.Evaluation;
import org.dlgrader.plot.Figure;

/**
 * Turns a measurement into points by the assignment's current rules: the gates (file handed in,
 * model loads, output shape, finite outputs) and then every check. Run on fresh and stored
 * measurements alike, so a rule changed in the assignment applies to every student at once.
 */
public final class Scoring {

    private Scoring() {
    }

    public static ExerciseResult result(ExerciseSpec spec, Measurement m, long seed) {
        String id = spec.id();
        List<Score> scores = new ArrayList<>();
        List<Figure> figures = List.of();
        switch (m.outcome()) {
            case MISSING -> {
                scores.add(Score.gate(id, Gate.FILE, false, m.reason()));
                zeroChecks(spec, scores, "no model file was handed in");
            }
            case REFUSED -> {
                scores.add(Score.gate(id, Gate.FILE, true, "graded " + m.file()));
                scores.add(Score.gate(id, Gate.LOADS, false, m.reason()));
                zeroChecks(spec, scores, "the model could not be loaded");
            }
            case NOT_GRADABLE -> {
                scores.add(Score.gate(id, Gate.FILE, true, "graded " + m.file()));
                scores.add(Score.gate(id, Gate.LOADS, false, "not gradable: " + m.reason()));
                zeroChecks(spec, scores, "the model could not be graded");
            }
            case GRADER_ERROR -> {
                scores.add(Score.gate(id, Gate.FILE, true, "found " + m.file()));
                scores.add(Score.gate(id, Gate.LOADS, false, "not graded, because of a problem with the grader, not with "
                        + m.file() + ": " + m.reason()));
                zeroChecks(spec, scores, "not graded (a grader error, not the student's)");
            }
            case MEASURED -> {
                scores.add(Score.gate(id, Gate.FILE, true, "graded " + m.file()));
                scores.add(Score.gate(id, Gate.LOADS, true, m.file() + " loaded as " + m.model()));
                Evaluation evaluation = m.evaluation();
                int outputs = spec.exercise().task().outputs();
                if (evaluation.shapeProblem() != null) {
                    scores.add(Score.gate(id, Gate.SHAPE, false, m.file() + ": " + evaluation.shapeProblem()));
                    zeroChecks(spec, scores, "the output shape is wrong");
                } else if (!evaluation.finite()) {
                    scores.add(Score.gate(id, Gate.SHAPE, true, outputs + " output(s) per example"));
                    scores.add(Score.gate(id, Gate.FINITE, false, m.file() + " gives NaN or infinite outputs: "
                            + "training diverged (learning rate too high?) or the weights are damaged"));
                    zeroChecks(spec, scores, "the outputs are NaN or infinite");
                } else {
                    scores.add(Score.gate(id, Gate.SHAPE, true, outputs + " output(s) per example"));
                    scores.add(Score.gate(id, Gate.FINITE, true, "all outputs are finite numbers"));
                    for (Check check : spec.checks()) {
                        Double value = evaluation.metrics().get(check.metric());
                        scores.add(value == null
                                ? check.zero(id, "metric '" + check.metric() + "' is not measured for " + id)
                                : check.score(id, value));
                    }
                    figures = spec.exercise().task().figures(evaluation, seed);
                }
            }
        }
        return new ExerciseResult(spec, m, scores, figures);
    }

    private static void zeroChecks(ExerciseSpec spec, List<Score> scores, String reason) {
        for (Check check : spec.checks()) {
            scores.add(check.zero(spec.id(), reason));
        }
    }
}
