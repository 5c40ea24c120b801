package org.dlgrader.report;

import static org.dlgrader.i18n.Messages.tr;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dlgrader.grading.Score;
import org.dlgrader.grading.StudentResult;

/**
 * A self-check's verdict, handed from the grading JVM to the step of the build that ends it: the
 * exit status on the first line (0 passed, 1 a check failed, 3 the grader could not grade), then the
 * lines to say last. The build ends on these lines instead of Maven's failure report, whose help
 * lines (MojoFailureException, "re-run Maven with the -e switch") mean nothing to a student.
 */
public final class Verdict {

    public static final int PASSED = 0;
    public static final int FAILED = 1;
    public static final int GRADER_ERROR = 3;

    private Verdict() {
    }

    /** The verdict of a self-check that graded its student. */
    public static void of(Path file, List<StudentResult> results, List<String> graderErrors) throws IOException {
        long failed = results.stream().flatMap(r -> r.scores().stream()).filter(Score::failed).count();
        List<String> lines = new ArrayList<>();
        if (!graderErrors.isEmpty()) {
            lines.add(String.valueOf(GRADER_ERROR));
            graderErrors.forEach(e -> lines.add("✗ " + tr("report.console.graderError", ConsoleReport.oneLine(e))));
        } else {
            lines.add(String.valueOf(failed == 0 ? PASSED : FAILED));
            lines.add((failed == 0 ? "✓ " : "✗ ") + (failed == 0 ? tr("report.console.allPassed") : tr("report.console.someFailed", failed)));
        }
        write(file, lines);
    }

    /** The verdict of a self-check that could not grade at all (no data set, a mistyped folder). */
    public static void graderError(Path file, String message) throws IOException {
        write(file, List.of(String.valueOf(GRADER_ERROR), "✗ " + ConsoleReport.oneLine(message)));
    }

    private static void write(Path file, List<String> lines) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
    }
}
