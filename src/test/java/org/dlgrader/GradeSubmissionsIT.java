package org.dlgrader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.dlgrader.engine.EngineSettings;
import org.dlgrader.grading.Assignment;
import org.dlgrader.grading.AssignmentError;
import org.dlgrader.grading.GraderError;
import org.dlgrader.grading.Outcome;
import org.dlgrader.grading.Score;
import org.dlgrader.grading.SelectionError;
import org.dlgrader.grading.Shard;
import org.dlgrader.grading.StudentResult;
import org.dlgrader.i18n.Messages;
import org.dlgrader.report.ConsoleReport;
import org.dlgrader.report.GitHubActions;
import org.dlgrader.report.Verdict;
import org.dlgrader.run.ClassRun;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.AssertionFailedError;

/**
 * The grading run of {@code mvn verify}: one container per student, one test per check, named
 * {@code 2024002 李四 › fashion-mlp › test accuracy}. Students are graded first, in parallel worker
 * processes, each report written as soon as its student is done; then JUnit reports every check.
 *
 * <p>{@code -Dsubmission=submissions/<folder>} grades one student (the self-check, {@code
 * -Dexercise=<id>} one exercise of it) and prints one block with every check; the build's verdict is
 * then given by {@link Verdict}, without Maven's help lines. {@code -Dgrader.failBuild=false} keeps the
 * build green for a whole-class run, which prints the gradebook as a table. A grader error (no
 * data set, no worker, a wrong assignment file or folder) fails the build even then: it is written
 * to {@code grader.errorsFile}, which the pom's enforcer rule refuses to find.
 */
class GradeSubmissionsIT {

    @TestFactory
    @DisplayName("›") // failsafe names a test "<student> <this> <test>": "2024002 李四 › fashion-mlp › test accuracy"
    Stream<DynamicNode> grade() throws IOException {
        EngineSettings.applyDefaults();
        Path assignmentFile = Path.of(System.getProperty("grader.assignment", Assignment.DEFAULT.toString()));
        Path reportsFolder = Path.of(System.getProperty("grader.reports", "reports"));
        Path root = Path.of(System.getProperty("submission", "submissions"));
        Path errorsFile = Path.of(System.getProperty("grader.errorsFile", "target/grader-errors.txt"));
        Path verdictFile = Path.of(System.getProperty("grader.verdictFile", "target/self-check-verdict.txt"));
        Files.deleteIfExists(errorsFile);
        Files.deleteIfExists(verdictFile);

        ClassRun.Graded graded;
        try {
            graded = ClassRun.gradeFolder(assignmentFile, root, reportsFolder, Shard.parse(System.getProperty("grader.shard")),
                    System.getProperty("exercise"));
        } catch (AssignmentError | SelectionError | GraderError e) {
            return nothingGraded(errorsFile, verdictFile, e.getMessage());
        } catch (RuntimeException e) {
            // A bug of the grader's: said as a grader error (never a pass, never a score), with where it happened.
            e.printStackTrace(System.out);
            return nothingGraded(errorsFile, verdictFile, Messages.tr("report.console.internalError", e));
        }
        recordErrors(errorsFile, graded.graderErrors());
        graded.graderErrors().forEach(error -> System.out.println("!! " + ConsoleReport.oneLine(Messages.tr("report.console.graderError", error))));
        graded.graderErrors().forEach(GitHubActions::error);
        List<StudentResult> results = graded.results();
        if (graded.found().oneStudent()) {
            graded.notices().forEach(notice -> System.out.println("!! " + ConsoleReport.oneLine(notice)));
            for (StudentResult result : results) {
                System.out.print(ConsoleReport.student(graded.assignment(), result, reportsFolder));
                GitHubActions.annotate(result);
            }
            Verdict.of(verdictFile, results, graded.graderErrors());
        } else {
            System.out.print(ConsoleReport.classSummary(graded.assignment(), results, graded.found().problems(), graded.notices(),
                    reportsFolder));
        }
        GitHubActions.summary(graded.assignment(), results, graded.found().problems(), graded.graderErrors());
        System.out.flush();

        // Test names and failure messages reach the console through Maven, where a CI runner reads
        // workflow commands: a student's name or reason is made one harmless line first.
        Stream<DynamicNode> problems = graded.found().problems().stream()
                .map(ConsoleReport::oneLine)
                .map(problem -> dynamicTest("submissions › " + problem, () -> assertThat(problem).withFailMessage(problem).isNull()));
        Stream<DynamicNode> students = results.stream().map(result -> dynamicContainer(
                result.submission().studentId() + " " + ConsoleReport.oneLine(result.submission().name()),
                result.exercises().stream().flatMap(exercise -> exercise.scores().stream().map(score -> dynamicTest(
                        exercise.exercise().id() + " › " + score.check(),
                        () -> check(score, exercise.outcome()))))));
        return Stream.concat(problems, students);
    }

    /** Nothing was graded: the build fails on the errors file, a self-check ends on the verdict, with the reason. */
    private static Stream<DynamicNode> nothingGraded(Path errorsFile, Path verdictFile, String message) throws IOException {
        recordErrors(errorsFile, List.of(message));
        Verdict.graderError(verdictFile, message);
        System.out.println("dl-grader: " + ConsoleReport.oneLine(message));
        GitHubActions.error(message);
        return Stream.of(dynamicTest("grader: nothing was graded", () -> assertThat(message).withFailMessage(message).isNull()));
    }

    /** A failed check fails its test with the student's sentence; where in the grader it was asserted is nobody's business. */
    private static void check(Score score, Outcome outcome) {
        // A manual exercise the teacher has not graded yet is neither passed nor failed: JUnit's skipped.
        org.junit.jupiter.api.Assumptions.assumeFalse(score.pending(), score.message());
        if (!score.passed()) {
            AssertionFailedError failure = new AssertionFailedError(ConsoleReport.oneLine(score.message()));
            failure.setStackTrace(new StackTraceElement[0]);
            throw failure;
        }
    }

    /** The grader errors of this run, for the build to fail on; none, no file. */
    private static void recordErrors(Path file, List<String> errors) throws IOException {
        if (errors.isEmpty()) {
            return;
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        List<String> lines = new ArrayList<>(List.of("The grader could not grade; nothing of this is a student's score:"));
        errors.forEach(e -> lines.add("- " + e));
        Files.write(file, lines, StandardCharsets.UTF_8);
    }
}
