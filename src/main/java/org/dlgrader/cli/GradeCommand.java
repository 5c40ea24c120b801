package org.dlgrader.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.dlgrader.grading.Assignment;
import org.dlgrader.grading.ClassRun;
import org.dlgrader.grading.ExerciseResult;
import org.dlgrader.grading.Shard;
import org.dlgrader.grading.StudentResult;
import org.dlgrader.grading.Submissions;
import org.dlgrader.report.Reports;

/**
 * {@code dl-grader grade [folder]}: the same grading as {@code mvn verify}, without JUnit, for
 * scripts and for students who want a one-line answer.
 */
final class GradeCommand {

    private GradeCommand() {
    }

    static int run(Path submissions, Path assignmentFile, Path reportsFolder, Shard shard) throws Exception {
        org.dlgrader.isolation.IsolatedGrader.prestart(assignmentFile);
        Assignment assignment = Assignment.load(assignmentFile);
        Reports reports = new Reports(reportsFolder, assignment);
        Submissions.Found found = Submissions.discover(submissions);
        found.problems().forEach(problem -> System.out.println("! " + problem));
        List<StudentResult> results;
        results = ClassRun.grade(assignmentFile, assignment, shard.of(found.students()), reports);
        for (StudentResult result : results) {
            System.out.printf(Locale.ROOT, "%-12s %-20s %6.2f / %.0f%n", result.submission().studentId(),
                    result.submission().name(), result.points(), result.maxPoints());
            for (ExerciseResult exercise : result.exercises()) {
                exercise.scores().stream().filter(s -> !s.passed())
                        .forEach(s -> System.out.println("    " + s.testName() + ": " + s.message()));
            }
        }
        if (!found.oneStudent()) {
            reports.wholeClass(results, found.problems());
        }
        System.out.println("Graded " + results.size() + " student(s); reports in " + reportsFolder.toAbsolutePath());
        return 0;
    }
}
