package org.dlgrader.grading.rules;

import static org.dlgrader.i18n.Messages.tr;

/**
 * Full points within {@code tolerance} of {@code target} (a weight w, a bias b); with
 * {@code partialTolerance}, points fall linearly to zero at that distance.
 */
public record Within(double target, double tolerance, Double partialTolerance) implements Rule {

    @Override
    public String requirement() {
        return Rule.format(target) + " ± " + Rule.format(tolerance);
    }

    @Override
    public boolean passes(double value) {
        return Math.abs(value - target) <= tolerance;
    }

    @Override
    public double credit(double value) {
        double distance = Math.abs(value - target);
        if (distance <= tolerance) {
            return 1;
        }
        return partialTolerance == null || distance >= partialTolerance ? 0
                : (partialTolerance - distance) / (partialTolerance - tolerance);
    }

    @Override
    public String explain(String metric, double value, String reference) {
        double distance = Math.abs(value - target);
        return passes(value)
                ? tr("grading.rule.within.close", metric, Rule.format(value), Rule.format(tolerance), Rule.format(target), reference)
                : tr("grading.rule.within.away", metric, Rule.format(value), Rule.format(distance), Rule.format(target),
                        Rule.format(tolerance), reference);
    }
}
