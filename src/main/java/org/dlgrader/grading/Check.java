package org.dlgrader.grading;

import static org.dlgrader.i18n.Messages.tr;

import org.dlgrader.grading.rules.Rule;

/**
 * One check of an exercise, as the teacher writes it in the assignment file: the metric it reads,
 * what its rule requires, its points, and the reference implementation's value, shown beside the
 * student's.
 */
public record Check(String name, String metric, double points, Rule rule, Double reference) {

    public String requirement() {
        return rule.requirement();
    }

    /** Points earned for {@code value}, and the sentence that explains them. */
    Score score(String exercise, double value) {
        String ref = reference == null ? "" : tr("grading.check.reference", Rule.format(reference));
        double earned = Math.round(points * rule.credit(value) * 100) / 100.0;
        boolean passed = rule.passes(value);
        return new Score(exercise, name, passed ? points : earned, points, passed, value, requirement(), reference,
                rule.explain(metricName(), value, ref));
    }

    /** The metric as the class reads it ("准确率" for accuracy); a letter such as w stays as it is. */
    private String metricName() {
        String key = "grading.metric." + metric;
        return org.dlgrader.i18n.Messages.has(key) ? tr(key) : metric;
    }

    /** Zero points without a measurement, for a reason that came before this check. */
    Score zero(String exercise, String reason) {
        return new Score(exercise, name, 0, points, false, Double.NaN, requirement(), reference, tr("grading.check.zeroPoints", reason));
    }
}
