package org.dlgrader.grading.rules;

import static org.dlgrader.i18n.Messages.tr;

/**
 * Full points at or above {@code bar} (accuracy); with {@code partialFrom}, points grow linearly
 * from zero there to full at the bar.
 */
public record AtLeast(double bar, Double partialFrom) implements Rule {

    @Override
    public String requirement() {
        return "≥ " + Rule.format(bar);
    }

    @Override
    public boolean passes(double value) {
        return value >= bar;
    }

    @Override
    public double credit(double value) {
        if (passes(value)) {
            return 1;
        }
        return partialFrom == null || value <= partialFrom ? 0 : (value - partialFrom) / (bar - partialFrom);
    }

    @Override
    public String explain(String metric, double value, String reference) {
        return passes(value)
                ? tr("grading.rule.atLeast.reached", metric, Rule.format(value), Rule.format(bar), reference)
                : tr("grading.rule.atLeast.below", metric, Rule.format(value), Rule.format(bar), reference);
    }
}
