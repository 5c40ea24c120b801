package org.dlgrader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.dlgrader.cli.EngineSettings;
import org.dlgrader.grading.Assignment;
import org.dlgrader.grading.ClassRun;
import org.dlgrader.grading.Score;
import org.dlgrader.grading.Shard;
import org.dlgrader.grading.StudentResult;
import org.dlgrader.grading.Submissions;
import org.dlgrader.report.Reports;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * The grading run of {@code mvn verify}: one container per student, one test per check. Students
 * are graded first, in parallel worker processes, each report written as soon as its student is
 * done; then JUnit reports every check.
 *
 * <p>{@code -Dsubmission=submissions/<folder>} grades one student (the self-check);
 * {@code -Dgrader.failBuild=false} keeps the build green for a whole-class run.
 */
class GradeSubmissionsIT {

    @TestFactory
    @DisplayName("grading")
    Stream<DynamicNode> grade() throws IOException {
        EngineSettings.applyDefaults();
        Path assignmentFile = Path.of(System.getProperty("grader.assignment", Assignment.DEFAULT.toString()));
        org.dlgrader.isolation.IsolatedGrader.prestart(assignmentFile);
        Assignment assignment = Assignment.load(assignmentFile);
        Path reportsFolder = Path.of(System.getProperty("grader.reports", "reports"));
        Reports reports = new Reports(reportsFolder, assignment);
        Path root = Path.of(System.getProperty("submission", "submissions"));
        Assumptions.assumeTrue(Files.isDirectory(root), "no submissions folder " + root);

        Submissions.Found found = Submissions.discover(root);
        Shard shard = Shard.parse(System.getProperty("grader.shard"));
        List<StudentResult> results;
        results = ClassRun.grade(assignmentFile, assignment, shard.of(found.students()), reports);
        for (StudentResult result : results) {
            System.out.printf(Locale.ROOT, "%-12s %-20s %6.2f / %.0f%n", result.submission().studentId(),
                    result.submission().name(), result.points(), result.maxPoints());
        }
        if (!found.oneStudent()) {
            reports.wholeClass(results, found.problems());
            System.out.println("Class report: " + reportsFolder.toAbsolutePath().resolve("index.html"));
        }

        Stream<DynamicNode> problems = found.problems().stream()
                .map(problem -> dynamicTest("submissions: " + problem, () -> assertThat(problem).withFailMessage(problem).isNull()));
        Stream<DynamicNode> students = results.stream().map(result -> dynamicContainer(
                result.submission().studentId() + " " + result.submission().name(),
                result.scores().stream().map(score -> dynamicTest(score.testName(), () -> check(score)))));
        return Stream.concat(problems, students);
    }

    private static void check(Score score) {
        assertThat(score.passed()).withFailMessage(score.message()).isTrue();
    }
}
