package org.dlgrader.grading;

import java.util.Optional;

/**
 * One student's hand-in against the deadline: when it came (if known), how many days late, and the
 * share of the points that costs. Without a deadline nothing is late, and the time is only shown.
 */
public record Lateness(Optional<SubmissionTime> submitted, Optional<LatePolicy> policy, long daysLate,
        double penalty, boolean refused) {

    /** No time known and no deadline: what a result made without either carries. */
    public static final Lateness NONE = new Lateness(Optional.empty(), Optional.empty(), 0, 0, false);

    /** The time judged by {@code policy}, or only kept when there is no deadline. */
    public static Lateness of(Optional<SubmissionTime> submitted, Optional<LatePolicy> policy) {
        return policy.map(p -> p.judge(submitted)).orElse(new Lateness(submitted, Optional.empty(), 0, 0, false));
    }

    public boolean late() {
        return daysLate > 0;
    }

    /** Points after the penalty, to the hundredth like every total. */
    public double apply(double points) {
        return refused ? 0 : Math.round(points * (1 - penalty) * 100) / 100.0;
    }
}
