package org.dlgrader.report;

import static org.dlgrader.i18n.Messages.tr;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.dlgrader.grading.LatePolicy;
import org.dlgrader.grading.Lateness;
import org.dlgrader.grading.SubmissionTime;

/**
 * Times on the pages and in the gradebook, and what the deadline made of a student's hand-in, in
 * words. Every time is shown with its offset: in the deadline's own zone when there is a deadline
 * (the teacher wrote it in the zone the class lives in), else in the zone of the machine grading.
 */
final class Timing {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm xxx", Locale.ROOT);
    private static final DateTimeFormatter CSV = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx", Locale.ROOT);

    private Timing() {
    }

    static ZoneId zone(Lateness lateness) {
        return lateness.policy().<ZoneId>map(p -> p.deadline().getOffset()).orElse(ZoneId.systemDefault());
    }

    static String shown(Instant instant, ZoneId zone) {
        return SHOWN.format(instant.atZone(zone));
    }

    /** For a spreadsheet: ISO 8601 with the offset, which Excel and LibreOffice read as text without guessing a zone. */
    static String csv(Instant instant, ZoneId zone) {
        return CSV.format(instant.atZone(zone));
    }

    /** "Handed in 2026-12-08 10:00 +08:00 (received by the mail server)", or that it is not known. */
    static String handedIn(Lateness lateness) {
        if (lateness.submitted().isEmpty()) {
            return tr("late.handedIn.unknown");
        }
        SubmissionTime time = lateness.submitted().get();
        return tr("late.handedIn", shown(time.instant(), zone(lateness)), source(time.source()));
    }

    private static String source(SubmissionTime.Source source) {
        return switch (source) {
            case RECEIVED -> tr("late.source.received");
            case DATE_HEADER -> tr("late.source.date");
            case FILE_TIME -> tr("late.source.file");
        };
    }

    /** The deadline and how the hand-in stands against it; empty without a deadline. */
    static String verdict(Lateness lateness, double pointsBefore) {
        if (lateness.policy().isEmpty()) {
            return "";
        }
        String deadline = deadline(lateness.policy().get(), zone(lateness));
        if (lateness.submitted().isEmpty()) {
            return deadline + " " + tr("late.unknownNotLate");
        }
        if (!lateness.policy().get().judges(lateness.submitted().get())) {
            return deadline + " " + tr("late.fileTimeNotJudged");
        }
        if (!lateness.late()) {
            return deadline + " " + tr("late.onTime");
        }
        if (lateness.refused()) {
            return deadline + " " + tr("late.refused", lateness.daysLate(), StudentPage.number(pointsBefore));
        }
        return deadline + " " + tr("late.penalty", lateness.daysLate(), percent(lateness.penalty()),
                StudentPage.number(pointsBefore), StudentPage.number(lateness.apply(pointsBefore)));
    }

    /** "Deadline 2026-12-07 23:59 +08:00 (30 minutes' grace)." */
    static String deadline(LatePolicy policy, ZoneId zone) {
        return tr("late.deadline", shown(policy.deadline().toInstant(), zone),
                policy.graceMinutes() > 0 ? tr("late.grace", policy.graceMinutes()) : "");
    }

    /** A short mark for a table cell: "2 days late, −20 %", "refused", or nothing. */
    static String mark(Lateness lateness) {
        if (!lateness.late()) {
            return "";
        }
        return lateness.refused() ? tr("late.mark.refused", lateness.daysLate())
                : tr("late.mark.penalty", lateness.daysLate(), percent(lateness.penalty()));
    }

    static String graded(Instant when, ZoneId zone) {
        return tr("late.graded", shown(when, zone));
    }

    static String percent(double share) {
        return StudentPage.number(Math.round(share * 10000) / 100.0);
    }
}
