package org.dlgrader.report;

import static org.dlgrader.i18n.Messages.tr;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.dlgrader.grading.Assignment;
import org.dlgrader.grading.ExerciseResult;
import org.dlgrader.grading.ExerciseSpec;
import org.dlgrader.grading.Lateness;
import org.dlgrader.grading.StudentResult;
import org.dlgrader.io.AtomicFiles;
import org.dlgrader.io.Csv;

/**
 * {@code reports/gradebook.csv}: one row per student, points per exercise, total (after any late
 * penalty) and maximum, then when the work was handed in, days late and the share taken off
 * ({@link Csv}: UTF-8 with a byte-order mark, safe for spreadsheets); rows sorted by student id so
 * the same results always give the same bytes.
 */
public final class Gradebook {

    private Gradebook() {
    }

    public static String render(Assignment assignment, List<StudentResult> results) {
        StringBuilder csv = new StringBuilder(Csv.BOM);
        csv.append("student_id,name");
        for (ExerciseSpec exercise : assignment.exercises()) {
            csv.append(',').append(Csv.cell(exercise.id()));
        }
        // Appended after the columns scripts already read by position: when it came, and what the deadline made of it.
        csv.append(",total,max_total,submitted_at,days_late,late_penalty\r\n");
        for (StudentResult result : results.stream().sorted(Comparator.comparing(r -> r.submission().studentId())).toList()) {
            csv.append(Csv.cell(result.submission().studentId())).append(',').append(Csv.cell(result.submission().name()));
            for (ExerciseResult exercise : result.exercises()) {
                // A grader error is nobody's score: the cell says so, and no total is made of it.
                csv.append(',').append(StudentPage.cell(exercise));
            }
            csv.append(',').append(result.incomplete() ? "" : StudentPage.number(result.points()))
                    .append(',').append(StudentPage.number(result.maxPoints()));
            Lateness lateness = result.lateness();
            csv.append(',').append(lateness.submitted().map(t -> Timing.csv(t.instant(), Timing.zone(lateness))).orElse(""));
            // Without a deadline, or without a time, there are no days to count: blank, not 0.
            boolean judged = lateness.policy().isPresent() && lateness.submitted().isPresent();
            csv.append(',').append(judged ? Long.toString(lateness.daysLate()) : "");
            csv.append(',').append(!judged ? "" : lateness.refused() ? "refused" : StudentPage.number(lateness.penalty()));
            csv.append("\r\n");
        }
        return csv.toString();
    }

    public static void write(Path reports, Assignment assignment, List<StudentResult> results) throws IOException {
        AtomicFiles.write(reports.resolve("gradebook.csv"), render(assignment, results));
    }
}
