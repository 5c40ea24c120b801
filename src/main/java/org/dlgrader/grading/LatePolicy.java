package org.dlgrader.grading;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * The deadline of {@code assignment.json} and what late work costs. Days late are whole days begun
 * after the deadline and its grace: a minute past the grace is one day, 24 hours and a minute two.
 * The penalty is a share of the student's points ({@code penaltyPerDay} each day, at most
 * {@code maxPenalty}), taken from the total of all exercises, those graded from a model file and those
 * the teacher grades by hand alike: lateness belongs to the hand-in, and the screenshots came with the
 * models. With {@code refuse}, late work scores 0.
 *
 * <p>A file's time is shown but judged only with {@code fileTimes}: copying a class folder, cloning it
 * or unpacking it again gives every file the time of the copy, which would make the whole class
 * late for the teacher's own step, and a student sets the times inside a zip. The times a mail
 * server stamps are judged always.
 */
public record LatePolicy(OffsetDateTime deadline, int graceMinutes, double penaltyPerDay, double maxPenalty,
        boolean refuse, boolean fileTimes) {

    private static final Duration DAY = Duration.ofDays(1);

    public LatePolicy(OffsetDateTime deadline, int graceMinutes, double penaltyPerDay, double maxPenalty, boolean refuse) {
        this(deadline, graceMinutes, penaltyPerDay, maxPenalty, refuse, false);
    }

    /** Whether {@code submitted} is a time this policy holds a student to. */
    public boolean judges(SubmissionTime submitted) {
        return fileTimes || submitted.source() != SubmissionTime.Source.FILE_TIME;
    }

    /** How {@code submitted} stands against this deadline; no time known, or one not judged, is never late. */
    public Lateness judge(Optional<SubmissionTime> submitted) {
        if (submitted.isEmpty() || !judges(submitted.get())) {
            return new Lateness(submitted, Optional.of(this), 0, 0, false);
        }
        Instant due = deadline.toInstant().plus(Duration.ofMinutes(graceMinutes));
        Duration after = Duration.between(due, submitted.get().instant());
        if (after.isNegative() || after.isZero()) {
            return new Lateness(submitted, Optional.of(this), 0, 0, false);
        }
        long days = after.toNanos() / DAY.toNanos() + (after.toNanos() % DAY.toNanos() == 0 ? 0 : 1);
        if (refuse) {
            return new Lateness(submitted, Optional.of(this), days, 1, true);
        }
        double penalty = Math.min(maxPenalty, days * penaltyPerDay);
        return new Lateness(submitted, Optional.of(this), days, penalty, false);
    }
}
