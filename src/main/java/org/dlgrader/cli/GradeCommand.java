package org.dlgrader.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dlgrader.grading.Assignment;
import org.dlgrader.grading.ExerciseResult;
import org.dlgrader.grading.Grader;
import org.dlgrader.grading.StudentResult;
import org.dlgrader.grading.Submission;
import org.dlgrader.grading.Submissions;
import org.dlgrader.report.Reports;

/**
 * {@code dl-grader grade [folder]}: the same grading as {@code mvn verify}, without JUnit, for
 * scripts and for students who want a one-line answer.
 */
final class GradeCommand {

    private GradeCommand() {
    }

    static int run(Path submissions, Path assignmentFile, Path reports) throws Exception {
        Assignment assignment = Assignment.load(assignmentFile);
        Grader grader = new Grader(assignment);
        Reports output = new Reports(reports, assignment);
        Submissions.Found found = Submissions.discover(submissions);
        found.problems().forEach(problem -> System.out.println("! " + problem));
        List<StudentResult> results = new ArrayList<>();
        for (Submission student : found.students()) {
            StudentResult result = grader.grade(student);
            results.add(result);
            output.student(result);
            System.out.printf(Locale.ROOT, "%-12s %-20s %6.2f / %.0f%n", student.studentId(), student.name(),
                    result.points(), result.maxPoints());
            for (ExerciseResult exercise : result.exercises()) {
                exercise.scores().stream().filter(s -> !s.passed())
                        .forEach(s -> System.out.println("    " + s.testName() + ": " + s.message()));
            }
        }
        if (!found.oneStudent()) {
            output.wholeClass(results, found.problems());
        }
        System.out.println("Graded " + results.size() + " student(s); reports in " + reports.toAbsolutePath());
        return 0;
    }
}
