package org.dlgrader.run.calibration;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import org.dlgrader.grading.rules.AtLeast;
import org.dlgrader.grading.rules.AtMost;
import org.dlgrader.grading.rules.Rule;
import org.dlgrader.grading.rules.Within;

/**
 * The bar the calibration runs suggest for one check, beside the bar the assignment has now. For a
 * target ± tolerance rule both numbers are tolerances around {@code target}. The proposal is
 * rounded outwards to a number a teacher would write (three decimals, or two significant digits for
 * an error), so rounding never makes it stricter than every run plus the margin.
 *
 * @param rule "atLeast", "atMost" or "within", as the assignment file names the keys
 * @param target the target of a within rule; null for the others
 * @param margin the margin the proposal left: absolute, or the factor of an at-most rule
 * @param currentPassesEveryRun whether every calibration run passes the current bar; false means the
 *     reference itself can fail the check, which is worth a look before grading anyone
 */
public record Proposal(String rule, Double target, double current, double proposed, double margin,
        boolean currentPassesEveryRun) {

    public static Proposal of(Rule rule, List<Double> values, Margins margins) {
        Distribution spread = Distribution.of(values);
        boolean passes = values.stream().allMatch(rule::passes);
        if (rule instanceof AtLeast atLeast) {
            return new Proposal("atLeast", null, atLeast.bar(), round(spread.min() - margins.absolute(), 3, RoundingMode.FLOOR),
                    margins.absolute(), passes);
        }
        if (rule instanceof AtMost atMost) {
            return new Proposal("atMost", null, atMost.bar(), significant(spread.max() * margins.errorFactor(), RoundingMode.CEILING),
                    margins.errorFactor(), passes);
        }
        Within within = (Within) rule;
        double widest = Math.max(Math.abs(spread.min() - within.target()), Math.abs(spread.max() - within.target()));
        return new Proposal("within", within.target(), within.tolerance(),
                round(widest + margins.absolute(), 3, RoundingMode.CEILING), margins.absolute(), passes);
    }

    /** The rule the proposal would make, in the report's symbols: "≥ 0.618", "5.000 ± 0.071". */
    public String proposedRequirement() {
        return requirement(proposed);
    }

    public String currentRequirement() {
        return requirement(current);
    }

    private String requirement(double bar) {
        return switch (rule) {
            case "atLeast" -> new AtLeast(bar, null).requirement();
            case "atMost" -> new AtMost(bar, null).requirement();
            default -> new Within(target, bar, null).requirement();
        };
    }

    private static double round(double value, int decimals, RoundingMode mode) {
        return BigDecimal.valueOf(value).setScale(decimals, mode).doubleValue();
    }

    private static double significant(double value, RoundingMode mode) {
        return BigDecimal.valueOf(value).round(new MathContext(2, mode)).doubleValue();
    }
}
