package org.dlgrader.grading;

import static org.dlgrader.i18n.Messages.tr;

/**
 * How grading one exercise of one student ended. The first three are the student's result (points,
 * 0 included); {@link #NOT_GRADABLE} is the student's model breaking a limit or crashing; a
 * {@link #GRADER_ERROR} is nobody's score: it is never cached, never written as points, and fails
 * the run.
 */
public enum Outcome {
    /** No accepted file name is present in the student's folder. */
    MISSING,
    /** A file was handed in but is refused: damaged, of a format the grader does not run, wrong layers, too large. */
    REFUSED,
    /** The model ran and its outputs were measured (the measurement may still fail the shape or finiteness gates). */
    MEASURED,
    /** The model broke a limit (time, memory, threads) or crashed the process that ran it. */
    NOT_GRADABLE,
    /** The grader could not grade: data set missing, natives unusable, no worker, no sandbox for code. */
    GRADER_ERROR,
    /** An exercise the teacher grades by hand, and a row of {@code grades-manual.csv} gives its points. */
    MANUAL,
    /**
     * An exercise the teacher grades by hand that has no row yet: 0 points for now, shown as waiting
     * for the teacher, never as the student's failure.
     */
    PENDING;

    /** The outcome in a few words for a page or a console, in the run's language: "not gradable". */
    public String description() {
        return switch (this) {
            case MISSING -> tr("grading.outcome.missing");
            case REFUSED -> tr("grading.outcome.refused");
            case MEASURED -> tr("grading.outcome.measured");
            case NOT_GRADABLE -> tr("grading.outcome.notGradable");
            case GRADER_ERROR -> tr("grading.outcome.graderError");
            case MANUAL -> tr("manual.outcome.graded");
            case PENDING -> tr("manual.outcome.pending");
        };
    }

    /** Whether the points come from the teacher's hand, graded or not yet. */
    public boolean byHand() {
        return this == MANUAL || this == PENDING;
    }

    /** Whether the outcome is the student's doing and so may be kept for a rerun. */
    public boolean cacheable() {
        return this == REFUSED || this == MEASURED;
    }
}
