package org.dlgrader.report;

import static org.dlgrader.i18n.Messages.tr;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.dlgrader.grading.Assignment;
import org.dlgrader.grading.ExerciseResult;
import org.dlgrader.grading.ExerciseSpec;
import org.dlgrader.grading.Outcome;
import org.dlgrader.grading.Score;
import org.dlgrader.grading.StudentResult;

/**
 * What a run shows on GitHub Actions, where the console scrolls away: the class summary in the
 * job's summary page ({@code $GITHUB_STEP_SUMMARY}, Markdown), and each failed check of a
 * self-check as an error annotation ({@code ::error title=…::…} on standard output) that names the
 * exercise and the reason. Elsewhere (no {@code GITHUB_ACTIONS=true}) it writes nothing.
 *
 * @see <a href="https://docs.github.com/actions/reference/workflow-commands-for-github-actions">workflow commands</a>
 */
public final class GitHubActions {

    private static Map<String, String> environment = System.getenv();

    private GitHubActions() {
    }

    /** For tests: the environment this class reads. */
    static void useEnvironment(Map<String, String> env) {
        environment = env;
    }

    static boolean active() {
        return "true".equals(environment.get("GITHUB_ACTIONS"));
    }

    /** One annotation per failed check of one student. */
    public static void annotate(StudentResult result) {
        if (!active()) {
            return;
        }
        System.out.print(annotations(result));
    }

    static String annotations(StudentResult result) {
        StringBuilder out = new StringBuilder();
        for (ExerciseResult exercise : result.exercises()) {
            for (Score score : exercise.scores()) {
                if (!score.failed()) {
                    continue;
                }
                String title = result.submission().studentId() + " › " + exercise.exercise().id() + " › " + score.check();
                String file = exercise.file() == null ? null : inWorkspace(result.submission().folder().resolve(exercise.file()));
                out.append("::error ").append(file == null ? "" : "file=" + property(file) + ",")
                        .append("title=").append(property(title)).append("::").append(data(score.message())).append('\n');
            }
        }
        return out.toString();
    }

    /** GitHub places an annotation on a file by its path from the repository's root, where the build runs. */
    static String inWorkspace(java.nio.file.Path file) {
        java.nio.file.Path root = java.nio.file.Path.of("").toAbsolutePath();
        java.nio.file.Path absolute = file.toAbsolutePath();
        String path = (absolute.startsWith(root) ? root.relativize(absolute) : absolute).toString();
        return java.io.File.separatorChar == '\\' ? path.replace('\\', '/') : path;
    }

    /** A grader error, as an annotation. */
    public static void error(String message) {
        if (active()) {
            System.out.println("::error title=" + property(tr("report.github.graderError")) + "::" + data(message));
        }
    }

    /** The class summary appended to the job's summary page. */
    public static void summary(Assignment assignment, List<StudentResult> results, List<String> problems, List<String> graderErrors) {
        String target = environment.get("GITHUB_STEP_SUMMARY");
        if (!active() || target == null || target.isBlank()) {
            return;
        }
        try {
            Files.writeString(Path.of(target), markdown(assignment, results, problems, graderErrors), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String markdown(Assignment assignment, List<StudentResult> results, List<String> problems, List<String> graderErrors) {
        StringBuilder md = new StringBuilder("## ").append(cell(assignment.title())).append("\n\n");
        graderErrors.forEach(e -> md.append("> **").append(tr("report.github.graderError")).append("**: ").append(cell(e)).append("\n\n"));
        md.append('|').append(tr("report.page.class.id")).append('|').append(tr("report.page.class.name")).append('|');
        for (ExerciseSpec exercise : assignment.exercises()) {
            md.append(exercise.id()).append(" /").append(StudentPage.number(exercise.maxPoints())).append('|');
        }
        md.append(tr("report.page.class.total")).append(" /").append(StudentPage.number(assignment.maxPoints())).append("|\n|---|---|");
        md.append("---:|".repeat(assignment.exercises().size() + 1)).append('\n');
        List<StudentResult> sorted = results.stream().sorted(Comparator.comparing(r -> r.submission().studentId())).toList();
        StringBuilder ungradable = new StringBuilder();
        for (StudentResult result : sorted) {
            md.append('|').append(cell(result.submission().studentId())).append('|').append(cell(result.submission().name())).append('|');
            for (ExerciseResult exercise : result.exercises()) {
                md.append(StudentPage.cell(exercise)).append('|');
                if (exercise.outcome() != Outcome.MEASURED && !exercise.outcome().byHand()) {
                    String reason = exercise.scores().stream().filter(s -> !s.passed()).map(Score::message).findFirst().orElse("");
                    ungradable.append("| ").append(cell(result.submission().studentId() + " " + result.submission().name()))
                            .append(" | ").append(exercise.exercise().id()).append(" | ").append(exercise.outcome().description())
                            .append(" | ").append(cell(reason)).append(" |\n");
                }
            }
            md.append(result.incomplete() ? "—" : "**" + StudentPage.number(result.points()) + "**").append("|\n");
        }
        if (!ungradable.isEmpty()) {
            md.append("\n### ").append(tr("report.page.class.ungradable")).append("\n\n| ").append(tr("report.page.class.student"))
                    .append(" | ").append(tr("report.page.class.exercise")).append(" | ").append(tr("report.page.class.what"))
                    .append(" | ").append(tr("report.page.class.why")).append(" |\n|---|---|---|---|\n").append(ungradable);
        }
        if (!problems.isEmpty()) {
            md.append("\n### ").append(tr("report.page.class.problems")).append("\n\n");
            problems.forEach(p -> md.append("- ").append(cell(p)).append('\n'));
        }
        return md.append('\n').toString();
    }

    /**
     * A Markdown table cell from a student's text: one line, pipes escaped, HTML that GitHub would
     * render (a name like {@code <img src=x onerror=…>}) shown as text, and as character references,
     * which Markdown never reads as syntax, a backslash (a name ending in one would escape the pipe
     * that closes its cell, and the points would move into the wrong columns) and brackets (a link,
     * or an image fetched from elsewhere). Emphasis marks are left: they change a look, not a cell.
     */
    static String cell(String text) {
        StringBuilder cell = new StringBuilder();
        ConsoleReport.oneLine(text).codePoints().forEach(c -> {
            switch (c) {
                case '&' -> cell.append("&amp;");
                case '<' -> cell.append("&lt;");
                case '>' -> cell.append("&gt;");
                case '|' -> cell.append("\\|");
                case '\\', '[', ']' -> cell.append("&#").append(c).append(';');
                default -> cell.appendCodePoint(c);
            }
        });
        return cell.toString();
    }

    /** Workflow-command data: a message on one line, as GitHub decodes it. */
    static String data(String text) {
        return (text == null ? "" : text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** Workflow-command property values also escape ':' and ','. */
    static String property(String text) {
        return data(text).replace(":", "%3A").replace(",", "%2C");
    }
}
