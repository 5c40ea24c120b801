package org.dlgrader.grading.rules;

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
                ? String.format("%s %s is within the allowed %s%s", metric, Rule.format(value), Rule.format(bar), reference)
                : String.format("%s %s is above the allowed %s%s", metric, Rule.format(value), Rule.format(bar), reference);
    }
}
