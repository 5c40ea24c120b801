package org.dlgrader.report;

import static org.dlgrader.i18n.Messages.tr;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.dlgrader.grading.Assignment;
import org.dlgrader.grading.ExerciseResult;
import org.dlgrader.grading.ExerciseSpec;
import org.dlgrader.grading.Outcome;
import org.dlgrader.grading.Score;
import org.dlgrader.grading.StudentResult;
import org.jline.utils.WCWidth;

/**
 * What a run says on the console, in the class's language. A student's self-check gets one block:
 * each exercise with its points and file, each check with ✓/✗, the value, the requirement and the
 * reason, then the path of their page. A teacher's class run gets the gradebook as a table, who
 * could not be graded and why, and the class page's path; the failed checks one by one are in the
 * pages and the JUnit XML, not on the console.
 *
 * <p>Columns are aligned by display width, not by characters: 张三 takes four columns in a
 * terminal, as wide as "Zhang". The width of a character comes from JLine's {@link WCWidth} (the
 * terminal library the progress bar already brings), which follows Unicode's East Asian Width.
 */
public final class ConsoleReport {

    private static final String RULE = "─".repeat(72);

    private ConsoleReport() {
    }

    /** The self-check's block for one student; {@code reports} is where their page was written, or null. */
    public static String student(Assignment assignment, StudentResult result, Path reports) {
        Path page = reports == null ? null
                : reports.resolve(ResultsJson.folderName(result.submission().studentId())).resolve("index.html");
        StringBuilder out = new StringBuilder();
        out.append(RULE).append('\n');
        String points = result.incomplete() ? tr("report.notAllGraded")
                : tr("report.console.points", StudentPage.number(result.points()), StudentPage.number(result.maxPoints()));
        // Every line starts with something of the grader's (an id, a mark), and a student's text never starts
        // a line of its own (oneLine): a CI runner would read "::stop-commands::" there as a command.
        out.append(line(result.submission().studentId() + " " + oneLine(result.submission().name()) + " · " + assignment.title(),
                points, 72)).append('\n');
        out.append(RULE).append('\n');
        for (ExerciseResult exercise : result.exercises()) {
            ExerciseSpec spec = exercise.exercise();
            String file = exercise.outcome().byHand() ? tr("manual.byHand")
                    : exercise.file() == null ? tr("report.console.noFile") : exercise.file();
            String exercisePoints = exercise.notGraded() || exercise.outcome() == org.dlgrader.grading.Outcome.PENDING
                    ? StudentPage.cell(exercise) : tr("report.console.points", StudentPage.number(exercise.points()), StudentPage.number(spec.maxPoints()));
            out.append(line(spec.id() + " · " + spec.title() + "  [" + file + "]", exercisePoints, 72)).append('\n');
            for (Score score : exercise.scores()) {
                out.append(check(score));
            }
        }
        out.append(RULE).append('\n');
        if (result.lateness().late()) {
            // The total above is after the penalty: say why it is less than the exercises add up to.
            out.append(Timing.verdict(result.lateness(), result.pointsBeforePenalty())).append('\n');
        }
        long failed = result.scores().stream().filter(Score::failed).count();
        out.append(failed == 0 ? tr("report.console.allPassed") : tr("report.console.someFailed", failed)).append('\n');
        if (page != null) {
            out.append(tr("report.console.page", page.toAbsolutePath().normalize())).append('\n');
        }
        return out.toString();
    }

    /** One check: ✓ or ✗, the name, the student's value, the requirement, the reference; the reason below a failure. */
    static String check(Score score) {
        StringBuilder out = new StringBuilder("  ").append(score.pending() ? "○ " : score.passed() ? "✓ " : "✗ ");
        out.append(pad(score.check(), 16));
        if (!Double.isNaN(score.value())) {
            out.append(' ').append(pad(tr("report.console.yours", StudentPage.format(score.value())), 20));
            if (!score.requirement().isEmpty()) {
                out.append(' ').append(pad(tr("report.console.required", score.requirement()), 22));
            }
            if (score.reference() != null) {
                out.append(' ').append(tr("report.console.reference", StudentPage.format(score.reference())));
            }
        } else if (!score.failed() && score.message() != null && !score.message().isBlank()) {
            out.append(' ').append(oneLine(score.message()));
        }
        out.append('\n');
        if (score.failed() && score.message() != null && !score.message().isBlank()) {
            out.append("      → ").append(oneLine(score.message())).append('\n');
        }
        return stripTrailing(out);
    }

    /** The class run's summary: points per student and exercise, who could not be graded, the class page. */
    public static String classSummary(Assignment assignment, List<StudentResult> results, List<String> problems,
            List<String> notices, Path reports) {
        Path classPage = reports.resolve("index.html");
        List<StudentResult> sorted = results.stream().sorted(Comparator.comparing(r -> r.submission().studentId())).toList();
        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of(tr("report.page.class.id"), tr("report.page.class.name")));
        assignment.exercises().forEach(e -> header.add(e.id()));
        header.add(tr("report.page.class.total"));
        rows.add(header);
        for (StudentResult result : sorted) {
            List<String> row = new ArrayList<>(List.of(result.submission().studentId(), oneLine(result.submission().name())));
            for (ExerciseResult exercise : result.exercises()) {
                row.add(StudentPage.cell(exercise));
            }
            row.add(result.incomplete() ? "—" : StudentPage.number(result.points()) + " / " + StudentPage.number(result.maxPoints()));
            rows.add(row);
        }
        StringBuilder out = new StringBuilder(table(rows));
        List<String> ungradable = new ArrayList<>();
        for (StudentResult result : sorted) {
            for (ExerciseResult exercise : result.exercises()) {
                if (exercise.outcome() == Outcome.MEASURED || exercise.outcome().byHand()) {
                    continue;
                }
                String reason = exercise.scores().stream().filter(s -> !s.passed()).map(Score::message).findFirst().orElse("");
                ungradable.add("  " + tr("report.console.ungradableLine", result.submission().studentId(), oneLine(result.submission().name()),
                        exercise.exercise().id(), exercise.outcome().description(), oneLine(reason)));
            }
        }
        if (!ungradable.isEmpty()) {
            out.append(tr("report.console.ungradable", ungradable.size())).append('\n');
            ungradable.forEach(line -> out.append(line).append('\n'));
        }
        if (!problems.isEmpty()) {
            out.append(tr("report.page.class.problems")).append(":\n");
            problems.forEach(p -> out.append("  - ").append(oneLine(p)).append('\n'));
        }
        notices.forEach(n -> out.append("!! ").append(oneLine(n)).append('\n'));
        out.append(tr("report.console.classPage", classPage.toAbsolutePath().normalize())).append('\n');
        return out.toString();
    }

    /** Rows as columns: text left-aligned, numbers right-aligned, by display width. */
    static String table(List<List<String>> rows) {
        int columns = rows.stream().mapToInt(List::size).max().orElse(0);
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int c = 0; c < row.size(); c++) {
                widths[c] = Math.max(widths[c], width(row.get(c)));
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.size(); c++) {
                String cell = row.get(c);
                boolean number = c >= 2 && !cell.isEmpty() && (Character.isDigit(cell.charAt(0)) || cell.equals("—"));
                line.append(c == 0 ? "" : "  ").append(number ? padLeft(cell, widths[c]) : pad(cell, widths[c]));
            }
            out.append(stripTrailing(line)).append('\n');
        }
        return out.toString();
    }

    /** Left text and right text on one line of {@code width} columns (at least two spaces between). */
    static String line(String left, String right, int width) {
        int gap = Math.max(2, width - width(left) - width(right));
        return left + " ".repeat(gap) + right;
    }

    /** Columns a terminal gives the text: 2 for a Chinese character, 1 for a Latin letter, 0 for a combining mark. */
    public static int width(String text) {
        int columns = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            columns += Math.max(0, WCWidth.wcwidth(codePoint));
            i += Character.charCount(codePoint);
        }
        return columns;
    }

    static String pad(String text, int columns) {
        return text + " ".repeat(Math.max(0, columns - width(text)));
    }

    static String padLeft(String text, int columns) {
        return " ".repeat(Math.max(0, columns - width(text))) + text;
    }

    /**
     * A student's text (a name, a reason) as one harmless piece of a console line. Line breaks become
     * spaces, so it never starts a line: on GitHub Actions a line starting with {@code ::error::} is
     * an annotation. Other control characters go: an escape sequence could move the cursor back and
     * write over the gradebook. Runs of spaces become one, so a name cannot pass for columns of the
     * table ("李四  10  10  40"). And {@code ##[}, the runner's legacy command form that it honours
     * anywhere in a line ({@code ##[stop-commands]} would silence the grader's annotations), loses
     * its meaning as {@code # #[}.
     */
    public static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        return text.replaceAll("\\R|\\s", " ").replaceAll("\\p{Cc}", "").replaceAll(" {2,}", " ").replace("##[", "# #[").strip();
    }

    private static String stripTrailing(CharSequence text) {
        return text.toString().replaceAll("(?m)[ \\t]+$", "");
    }
}
