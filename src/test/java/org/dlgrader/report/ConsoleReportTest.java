package org.dlgrader.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dlgrader.grading.Assignment;
import org.dlgrader.grading.ExerciseResult;
import org.dlgrader.grading.Score;
import org.dlgrader.grading.StudentResult;
import org.dlgrader.i18n.Language;
import org.dlgrader.i18n.Messages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the console says after a real grading run of the example class: the self-check's block a
 * student reads (each exercise with its points, each ✗ with their value, the requirement and the
 * reason, their page last), in English and in the class's Chinese, and the table a teacher reads,
 * whose columns must line up in a terminal although 张三 takes four columns and 王 小明 seven.
 */
class ConsoleReportTest {

    @TempDir
    Path reports;

    @AfterEach
    void english() {
        Messages.use(Language.EN);
    }

    /** The console as the run spoke it: rendered in the language the class was graded in. */
    private static List<String> block(ExampleClassGraded.Run run, String id, Path reports) {
        Messages.use(run.language());
        return ConsoleReport.student(run.assignment(), run.student(id), reports).lines().toList();
    }

    @Test
    @Tag("slow")
    void aStudentWithTypicalMistakesReadsEveryFailureWithTheReasonInEnglish() {
        ExampleClassGraded.Run run = ExampleClassGraded.in(Language.EN);
        StudentResult lisi = run.student("2024002");
        List<String> lines = block(run, "2024002", reports);

        assertThat(lines.get(1)).startsWith("2024002 李四 · Lesson 04: deep learning basics")
                .endsWith(number(lisi.points()) + " / 55 points");
        assertExerciseLines(lines, lisi, "points", "no file");
        assertThat(section(lines, "linear")).anySatisfy(line -> assertThat(line).startsWith("  ✓ bias b  "))
                .anySatisfy(line -> assertThat(line).matches("  ✗ weight w +yours 4\\.\\d{4} +required 5\\.000 ± 0\\.150 +reference 5\\.0\\d{3}"));
        assertThat(reasonAfter(lines, "linear", "✗ weight w"))
                .matches("w = 4\\.\\d{3} is 0\\.\\d{3} away from 5\\.000; it must be within 0\\.150 \\(reference 5\\.014\\)");
        assertThat(section(lines, "fashion-mlp"))
                .anySatisfy(line -> assertThat(line).matches("  ✗ test accuracy +yours 0\\.\\d{4} +required ≥ 0\\.620 +reference 0\\.64\\d{2}"));
        assertThat(reasonAfter(lines, "fashion-mlp", "✗ test accuracy"))
                .matches("accuracy 0\\.\\d{3} is below the required 0\\.620 \\(reference 0\\.642\\)");
        assertThat(reasonAfter(lines, "fashion-keras", "✗ model file")).isEqualTo("no model file for fashion-keras in 2024002-李四; "
                + "accepted names: image_classify.h5, image_classify.keras, image_classify.pt, image_classify.params, image_classify.onnx");
        assertThat(reasonAfter(lines, "square", "✗ model loads"))
                .startsWith("square.pth is not a state_dict: it asks Python to build torch.nn.modules.container.Sequential")
                .contains("torch.save(model.state_dict(), \"square.pth\")");
        assertEveryFailureShown(lines, lisi);
        assertThat(lines.get(lines.size() - 2)).startsWith("Self-check failed: " + failed(lisi) + " check(s) did not pass");
        assertThat(lines.get(lines.size() - 1)).isEqualTo("Your page: " + page(reports, "2024002"));
        assertValuesLineUp(lines, "yours ");
    }

    @Test
    @Tag("slow")
    void theSameStudentReadsItInTheClasssChinese() {
        ExampleClassGraded.Run run = ExampleClassGraded.in(Language.ZH_CN);
        StudentResult lisi = run.student("2024002");
        List<String> lines = block(run, "2024002", reports);

        assertThat(lines.get(1)).startsWith("2024002 李四 · 第四课：深度学习入门").endsWith(number(lisi.points()) + " / 55 分");
        assertExerciseLines(lines, lisi, "分", "未提交文件");
        assertThat(section(lines, "linear")).anySatisfy(line -> assertThat(line).startsWith("  ✓ 偏置 b  "))
                .anySatisfy(line -> assertThat(line).matches("  ✗ 权重 w +你的 4\\.\\d{4} +要求 5\\.000 ± 0\\.150 +参考 5\\.0\\d{3}"));
        assertThat(reasonAfter(lines, "linear", "✗ 权重 w"))
                .matches("w = 4\\.\\d{3}，与 5\\.000 相差 0\\.\\d{3}；差距必须在 0\\.150 以内（参考值 5\\.014）");
        assertThat(section(lines, "fashion-mlp"))
                .anySatisfy(line -> assertThat(line).matches("  ✗ 测试集准确率 +你的 0\\.\\d{4} +要求 ≥ 0\\.620 +参考 0\\.64\\d{2}"));
        assertThat(reasonAfter(lines, "fashion-mlp", "✗ 测试集准确率")).matches("准确率为 0\\.\\d{3}，低于要求的 0\\.620（参考值 0\\.642）");
        assertThat(reasonAfter(lines, "fashion-keras", "✗ 模型文件")).isEqualTo("2024002-李四 中没有练习 fashion-keras 的模型文件；"
                + "可接受的文件名：image_classify.h5, image_classify.keras, image_classify.pt, image_classify.params, image_classify.onnx");
        assertThat(reasonAfter(lines, "square", "✗ 模型加载"))
                .startsWith("square.pth 不是 state_dict：它要求 Python 构建 torch.nn.modules.container.Sequential")
                .contains("torch.save(model.state_dict(), \"square.pth\")");
        assertEveryFailureShown(lines, lisi);
        assertThat(lines.get(lines.size() - 2)).startsWith("自查未通过：有 " + failed(lisi) + " 项检查未通过");
        assertThat(lines.get(lines.size() - 1)).isEqualTo("你的报告页面：" + page(reports, "2024002"));
        // 测试集准确率 is 12 columns wide, 权重 w 6: the values still start in one column.
        assertValuesLineUp(lines, "你的 ");
    }

    @Test
    @Tag("slow")
    void fullPointsSayPassedWithoutACross() {
        for (Language language : Language.values()) {
            ExampleClassGraded.Run run = ExampleClassGraded.in(language);
            for (String id : List.of("2024001", "2024003")) {
                List<String> lines = block(run, id, reports);
                String all = String.join("\n", lines);
                assertThat(all).as(language + " " + id).doesNotContain("✗");
                assertThat(lines.get(1)).startsWith(id + " " + run.student(id).submission().name() + " · ")
                        .endsWith(language == Language.EN ? "45 / 55 points" : "45 / 55 分");
                assertThat(lines.get(lines.size() - 2)).startsWith(language == Language.EN ? "Self-check passed" : "自查通过");
                assertThat(lines.get(lines.size() - 1)).endsWith(page(reports, id).toString());
            }
        }
        // TorchScript and Keras are the files named in the block, not the names the grader looks for first.
        assertThat(block(ExampleClassGraded.in(Language.EN), "2024003", reports))
                .anySatisfy(line -> assertThat(line).startsWith("linear · ").contains("[linear.pt]"))
                .anySatisfy(line -> assertThat(line).startsWith("fashion-mlp · ").contains("[quickstart.pt]"));
    }

    @Test
    @Tag("slow")
    void theClassTableLinesUpByDisplayWidthAndShowsEveryTotal() {
        for (Language language : Language.values()) {
            ExampleClassGraded.Run run = ExampleClassGraded.in(language);
            Messages.use(language);
            List<String> lines = ConsoleReport.classSummary(run.assignment(), run.results(), List.of(), List.of(), reports)
                    .lines().toList();
            List<List<Cell>> table = lines.subList(0, 4).stream().map(ConsoleReportTest::cells).toList();
            assertThat(table.get(0)).extracting(Cell::text)
                    .containsExactly(language == Language.EN ? "id" : "学号", language == Language.EN ? "name" : "姓名",
                            "linear", "fashion-mlp", "fashion-keras", "square", "pytorch-example", "screenshots", language == Language.EN ? "total" : "总分");
            assertThat(table.subList(1, 4)).extracting(row -> row.get(0).text() + " " + row.get(1).text())
                    .containsExactly("2024001 张三", "2024002 李四", "2024003 王 小明");
            for (int row = 1; row < 4; row++) {
                StudentResult result = run.student(table.get(row).get(0).text());
                assertThat(table.get(row)).as(lines.get(row)).hasSize(9);
                for (int e = 0; e < 5; e++) {
                    assertThat(table.get(row).get(2 + e).text()).isEqualTo(number(result.exercises().get(e).points()));
                }
                // No grades-manual.csv in the tests: the screenshots wait for the teacher.
                assertThat(table.get(row).get(7).text()).isEqualTo(StudentPage.cell(result.exercises().get(5)))
                        .isEqualTo(language == Language.EN ? "not graded yet" : "待评分");
                assertThat(table.get(row).get(8).text()).isEqualTo(number(result.points()) + " / 55");
            }
            // Text columns start in one column, number columns end in one, in a terminal's columns.
            for (int column = 0; column < 8; column++) {
                int c = column;
                if (column < 2) {
                    assertThat(table).as(language + " column " + column + "\n" + String.join("\n", lines.subList(0, 4)))
                            .extracting(row -> row.get(c).start()).containsOnly(table.get(0).get(c).start());
                } else {
                    assertThat(table.subList(1, 4)).as(language + " column " + column + "\n" + String.join("\n", lines.subList(0, 4)))
                            .extracting(row -> row.get(c).end()).containsOnly(table.get(1).get(c).end());
                }
            }
            int namesEnd = table.stream().mapToInt(row -> row.get(1).end()).max().orElseThrow();
            assertThat(table).extracting(row -> row.get(2).start()).allSatisfy(start -> assertThat(start).isGreaterThanOrEqualTo(namesEnd + 2));

            String rest = String.join("\n", lines.subList(4, lines.size()));
            assertThat(rest).contains("2024002 李四 · fashion-keras · ").contains("2024002 李四 · square · ")
                    .contains("image_classify.h5, image_classify.keras, image_classify.pt, image_classify.params")
                    .contains("2024002 李四 · pytorch-example · ")
                    .doesNotContain("2024001").doesNotContain("2024003");
            assertThat(lines.get(lines.size() - 1)).endsWith(reports.resolve("index.html").toAbsolutePath().normalize().toString());
        }
    }

    /** A reason with line breaks stays on its ✗ line: the next line is never the student's text alone. */
    @Test
    void aReasonOnSeveralLinesIsShownOnOne() {
        Score score = new Score("linear", "model loads", 0, 0, false, Double.NaN, "", null, "first line\nsecond line\r\n  third");
        assertThat(ConsoleReport.check(score)).isEqualTo("  ✗ model loads\n      → first line second line third\n");
    }

    /**
     * On GitHub Actions the console is read for workflow commands: a line starting (after spaces)
     * with {@code ::} anywhere, {@code ##[command]} anywhere in a line. In a terminal, escapes could
     * move the cursor back over the gradebook. A student's name and reasons must do neither.
     */
    @Test
    void aStudentsNameAndReasonsCannotCommandTheRunnerNorTheTerminal() {
        Assignment assignment = Assignment.load(Assignment.DEFAULT);
        StudentResult hostile = HostileStudent.of(assignment);

        String block = ConsoleReport.student(assignment, hostile, reports);
        String summary = ConsoleReport.classSummary(assignment, List.of(hostile), List.of("folder " + HostileStudent.ATTACK),
                List.of(), reports);

        for (String out : List.of(block, summary)) {
            List<String> lines = List.of(out.split("\r\n|\r|\n"));
            assertThat(lines).as(out).allSatisfy(line -> {
                assertThat(line.stripLeading()).doesNotStartWith("::");
                assertThat(line).doesNotContain("##[");
                assertThat(line.chars().filter(Character::isISOControl)).as("control characters in " + line).isEmpty();
            });
        }
        List<String> table = summary.lines().toList();
        assertThat(cells(table.get(1))).as(summary).hasSize(9).first().extracting(Cell::text).isEqualTo("2024002");
        assertThat(table.get(2)).as("the table is the header and one row").startsWith("Could not be graded (3):");
        // The student block keeps its shape: one line for the student, one per exercise, two per check.
        assertThat(block.lines().filter(l -> l.startsWith("2024002 "))).hasSize(1);
        assertThat(block.lines().filter(l -> l.startsWith("  ✗ "))).hasSize((int) failed(hostile));
        assertThat(block.lines().filter(l -> l.startsWith("      → "))).hasSize((int) hostile.scores().stream()
                .filter(s -> !s.passed()).count());
    }

    @Test
    void widthCountsAChineseCharacterAsTwoColumns() {
        assertThat(ConsoleReport.width("张三")).isEqualTo(4).isEqualTo(columns("张三"));
        assertThat(ConsoleReport.width("王 小明")).isEqualTo(7);
        assertThat(ConsoleReport.width("测试集准确率")).isEqualTo(12);
        assertThat(ConsoleReport.width("Zhang")).isEqualTo(5);
    }

    // ---- what a student's block is made of

    private static void assertExerciseLines(List<String> lines, StudentResult result, String pointsWord, String noFile) {
        for (ExerciseResult exercise : result.exercises()) {
            if (exercise.exercise().manual()) {
                assertThat(exerciseLine(lines, exercise.exercise().id())).startsWith(exercise.exercise().id() + " · "
                        + exercise.exercise().title() + "  [").doesNotEndWith(" 0 / 10 " + pointsWord);
                continue;
            }
            String file = exercise.file() == null ? noFile : exercise.file();
            assertThat(exerciseLine(lines, exercise.exercise().id())).as(exercise.exercise().id())
                    .startsWith(exercise.exercise().id() + " · " + exercise.exercise().title() + "  [" + file + "]")
                    .endsWith(" " + number(exercise.points()) + " / " + number(exercise.exercise().maxPoints()) + " " + pointsWord);
        }
        assertThat(exerciseLine(lines, "fashion-keras")).endsWith(" 0 / 10 " + pointsWord);
        assertThat(exerciseLine(lines, "square")).endsWith(" 0 / 10 " + pointsWord);
        assertThat(lines.stream().filter(l -> l.matches("\\S+ · .*")).map(l -> l.substring(0, l.indexOf(" "))))
                .as("exercises in the assignment's order").containsExactly("linear", "fashion-mlp", "fashion-keras", "square", "pytorch-example",
                        "screenshots");
    }

    /** Every failed check appears as ✗ under its own exercise, with the student's value when there is one. */
    private static void assertEveryFailureShown(List<String> lines, StudentResult result) {
        for (ExerciseResult exercise : result.exercises()) {
            List<String> section = section(lines, exercise.exercise().id());
            for (Score score : exercise.scores()) {
                String mark = (score.pending() ? "  ○ " : score.passed() ? "  ✓ " : "  ✗ ") + score.check();
                assertThat(section).as(exercise.exercise().id()).anySatisfy(line -> {
                    assertThat(line).startsWith(mark);
                    if (!Double.isNaN(score.value())) {
                        assertThat(line).contains(StudentPage.format(score.value()));
                    }
                });
            }
        }
    }

    private static String exerciseLine(List<String> lines, String exercise) {
        return lines.stream().filter(l -> l.startsWith(exercise + " · ")).findFirst().orElseThrow();
    }

    /** The lines of one exercise: from its line to the next exercise or the closing rule. */
    private static List<String> section(List<String> lines, String exercise) {
        int start = lines.indexOf(exerciseLine(lines, exercise));
        List<String> section = new ArrayList<>();
        for (int i = start + 1; i < lines.size() && lines.get(i).startsWith("  "); i++) {
            section.add(lines.get(i));
        }
        return section;
    }

    /** The reason under a ✗ line: the next line, "      → reason". */
    private static String reasonAfter(List<String> lines, String exercise, String mark) {
        List<String> section = section(lines, exercise);
        for (int i = 0; i < section.size() - 1; i++) {
            if (section.get(i).startsWith("  " + mark)) {
                assertThat(section.get(i + 1)).startsWith("      → ");
                return section.get(i + 1).substring("      → ".length());
            }
        }
        throw new AssertionError("no line " + mark + " under " + exercise + ":\n" + String.join("\n", lines));
    }

    private static void assertValuesLineUp(List<String> lines, String yours) {
        List<Integer> starts = lines.stream().filter(l -> l.contains(yours)).map(l -> columns(l.substring(0, l.indexOf(yours)))).toList();
        assertThat(starts).hasSizeGreaterThanOrEqualTo(3).containsOnly(starts.get(0));
    }

    private static long failed(StudentResult result) {
        return result.scores().stream().filter(Score::failed).count();
    }

    private static Path page(Path reports, String id) {
        return reports.resolve(id).resolve("index.html").toAbsolutePath().normalize();
    }

    /** Points as a teacher writes them: 40, 9.24, 0. */
    private static String number(double points) {
        return new BigDecimal(Double.toString(points)).stripTrailingZeros().toPlainString();
    }

    // ---- a table cell and where it sits, counted apart from ConsoleReport.width

    record Cell(String text, int start, int end) {
    }

    /** Cells are separated by two spaces or more; one space belongs to the cell ("王 小明", "40 / 40"). */
    private static List<Cell> cells(String line) {
        List<Cell> cells = new ArrayList<>();
        Matcher m = Pattern.compile("\\S+(?: \\S+)*").matcher(line);
        while (m.find()) {
            int start = columns(line.substring(0, m.start()));
            cells.add(new Cell(m.group(), start, start + columns(m.group())));
        }
        return cells;
    }

    /** A terminal's columns: two for a Han character or fullwidth punctuation, one for anything else here. */
    static int columns(String text) {
        return text.codePoints().map(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN
                || (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF01 && cp <= 0xFF60) ? 2 : 1).sum();
    }
}
