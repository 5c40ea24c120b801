package org.dlgrader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.dlgrader.cli.EngineSettings;
import org.dlgrader.grading.Assignment;
import org.dlgrader.grading.Grader;
import org.dlgrader.grading.Score;
import org.dlgrader.grading.StudentResult;
import org.dlgrader.grading.Submission;
import org.dlgrader.grading.Submissions;
import org.dlgrader.report.Reports;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * The grading run of {@code mvn verify}: one container per student, one test per check. A student
 * is graded when JUnit reaches their container, and their results.json is written at once; the
 * gradebook is written when every student is done.
 *
 * <p>{@code -Dsubmission=submissions/<folder>} grades one student (the self-check);
 * {@code -Dgrader.failBuild=false} keeps the build green for a whole-class run.
 */
class GradeSubmissionsIT {

    private static final List<StudentResult> RESULTS = Collections.synchronizedList(new ArrayList<>());
    private static Assignment assignment;
    private static Grader grader;
    private static Reports reports;
    private static boolean classRun;
    private static List<String> problems = List.of();

    @BeforeAll
    static void setUp() {
        EngineSettings.applyDefaults();
        assignment = Assignment.load(Path.of(System.getProperty("grader.assignment", Assignment.DEFAULT.toString())));
        grader = new Grader(assignment);
        reports = new Reports(Path.of(System.getProperty("grader.reports", "reports")), assignment);
    }

    @TestFactory
    Stream<DynamicNode> grade() throws IOException {
        Path root = Path.of(System.getProperty("submission", "submissions"));
        Assumptions.assumeTrue(Files.isDirectory(root), "no submissions folder " + root);
        Submissions.Found found = Submissions.discover(root);
        classRun = !found.oneStudent();
        problems = found.problems();
        Stream<DynamicNode> problems = found.problems().stream()
                .map(problem -> dynamicTest("submissions: " + problem, () -> assertThat(problem).withFailMessage(problem).isNull()));
        Stream<DynamicNode> students = found.students().stream()
                .map(student -> dynamicContainer(student.studentId() + " " + student.name(), checks(student)));
        return Stream.concat(problems, students);
    }

    private static Stream<DynamicNode> checks(Submission student) {
        // Lazy: the student is graded when JUnit opens the container, not while tests are discovered.
        return Stream.of(student).flatMap(s -> {
            StudentResult result = grader.grade(s);
            RESULTS.add(result);
            try {
                reports.student(result);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            System.out.printf(Locale.ROOT, "%-12s %-20s %6.2f / %.0f%n", s.studentId(), s.name(), result.points(), result.maxPoints());
            return result.scores().stream().map(score -> dynamicTest(score.testName(), () -> check(score)));
        });
    }

    private static void check(Score score) {
        assertThat(score.passed()).withFailMessage(score.message()).isTrue();
    }

    @AfterAll
    static void writeGradebook() throws IOException {
        if (assignment != null && !RESULTS.isEmpty() && classRun) {
            reports.wholeClass(RESULTS, problems);
            System.out.println("Reports written to " + reports.folder().toAbsolutePath().resolve("index.html"));
        }
    }
}
