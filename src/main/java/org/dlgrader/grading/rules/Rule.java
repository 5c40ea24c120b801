package org.dlgrader.grading.rules;

/**
 * What a check requires of a measured value: at least a bar, at most a bar, or a target within a
 * tolerance, each with optional partial credit below full marks. A new kind of rule is one more
 * record here (and one case in {@link org.dlgrader.grading.AssignmentReader}).
 */
public sealed interface Rule permits AtLeast, AtMost, Within {

    /** The rule in a few symbols, for a report's "required" column: "≥ 0.620". */
    String requirement();

    boolean passes(double value);

    /** The share of a check's points that {@code value} earns, from 0 to 1. */
    double credit(double value);

    /**
     * The sentence that explains the verdict: "accuracy 0.612 is below the required 0.620".
     * {@code reference} (may be empty) is appended by the caller's choice of words.
     */
    String explain(String metric, double value, String reference);

    /** A number as a report writes it: three decimals, or scientific notation when tiny or huge. */
    static String format(double value) {
        double magnitude = Math.abs(value);
        if (magnitude != 0 && (magnitude < 1e-3 || magnitude >= 1e5)) {
            return String.format(java.util.Locale.ROOT, "%.2e", value);
        }
        return String.format(java.util.Locale.ROOT, "%.3f", value);
    }
}
