package org.dlgrader.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An exercise graded by hand ({@code "manual": true} in assignment.json) and the teacher's
 * {@code grades-manual.csv}, as a spreadsheet writes it: every mistake in either stops the run with
 * a sentence naming the file and the line (or the exercise), never a silent skip.
 */
class ManualGradesTest {

    static final String SCREENSHOTS = "{\"id\": \"screenshots\", \"title\": {\"zh-CN\": \"运行本课代码的截图\", "
            + "\"en\": \"Screenshots of the lesson's code running\"}, \"manual\": true, \"points\": 10}";
    private static final List<String> CLASS = List.of("2024001", "2024002", "2024003");

    @TempDir
    Path dir;

    /** The lesson's assignment with {@code exercise} first among its exercises, in place of its own manual one. */
    private Path lessonWith(String exercise) throws IOException {
        String text = Files.readString(Assignment.DEFAULT, StandardCharsets.UTF_8);
        // The lesson's own manual exercise out, this one in.
        int start = text.indexOf(",\n    {\n      // No model shows it");
        assertThat(start).as("the lesson's screenshots exercise").isPositive();
        text = text.substring(0, start) + text.substring(text.indexOf("\n  ]", start));
        Path file = dir.resolve("assignment.json");
        Files.writeString(file, text.replace("\"exercises\": [", "\"exercises\": [\n    " + exercise + ","), StandardCharsets.UTF_8);
        return file;
    }

    private Path csv(String name, String text, Charset charset) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text, charset);
        return file;
    }

    @Test
    void aManualExerciseHasPointsAndTitlesOnly() throws IOException {
        Assignment assignment = Assignment.load(lessonWith(SCREENSHOTS));
        ExerciseSpec screenshots = assignment.exercises().get(0);
        assertThat(screenshots.manual()).isTrue();
        assertThat(screenshots.title()).isEqualTo("Screenshots of the lesson's code running");
        assertThat(screenshots.maxPoints()).isEqualTo(10);
        assertThat(screenshots.files()).isEmpty();
        assertThat(screenshots.checks()).isEmpty();
        assertThat(assignment.maxPoints()).isEqualTo(55);
        assertThat(assignment.exercises().get(1).manual()).isFalse();
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "\"manual\": true, \"points\": 10 | \"manual\": true, \"points\": 10, \"files\": [\"shot.png\"] | assignment.json, exercise 'screenshots' is graded by hand (\"manual\": true): remove \"files\", which only an exercise graded from a model file has.",
        "\"manual\": true, \"points\": 10 | \"manual\": true, \"points\": 10, \"task\": \"linear\" | assignment.json, exercise 'screenshots' is graded by hand (\"manual\": true): remove \"task\"",
        "\"manual\": true, \"points\": 10 | \"manual\": true, \"points\": 10, \"checks\": [] | assignment.json, exercise 'screenshots' is graded by hand (\"manual\": true): remove \"checks\"",
        "\"manual\": true, \"points\": 10 | \"manual\": true | assignment.json, exercise 'screenshots' has no \"points\".",
        "\"manual\": true, \"points\": 10 | \"manual\": true, \"points\": 0 | assignment.json, exercise 'screenshots': \"points\" must be more than 0 (it is 0.000).",
        "\"manual\": true, \"points\": 10 | \"manual\": \"yes\", \"points\": 10 | assignment.json, exercise 'screenshots': \"manual\" must be true or false, not \"yes\".",
        "\"manual\": true, \"points\": 10 | \"points\": 10 | assignment.json, exercise 'screenshots': \"points\" belong to the checks of an exercise graded from a model file; for an exercise the teacher grades by hand, add \"manual\": true.",
        "\"manual\": true, \"points\": 10 | \"manul\": true, \"points\": 10 | assignment.json, exercise 'screenshots': unknown key \"manul\" (did you mean 'manual'?)",
        "\"manual\": true, \"points\": 10 | \"manual\": false | assignment.json, exercise 'screenshots' has no \"files\", \"task\" or \"checks\": list them, or add \"manual\": true and its \"points\" for an exercise the teacher grades by hand."})
    void eachMistakeInAManualExerciseNamesIt(String from, String to, String message) throws IOException {
        Path file = lessonWith(SCREENSHOTS.replace(from, to));
        assertThatThrownBy(() -> Assignment.load(file)).isInstanceOf(AssignmentError.class).hasMessageContaining(message);
    }

    @Test
    void aSpreadsheetsCsvWithBomQuotesAndChineseIsRead() throws IOException {
        Assignment assignment = Assignment.load(lessonWith(SCREENSHOTS));
        // As Excel saves "CSV UTF-8": a BOM, CRLF, a comment quoted because it holds a comma and a line break.
        Path file = csv("grades-manual.csv", "\uFEFFstudent_id,exercise,points,comment\r\n"
                + "2024001,screenshots,10,\"截图齐全，运行正常\r\n第二张也很好\"\r\n"
                + "2024002,screenshots,6.5,\"少了 ReLU 那一段的截图, 其余都有\"\r\n", StandardCharsets.UTF_8);
        ManualGrades grades = ManualGrades.read(file, assignment, CLASS);
        assertThat(grades.of("2024001", "screenshots")).contains(new ManualGrades.Grade(10, "截图齐全，运行正常\r\n第二张也很好"));
        assertThat(grades.of("2024002", "screenshots")).contains(new ManualGrades.Grade(6.5, "少了 ReLU 那一段的截图, 其余都有"));
        assertThat(grades.of("2024003", "screenshots")).isEmpty();

        Path plain = csv("plain.csv", "student_id,exercise,points\n2024003,screenshots,0\n", StandardCharsets.UTF_8);
        assertThat(ManualGrades.read(plain, assignment, CLASS).of("2024003", "screenshots")).contains(new ManualGrades.Grade(0, ""));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "2024004,screenshots,8,ok | grades-manual.csv, line 3: no student in the class has the id \"2024004\" (did you mean '2024001'?).",
        "2024002,screenshot,8,ok | grades-manual.csv, line 3: the assignment has no exercise \"screenshot\" (did you mean 'screenshots'?); the exercises graded by hand are: screenshots.",
        "2024002,linear,8,ok | grades-manual.csv, line 3: exercise \"linear\" is graded from the student's model file, not by hand; the exercises graded by hand are: screenshots.",
        "2024002,screenshots,eight,ok | grades-manual.csv, line 3: the points \"eight\" for 2024002, screenshots are not a number.",
        "2024002,screenshots,NaN,ok | grades-manual.csv, line 3: the points \"NaN\" for 2024002, screenshots are not a number.",
        "2024002,screenshots,, | grades-manual.csv, line 3: the points \"\" for 2024002, screenshots are not a number.",
        "2024002,screenshots,10.5,ok | grades-manual.csv, line 3: the points 10.5 for 2024002, screenshots must be between 0 and 10.000.",
        "2024002,screenshots,-1,ok | grades-manual.csv, line 3: the points -1 for 2024002, screenshots must be between 0 and 10.000.",
        "2024001,screenshots,9,again | grades-manual.csv, line 3: 2024001 already has points for screenshots on line 2; keep one row."})
    void eachBadRowStopsTheRunNamingFileAndLine(String row, String message) throws IOException {
        Assignment assignment = Assignment.load(lessonWith(SCREENSHOTS));
        Path file = csv("grades-manual.csv", "\uFEFFstudent_id,exercise,points,comment\n2024001,screenshots,10,\"好\"\n" + row + "\n",
                StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ManualGrades.read(file, assignment, CLASS)).isInstanceOf(GraderError.class)
                .hasMessage(file + message.substring("grades-manual.csv".length()));
    }

    @Test
    void aRowAfterAMultiLineCommentIsNamedByItsOwnLine() throws IOException {
        Assignment assignment = Assignment.load(lessonWith(SCREENSHOTS));
        Path file = csv("grades-manual.csv", "student_id,exercise,points,comment\n2024001,screenshots,10,\"第一行\n第二行, 还有逗号\"\n"
                + "2024002,screenshots,11,太多\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ManualGrades.read(file, assignment, CLASS)).hasMessageStartingWith(file + ", line 4: the points 11");
    }

    @Test
    void aWrongHeaderOrEncodingIsTheTeachersToFix() throws IOException {
        Assignment assignment = Assignment.load(lessonWith(SCREENSHOTS));
        Path header = csv("h.csv", "学号,练习,分数\n2024001,screenshots,10\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ManualGrades.read(header, assignment, CLASS)).isInstanceOf(GraderError.class)
                .hasMessage(header + ", line 1: the first row must name the columns student_id,exercise,points,comment; it is \"学号,练习,分数\".");
        Path gbk = csv("gbk.csv", "student_id,exercise,points,comment\n2024001,screenshots,10,截图齐全\n", Charset.forName("GBK"));
        assertThatThrownBy(() -> ManualGrades.read(gbk, assignment, CLASS)).isInstanceOf(GraderError.class)
                .hasMessage(gbk + " is not UTF-8: save it as \"CSV UTF-8\" (with or without a BOM).");
    }

    @Test
    void aFileNamedOnTheCommandLineMustExist() throws IOException {
        Assignment assignment = Assignment.load(lessonWith(SCREENSHOTS));
        Path absent = dir.resolve("nowhere.csv");
        String before = System.getProperty(ManualGrades.PROPERTY);
        System.setProperty(ManualGrades.PROPERTY, absent.toString());
        try {
            assertThatThrownBy(() -> ManualGrades.load(assignment, CLASS)).isInstanceOf(GraderError.class)
                    .hasMessage(absent + " does not exist (named by -Dgrader.manual).");
            System.setProperty(ManualGrades.PROPERTY, ManualGrades.NO_FILE);
            assertThat(ManualGrades.load(assignment, CLASS).of("2024001", "screenshots")).isEmpty();
        } finally {
            if (before == null) {
                System.clearProperty(ManualGrades.PROPERTY);
            } else {
                System.setProperty(ManualGrades.PROPERTY, before);
            }
        }
    }

    @Test
    void withoutARowTheExerciseWaitsForTheTeacherAndIsNoFailure() throws IOException {
        Assignment assignment = Assignment.load(lessonWith(SCREENSHOTS));
        ExerciseSpec screenshots = assignment.exercises().get(0);
        ExerciseResult pending = Scoring.manual(screenshots, java.util.Optional.empty());
        assertThat(pending.outcome()).isEqualTo(Outcome.PENDING);
        assertThat(pending.points()).isZero();
        assertThat(pending.scores()).singleElement().satisfies(s -> {
            assertThat(s.pending()).isTrue();
            assertThat(s.failed()).isFalse();
            assertThat(s.maxPoints()).isEqualTo(10);
            assertThat(s.message()).startsWith("Not graded yet");
        });
        ExerciseResult graded = Scoring.manual(screenshots, java.util.Optional.of(new ManualGrades.Grade(7, "缺一张")));
        assertThat(graded.outcome()).isEqualTo(Outcome.MANUAL);
        assertThat(graded.points()).isEqualTo(7);
        assertThat(graded.scores().get(0).message()).isEqualTo("缺一张");
        assertThat(graded.scores().get(0).failed()).isFalse();
    }
}
