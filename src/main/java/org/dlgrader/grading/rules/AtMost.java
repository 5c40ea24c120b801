package org.dlgrader.grading.rules;

import static org.dlgrader.i18n.Messages.tr;

/**
 * Full points at or below {@code bar} (an error: MSE, loss); with {@code partialUpTo}, points fall
 * linearly from full at the bar to zero there.
 */
public record AtMost(double bar, Double partialUpTo) implements Rule {

    @Override
    public String requirement() {
        return "≤ " + Rule.format(bar);
    }

    @Override
    public boolean passes(double value) {
        return value <= bar;
    }

    @Override
    public double credit(double value) {
        if (passes(value)) {
            return 1;
        }
        return partialUpTo == null || value >= partialUpTo ? 0 : (partialUpTo - value) / (partialUpTo - bar);
    }

    @Override
    public String explain(String metric, double value, String reference) {
        return passes(value)
                ? tr("grading.rule.atMost.within", metric, Rule.format(value), Rule.format(bar), reference)
                : tr("grading.rule.atMost.above", metric, Rule.format(value), Rule.format(bar), reference);
    }
}
