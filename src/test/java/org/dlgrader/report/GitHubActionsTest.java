package org.dlgrader.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dlgrader.grading.Assignment;
import org.dlgrader.grading.Outcome;
import org.dlgrader.grading.Score;
import org.dlgrader.grading.StudentResult;
import org.dlgrader.i18n.Language;
import org.dlgrader.i18n.Messages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a run leaves on GitHub Actions: the class table in the job's summary page and one error
 * annotation per failed check, nothing elsewhere. A student's name and reasons reach both, so they
 * must not be able to forge an annotation (a line the runner reads as a workflow command), break
 * the summary's table or put HTML in it. The runner is imitated as it reads a step's output: line
 * by line, a line whose start (after spaces) is {@code ::command ...::} being a command.
 */
class GitHubActionsTest {

    @TempDir
    Path folder;

    @AfterEach
    void restore() {
        GitHubActions.useEnvironment(System.getenv());
        Messages.use(Language.EN);
    }

    private Path onGitHubActions() {
        Path summary = folder.resolve("step-summary.md");
        GitHubActions.useEnvironment(Map.of("GITHUB_ACTIONS", "true", "GITHUB_STEP_SUMMARY", summary.toString()));
        return summary;
    }

    // ---- the example class, really graded

    @Test
    @Tag("slow")
    void theClassTableIsAppendedToTheJobsSummaryWithEveryStudent() throws IOException {
        ExampleClassGraded.Run run = ExampleClassGraded.in(Language.EN);
        Path summary = onGitHubActions();
        Files.writeString(summary, "## An earlier step's summary\n", StandardCharsets.UTF_8);

        GitHubActions.summary(run.assignment(), run.results(), List.of(), List.of());

        String md = Files.readString(summary, StandardCharsets.UTF_8);
        assertThat(md).startsWith("## An earlier step's summary\n").contains("## Lesson 04: deep learning basics")
                .contains("|id|name|linear /10|fashion-mlp /10|fashion-keras /10|square /10|pytorch-example /5|screenshots /10|total /55|")
                .contains("|2024001|张三|10|10|10|10|5|not graded yet|**45**|")
                .contains("|2024003|王 小明|10|10|10|10|5|not graded yet|**45**|");
        StudentResult lisi = run.student("2024002");
        assertThat(md).containsPattern("\\|2024002\\|李四\\|9\\.\\d\\d\\|4\\.\\d\\d\\|0\\|0\\|0\\|not graded yet\\|\\*\\*" + number(lisi.points()) + "\\*\\*\\|");
        assertThat(md).contains("### Could not be graded")
                .contains("| 2024002 李四 | fashion-keras | missing | no model file for fashion-keras in 2024002-李四; accepted names: "
                        + "image_classify.h5, image_classify.keras, image_classify.pt, image_classify.params, image_classify.onnx |")
                .contains("| 2024002 李四 | square | refused | square.pth is not a state_dict");
        assertTablesHold(md);

        // A second run in the same job (a rerun step, another shard) adds its table below the first.
        GitHubActions.summary(run.assignment(), run.results(), List.of(), List.of());
        String twice = Files.readString(summary, StandardCharsets.UTF_8);
        assertThat(twice).startsWith(md);
        assertThat(twice.split("\\|2024001\\|", -1)).hasSize(3);
    }

    @Test
    @Tag("slow")
    void eachFailedCheckOfTheSelfCheckIsAnAnnotationNamingTheExerciseAndTheReason() {
        ExampleClassGraded.Run run = ExampleClassGraded.in(Language.EN);
        onGitHubActions();
        StudentResult lisi = run.student("2024002");

        List<Command> commands = commands(printed(() -> GitHubActions.annotate(lisi)));

        List<Score> failed = lisi.scores().stream().filter(Score::failed).toList();
        assertThat(commands).hasSize(failed.size()).allSatisfy(c -> assertThat(c.name()).isEqualTo("error"));
        assertThat(commands).extracting(c -> c.properties().get("title")).containsExactly(
                "2024002 › linear › weight w", "2024002 › fashion-mlp › test accuracy", "2024002 › fashion-keras › model file",
                "2024002 › fashion-keras › test accuracy", "2024002 › square › model loads", "2024002 › square › test MSE",
                "2024002 › pytorch-example › model file", "2024002 › pytorch-example › loads and runs");
        assertThat(commands).extracting(Command::data).containsExactlyElementsOf(failed.stream().map(Score::message).toList());
        assertThat(commands.get(1).data()).matches("accuracy 0\\.\\d{3} is below the required 0\\.620 \\(reference 0\\.642\\)");
        assertThat(commands.get(1).properties()).containsEntry("file", Path.of("submissions", "2024002-李四", "model.pth").toString());
        // No file was handed in: the annotation points at none rather than at a file that is not there.
        assertThat(commands.get(2).properties()).doesNotContainKey("file");
        assertThat(commands.get(2).data()).contains("accepted names: image_classify.h5, image_classify.keras");
        assertThat(commands.get(4).data()).startsWith("square.pth is not a state_dict");

        assertThat(printed(() -> GitHubActions.annotate(run.student("2024001")))).as("full points, no annotation").isEmpty();
    }

    // ---- elsewhere, nothing

    @Test
    void offGitHubActionsNothingIsPrintedNorWritten() {
        Assignment assignment = Assignment.load(Assignment.DEFAULT);
        StudentResult student = HostileStudent.of(assignment);
        Path summary = folder.resolve("step-summary.md");
        for (Map<String, String> environment : List.of(Map.of("GITHUB_STEP_SUMMARY", summary.toString()),
                Map.of("GITHUB_ACTIONS", "false", "GITHUB_STEP_SUMMARY", summary.toString()))) {
            GitHubActions.useEnvironment(environment);
            String out = printed(() -> {
                GitHubActions.annotate(student);
                GitHubActions.error("no data set");
                GitHubActions.summary(assignment, List.of(student), List.of("a problem"), List.of("no data set"));
            });
            assertThat(out).as(environment.toString()).isEmpty();
            assertThat(summary).as(environment.toString()).doesNotExist();
        }
    }

    /** GitHub Actions without a summary file (an old runner, a local act run): annotations still, and no failure. */
    @Test
    void onGitHubActionsWithoutASummaryFileTheRunStillEnds() {
        Assignment assignment = Assignment.load(Assignment.DEFAULT);
        GitHubActions.useEnvironment(Map.of("GITHUB_ACTIONS", "true"));
        String out = printed(() -> GitHubActions.summary(assignment, List.of(HostileStudent.of(assignment)), List.of(), List.of()));
        assertThat(out).isEmpty();
        assertThat(commands(printed(() -> GitHubActions.error("FashionMNIST is not installed"))))
                .containsExactly(new Command("error", Map.of("title", "dl-grader could not grade"), "FashionMNIST is not installed"));
    }

    // ---- a student who writes workflow commands, Markdown and HTML

    @Test
    void aStudentCannotForgeAnAnnotation() {
        Assignment assignment = Assignment.load(Assignment.DEFAULT);
        StudentResult student = HostileStudent.of(assignment);
        onGitHubActions();

        String out = printed(() -> GitHubActions.annotate(student));

        List<Command> commands = commands(out);
        List<Score> failed = student.scores().stream().filter(Score::failed).toList();
        assertThat(runnerLines(out)).as(out).hasSize(failed.size());
        assertThat(commands).hasSize(failed.size()).allSatisfy(c -> {
            assertThat(c.name()).isEqualTo("error");
            assertThat(c.properties().keySet()).isSubsetOf("file", "title");
            // The student's text arrives whole, as the message of the grader's own annotation.
            assertThat(c.data()).isEqualTo(HostileStudent.ATTACK);
        });
        assertThat(commands).filteredOn(c -> c.properties().containsKey("file")).extracting(c -> c.properties().get("file"))
                .allSatisfy(file -> assertThat(file).startsWith(student.submission().folder().toString()));

        List<Command> error = commands(printed(() -> GitHubActions.error(HostileStudent.ATTACK)));
        assertThat(error).containsExactly(new Command("error", Map.of("title", "dl-grader could not grade"), HostileStudent.ATTACK));
    }

    @Test
    void aStudentCannotBreakTheSummarysTablesNorPutHtmlInIt() throws IOException {
        Assignment assignment = Assignment.load(Assignment.DEFAULT);
        StudentResult student = HostileStudent.of(assignment);
        Path summary = onGitHubActions();

        GitHubActions.summary(assignment, List.of(student), List.of("folder " + HostileStudent.ATTACK), List.of(HostileStudent.ATTACK));

        String md = Files.readString(summary, StandardCharsets.UTF_8);
        assertTablesHold(md);
        List<String> rows = md.lines().filter(l -> l.startsWith("|")).toList();
        long ungradable = student.exercises().stream().filter(e -> e.outcome() != Outcome.MEASURED && !e.outcome().byHand()).count();
        assertThat(rows).as("the class table's header, rule and one row, then the ungradable table's\n" + md)
                .hasSize(3 + 2 + (int) ungradable);
        // Every line is the grader's: a heading, a table row, the grader error's quote, a problem, or empty.
        assertThat(md.lines()).as(md).allSatisfy(line -> assertThat(line).matches("|## .*|### .*|\\|.*|> \\*\\*.*|- .*"));
        assertThat(md.lines().filter(l -> l.startsWith("- "))).hasSize(1);
        assertThat(md.lines().filter(l -> l.startsWith("> "))).hasSize(1);
        // HTML is shown as text: no tag, no entity the student wrote decoded; no image from elsewhere.
        assertThat(md).doesNotContain("<").doesNotContain("](").contains("&lt;img src=x onerror=alert(1)&gt;");
        assertThat(md.chars().filter(c -> Character.isISOControl(c) && c != '\n')).as("control characters").isEmpty();
        // The name is still there to read.
        assertThat(rows.get(2)).startsWith("|2024002|李四::error::forged %0A::error::decoded %25 ::warning::x");
    }

    // ---- the runner, as it reads a step's output and its summary's tables

    record Command(String name, Map<String, String> properties, String data) {
    }

    /** The lines the runner sees: .NET's ReadLine ends a line at \n, \r or \r\n. */
    private static List<String> runnerLines(String out) {
        return out.isEmpty() ? List.of() : Arrays.asList(out.split("\r\n|\r|\n"));
    }

    /**
     * The workflow commands in {@code out}, decoded as the runner decodes them (ActionCommand.TryParseV2,
     * and the legacy {@code ##[command]} form that TryParse finds anywhere in a line); a line that is
     * no command is an assertion failure, since everything printed here is meant as one.
     */
    static List<Command> commands(String out) {
        return runnerLines(out).stream().map(line -> {
            String message = line.stripLeading();
            assertThat(message).as("a line the runner reads").startsWith("::");
            int end = message.indexOf("::", 2);
            assertThat(end).as(line).isPositive();
            String info = message.substring(2, end);
            int space = info.indexOf(' ');
            String name = space < 0 ? info : info.substring(0, space);
            Map<String, String> properties = new LinkedHashMap<>();
            if (space > 0) {
                for (String pair : info.substring(space + 1).trim().split(",")) {
                    String[] kv = pair.split("=", 2);
                    if (kv.length == 2 && !kv[0].isEmpty() && !kv[1].isEmpty()) {
                        properties.put(kv[0], kv[1].replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":")
                                .replace("%2C", ",").replace("%25", "%"));
                    }
                }
            }
            String data = message.substring(end + 2).replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%");
            return new Command(name, properties, data);
        }).toList();
    }

    /**
     * Every table row has as many cells as its header. GFM splits a row at each pipe not escaped by
     * a backslash right before it (cmark-gfm: {@code escaped_char = [\\][|]}, whatever precedes the
     * backslash), so a name ending in a backslash would take the pipe after it.
     */
    private static void assertTablesHold(String md) {
        Integer columns = null;
        for (String line : md.lines().toList()) {
            if (!line.startsWith("|")) {
                columns = null;
                continue;
            }
            int cells = line.split("(?<!\\\\)\\|", -1).length - 2;
            if (columns == null) {
                columns = cells;
            }
            assertThat(cells).as(line).isEqualTo(columns);
        }
    }

    private static String printed(Runnable action) {
        PrintStream console = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.out.flush();
            System.setOut(console);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String number(double points) {
        return new java.math.BigDecimal(Double.toString(points)).stripTrailingZeros().toPlainString();
    }

    /** `-Dsubmission=/home/ci/work/submissions/…` still puts the annotation on the file in the pull request. */
    @Test
    void anAnnotationNamesTheFileFromTheRepositoryRoot() {
        Path file = Path.of("submissions", "2024002-李四", "model.pth");
        assertThat(GitHubActions.inWorkspace(file.toAbsolutePath())).isEqualTo(file.toString());
        assertThat(GitHubActions.inWorkspace(Path.of("/elsewhere/model.pth"))).isEqualTo("/elsewhere/model.pth");
    }
}
