package org.dlgrader.report;

import static org.dlgrader.i18n.Messages.tr;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.dlgrader.grading.Assignment;
import org.dlgrader.grading.ExerciseResult;
import org.dlgrader.grading.StudentResult;
import org.dlgrader.io.AtomicFiles;
import org.dlgrader.io.Csv;

/**
 * The class's points in the files a school's learning platform imports, beside gradebook.csv: one
 * grade per student, the assignment's total after any late penalty. Both are plain UTF-8 without a
 * byte-order mark (they are uploaded, not opened in Excel; a mark would stick to the first header),
 * rows sorted by student id. A student not fully graded (a grader error) gets an empty grade, which
 * both platforms leave as it was rather than record a 0.
 *
 * <p><b>Moodle</b> ({@code moodle-grades.csv}), "Grade import" in MoodleDocs: Grades → Import → CSV
 * file; after the upload, "Identify user by" maps a column of the file ("Map from") to a user field
 * ("Map to": userid, username, useridnumber or useremail), and "Grade item mappings" maps each other
 * column to an existing grade item, a new grade item, or the feedback of a grade item; the column
 * names are free. Email addresses are compared case-sensitively. MoodleDocs warns that importing
 * feedback alone overwrites the grades linked to it: map the grade and its feedback together. So the
 * file has an "ID number" column (the student number, for useridnumber where students' profiles carry
 * it), "Email address" (for useremail), the name (to read, not to map), one grade column named after
 * the assignment, and its feedback: the points of each exercise and the deadline's verdict.
 *
 * <p><b>Canvas</b> ({@code canvas-grades.csv}), as Canvas exports its gradebook and the Instructure
 * guides describe the import (Grades → Import): columns Student, ID, SIS User ID, SIS Login ID,
 * Section, then one per assignment; Canvas finds each student by one of Student name, ID (Canvas's
 * own user id) or SIS User ID. An assignment column titled {@code Name (123)} updates assignment 123;
 * a name without an id in parentheses makes a new assignment. The second row, "Points Possible",
 * gives each assignment's maximum, as in Canvas's export. We do not know Canvas's internal user ids,
 * so ID is empty and SIS User ID carries the student number: it matches where the school's SIS user
 * id is the student number; otherwise the teacher copies the ID column from a Canvas export. SIS
 * Login ID and Section are left empty (Canvas does not need them to match a student).
 */
public final class SchoolExports {

    public static final String MOODLE = "moodle-grades.csv";
    public static final String CANVAS = "canvas-grades.csv";

    private SchoolExports() {
    }

    public static void write(Path reports, Assignment assignment, List<StudentResult> results) throws IOException {
        AtomicFiles.write(reports.resolve(MOODLE), moodle(assignment, results));
        AtomicFiles.write(reports.resolve(CANVAS), canvas(assignment, results));
    }

    public static String moodle(Assignment assignment, List<StudentResult> results) {
        StringBuilder csv = new StringBuilder("ID number,Email address,Full name,")
                .append(Csv.cell(assignment.title())).append(',').append(Csv.cell(tr("export.moodle.feedback", assignment.title())))
                .append("\r\n");
        for (StudentResult result : sorted(results)) {
            csv.append(Csv.cell(result.submission().studentId())).append(',').append(Csv.cell(result.submission().email()))
                    .append(',').append(Csv.cell(result.submission().name())).append(',').append(grade(result))
                    .append(',').append(Csv.cell(feedback(result))).append("\r\n");
        }
        return csv.toString();
    }

    public static String canvas(Assignment assignment, List<StudentResult> results) {
        StringBuilder csv = new StringBuilder("Student,ID,SIS User ID,SIS Login ID,Section,")
                .append(Csv.cell(assignment.title())).append("\r\n")
                .append("Points Possible,,,,,").append(StudentPage.number(assignment.maxPoints())).append("\r\n");
        for (StudentResult result : sorted(results)) {
            csv.append(Csv.cell(result.submission().name())).append(",,").append(Csv.cell(result.submission().studentId()))
                    .append(",,,").append(grade(result)).append("\r\n");
        }
        return csv.toString();
    }

    private static List<StudentResult> sorted(List<StudentResult> results) {
        return results.stream().sorted(Comparator.comparing(r -> r.submission().studentId())).toList();
    }

    private static String grade(StudentResult result) {
        return result.incomplete() ? "" : StudentPage.number(result.points());
    }

    /** "linear 10/10; fashion-mlp 4.54/10; …", then the deadline's verdict when there is one. */
    private static String feedback(StudentResult result) {
        List<String> parts = new ArrayList<>();
        for (ExerciseResult exercise : result.exercises()) {
            parts.add(exercise.exercise().id() + " " + StudentPage.cell(exercise) + "/" + StudentPage.number(exercise.exercise().maxPoints()));
        }
        String verdict = Timing.verdict(result.lateness(), result.pointsBeforePenalty());
        return String.join("; ", parts) + (verdict.isEmpty() ? "" : ". " + verdict);
    }
}
