package org.dlgrader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.dlgrader.engine.EngineSettings;
import org.dlgrader.grading.Assignment;
import org.dlgrader.run.ClassRun;
import org.dlgrader.grading.Score;
import org.dlgrader.grading.Shard;
import org.dlgrader.grading.StudentResult;
import org.dlgrader.grading.Submissions;
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
        Path reportsFolder = Path.of(System.getProperty("grader.reports", "reports"));
        Path root = Path.of(System.getProperty("submission", "submissions"));
        Assumptions.assumeTrue(Files.isDirectory(root), "no submissions folder " + root);

        ClassRun.Graded graded = ClassRun.gradeFolder(assignmentFile, root, reportsFolder, Shard.parse(System.getProperty("grader.shard")));
        List<StudentResult> results = graded.results();
        Submissions.Found found = graded.found();
        results.forEach(result -> System.out.println(result.summary()));
        if (!found.oneStudent()) {
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
