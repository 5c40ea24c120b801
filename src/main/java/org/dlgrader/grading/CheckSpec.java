package org.dlgrader.grading;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One check as the teacher writes it in the assignment file. Exactly one rule applies:
 * <ul>
 *   <li>{@code atLeast} (accuracy): full points at or above it; with {@code partialFrom}, points
 *       grow linearly from zero at {@code partialFrom} to full at {@code atLeast};</li>
 *   <li>{@code atMost} (mse, loss): full points at or below it; with {@code partialUpTo}, points
 *       fall linearly to zero at {@code partialUpTo};</li>
 *   <li>{@code target} ± {@code tolerance} (w, b): full points within it; with
 *       {@code partialTolerance}, points fall linearly to zero at that distance.</li>
 * </ul>
 * {@code reference} is the reference implementation's value, shown beside the student's.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record CheckSpec(String name, String metric, double points,
        Double atLeast, Double partialFrom,
        Double atMost, Double partialUpTo,
        Double target, Double tolerance, Double partialTolerance,
        Double reference) {

    void validate(String exercise) {
        int rules = (atLeast != null ? 1 : 0) + (atMost != null ? 1 : 0) + (target != null ? 1 : 0);
        if (rules != 1) {
            throw new IllegalArgumentException("assignment: check '" + name + "' of exercise '" + exercise
                    + "' must have exactly one of atLeast, atMost or target+tolerance");
        }
        if (target != null && tolerance == null) {
            throw new IllegalArgumentException("assignment: check '" + name + "' of exercise '" + exercise + "' has a target but no tolerance");
        }
        if (metric == null || points < 0) {
            throw new IllegalArgumentException("assignment: check '" + name + "' of exercise '" + exercise + "' needs a metric and points >= 0");
        }
    }

    /** The rule in a few symbols, for a report's "required" column. */
    public String requirement() {
        if (atLeast != null) {
            return "≥ " + fmt(atLeast);
        }
        if (atMost != null) {
            return "≤ " + fmt(atMost);
        }
        return fmt(target) + " ± " + fmt(tolerance);
    }

    private Score pass(String exercise, double value, String message) {
        return new Score(exercise, name, points, points, true, value, requirement(), reference, message);
    }

    private Score fail(String exercise, double earned, double value, String message) {
        return new Score(exercise, name, Math.round(earned * 100) / 100.0, points, false, value, requirement(), reference, message);
    }

    /** Zero points without a measurement, for a reason that came before this check. */
    Score zero(String exercise, String reason) {
        return new Score(exercise, name, 0, points, false, Double.NaN, requirement(), reference, "0 points: " + reason);
    }

    /** Points earned for {@code value}, and the sentence that explains them. */
    Score score(String exercise, double value) {
        String ref = reference == null ? "" : String.format(" (reference %s)", fmt(reference));
        if (atLeast != null) {
            if (value >= atLeast) {
                return pass(exercise, value, String.format("%s %s reaches the required %s%s", metric, fmt(value), fmt(atLeast), ref));
            }
            double earned = partialFrom == null || value <= partialFrom ? 0 : points * (value - partialFrom) / (atLeast - partialFrom);
            return fail(exercise, earned, value,
                    String.format("%s %s is below the required %s%s", metric, fmt(value), fmt(atLeast), ref));
        }
        if (atMost != null) {
            if (value <= atMost) {
                return pass(exercise, value, String.format("%s %s is within the allowed %s%s", metric, fmt(value), fmt(atMost), ref));
            }
            double earned = partialUpTo == null || value >= partialUpTo ? 0 : points * (partialUpTo - value) / (partialUpTo - atMost);
            return fail(exercise, earned, value,
                    String.format("%s %s is above the allowed %s%s", metric, fmt(value), fmt(atMost), ref));
        }
        double distance = Math.abs(value - target);
        if (distance <= tolerance) {
            return pass(exercise, value, String.format("%s = %s is within %s of %s%s", metric, fmt(value), fmt(tolerance), fmt(target), ref));
        }
        double earned = partialTolerance == null || distance >= partialTolerance ? 0
                : points * (partialTolerance - distance) / (partialTolerance - tolerance);
        return fail(exercise, earned, value,
                String.format("%s = %s is %s away from %s; it must be within %s%s", metric, fmt(value), fmt(distance), fmt(target), fmt(tolerance), ref));
    }

    static String fmt(double value) {
        double magnitude = Math.abs(value);
        if (magnitude != 0 && (magnitude < 1e-3 || magnitude >= 1e5)) {
            return String.format(java.util.Locale.ROOT, "%.2e", value);
        }
        return String.format(java.util.Locale.ROOT, "%.3f", value);
    }
}
