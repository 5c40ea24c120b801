package org.dlgrader.grading;

import static org.dlgrader.i18n.Messages.tr;

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
                zeroChecks(spec, scores, tr("grading.scoring.noFile"));
            }
            case REFUSED -> {
                scores.add(Score.gate(id, Gate.FILE, true, tr("grading.scoring.graded", m.file())));
                scores.add(Score.gate(id, Gate.LOADS, false, m.reason()));
                zeroChecks(spec, scores, tr("grading.scoring.notLoaded"));
            }
            case NOT_GRADABLE -> {
                scores.add(Score.gate(id, Gate.FILE, true, tr("grading.scoring.graded", m.file())));
                scores.add(Score.gate(id, Gate.LOADS, false, tr("grading.scoring.notGradable", m.reason())));
                zeroChecks(spec, scores, tr("grading.scoring.couldNotGrade"));
            }
            case GRADER_ERROR -> {
                scores.add(Score.gate(id, Gate.FILE, true, tr("grading.scoring.found", m.file())));
                scores.add(Score.gate(id, Gate.LOADS, false, tr("grading.scoring.graderProblem", m.file(), m.reason())));
                zeroChecks(spec, scores, tr("grading.scoring.graderError"));
            }
            case MEASURED -> {
                scores.add(Score.gate(id, Gate.FILE, true, tr("grading.scoring.graded", m.file())));
                scores.add(Score.gate(id, Gate.LOADS, true, tr("grading.scoring.loadedAs", m.file(), m.model())));
                Evaluation evaluation = m.evaluation();
                int outputs = spec.exercise().task().outputsOf(evaluation);
                if (evaluation.shapeProblem() != null) {
                    scores.add(Score.gate(id, Gate.SHAPE, false, tr("grading.scoring.fileProblem", m.file(), evaluation.shapeProblem())));
                    zeroChecks(spec, scores, tr("grading.scoring.wrongShape"));
                } else if (!evaluation.finite()) {
                    scores.add(Score.gate(id, Gate.SHAPE, true, tr("grading.scoring.outputsPerExample", outputs)));
                    scores.add(Score.gate(id, Gate.FINITE, false, tr("grading.scoring.notFinite", m.file())));
                    zeroChecks(spec, scores, tr("grading.scoring.notFiniteShort"));
                } else {
                    scores.add(Score.gate(id, Gate.SHAPE, true, tr("grading.scoring.outputsPerExample", outputs)));
                    scores.add(Score.gate(id, Gate.FINITE, true, tr("grading.scoring.finite")));
                    for (Check check : spec.checks()) {
                        Double value = evaluation.metrics().get(check.metric());
                        scores.add(value == null
                                ? check.zero(id, tr("grading.scoring.metricNotMeasured", check.metric(), id))
                                : check.score(id, value));
                    }
                    figures = spec.exercise().task().figures(evaluation, seed);
                }
            }
        }
        return new ExerciseResult(spec, m, scores, figures);
    }

    /**
     * An exercise the teacher grades by hand: the row of {@code grades-manual.csv}, or "not graded
     * yet" without one: 0 points that wait for the teacher, never a failure of the student's.
     */
    public static ExerciseResult manual(ExerciseSpec spec, java.util.Optional<ManualGrades.Grade> grade) {
        String check = tr("manual.check");
        double max = spec.maxPoints();
        if (grade.isEmpty()) {
            Measurement pending = new Measurement(spec.id(), null, Outcome.PENDING, null, null, List.of(), null, 0);
            return new ExerciseResult(spec, pending, List.of(new Score(spec.id(), check, 0, max, false, Double.NaN, "", null,
                    tr("manual.pending"), true)), List.of());
        }
        ManualGrades.Grade g = grade.get();
        Measurement graded = new Measurement(spec.id(), null, Outcome.MANUAL, null, null, List.of(), null, 0);
        String message = g.comment().isEmpty() ? tr("manual.graded") : g.comment();
        return new ExerciseResult(spec, graded, List.of(new Score(spec.id(), check, g.points(), max, true,
                Double.NaN, "", null, message)), List.of());
    }

    /** {@code result} with its manual exercises scored from {@code assignment}'s manual grades. */
    public static StudentResult withManualGrades(StudentResult result, Assignment assignment) {
        List<ExerciseResult> exercises = result.exercises().stream().map(e -> e.exercise().manual()
                ? manual(e.exercise(), assignment.manualGrades().of(result.submission().studentId(), e.exercise().id())) : e).toList();
        return new StudentResult(result.submission(), exercises, result.lateness());
    }

    private static void zeroChecks(ExerciseSpec spec, List<Score> scores, String reason) {
        for (Check check : spec.checks()) {
            scores.add(check.zero(spec.id(), reason));
        }
    }
}
