package org.dlgrader.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dlgrader.engine.EngineSettings;
import org.dlgrader.grading.GraderError;
import org.dlgrader.grading.ManualGrades;
import org.dlgrader.grading.Shard;
import org.dlgrader.report.ConsoleReport;
import org.dlgrader.report.Merge;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small class graded as a teacher grades it, with an exercise graded by hand: the points and
 * comments of grades-manual.csv reach the gradebook, results.json, the student and class pages and
 * the console; a rerun keeps them, an edited file changes them, shards merged equal one run, and a
 * bad row stops the run naming the file and the line.
 */
class ManualGradesRunTest {

    private static final String ASSIGNMENT = """
            {
              "title": {"zh-CN": "第四课：深度学习入门", "en": "Lesson 04: deep learning basics"},
              "seed": 20261129,
              "limits": {"isolate": false},
              "testSetChecks": {"trainingSample": 0, "privateSample": 0},
              "exercises": [
                {"id": "linear", "title": {"zh-CN": "线性回归 y = 5x + 7", "en": "Linear regression y = 5x + 7"},
                 "files": ["linear.pt", "linear.pth"], "task": "linear",
                 "checks": [
                   {"name": {"zh-CN": "权重 w", "en": "weight w"}, "metric": "w", "points": 5, "target": 5.0, "tolerance": 0.15, "partialTolerance": 1.0},
                   {"name": {"zh-CN": "偏置 b", "en": "bias b"}, "metric": "b", "points": 5, "target": 7.0, "tolerance": 0.15, "partialTolerance": 1.0}
                 ]},
                {"id": "screenshots", "title": {"zh-CN": "运行本课代码的截图", "en": "Screenshots of the lesson's code running"},
                 "manual": true, "points": 10}
              ]
            }
            """;
    private static final String COMMENT = "截图齐全，运行正常\n第二张也很好";

    @TempDir
    Path work;
    Path assignment;
    Path students;
    Path grades;

    @BeforeEach
    void aClassOfThree() throws IOException {
        EngineSettings.applyDefaults();
        assignment = Files.writeString(work.resolve("assignment.json"), ASSIGNMENT, StandardCharsets.UTF_8);
        students = Files.createDirectories(work.resolve("submissions"));
        Files.copy(Path.of("submissions/2024001-张三/linear.pth"), Files.createDirectories(students.resolve("2024001-张三")).resolve("linear.pth"));
        Files.copy(Path.of("submissions/2024002-李四/linear.pth"), Files.createDirectories(students.resolve("2024002-李四")).resolve("linear.pth"));
        Files.copy(Path.of("submissions/2024003-王 小明/linear.pt"), Files.createDirectories(students.resolve("2024003-王 小明")).resolve("linear.pt"));
        grades = work.resolve("grades-manual.csv");
        writeGrades("2024001,screenshots,10,\"" + COMMENT + "\"", "2024002,screenshots,4,\"只有一张截图, 缺少训练输出\"");
        before = System.getProperty(ManualGrades.PROPERTY);
        System.setProperty(ManualGrades.PROPERTY, grades.toString());
    }

    private String before;

    @AfterEach
    void restoreTheSetting() {
        if (before == null) {
            System.clearProperty(ManualGrades.PROPERTY);
        } else {
            System.setProperty(ManualGrades.PROPERTY, before);
        }
    }

    /** As Excel's "CSV UTF-8" writes it: a BOM, CRLF line ends. */
    private void writeGrades(String... rows) throws IOException {
        Files.writeString(grades, "\uFEFFstudent_id,exercise,points,comment\r\n" + String.join("\r\n", rows) + "\r\n", StandardCharsets.UTF_8);
    }

    private ClassRun.Graded grade(Path reports, Shard shard) throws IOException {
        return ClassRun.gradeFolder(assignment, students, reports, shard);
    }

    private static String row(String gradebook, String id) {
        return gradebook.lines().filter(l -> l.startsWith(id + ",")).findFirst().orElseThrow();
    }

    @Test
    void manualPointsReachEveryReportAndFollowTheFile() throws IOException {
        Path reports = work.resolve("reports");
        ClassRun.Graded graded = grade(reports, Shard.ALL);

        String gradebook = Files.readString(reports.resolve("gradebook.csv"));
        assertThat(gradebook).startsWith("\uFEFFstudent_id,name,linear,screenshots,total,max_total,submitted_at,days_late,late_penalty\r\n");
        double linear1 = graded.results().stream().filter(r -> r.submission().studentId().equals("2024001")).findFirst().orElseThrow()
                .exercises().get(0).points();
        assertThat(row(gradebook, "2024001")).contains(",10," + number(linear1 + 10) + ",20,");
        assertThat(row(gradebook, "2024002")).contains(",4,");
        // No row yet: the cell says so (a 0 would read as a failure); the total counts it as 0.
        assertThat(row(gradebook, "2024003")).contains(",not graded yet,").contains(",20,");

        JsonNode results = new ObjectMapper().readTree(reports.resolve("2024001/results.json").toFile());
        JsonNode test = find(results, "screenshots: graded by hand");
        assertThat(test.get("score").asDouble()).isEqualTo(10);
        assertThat(test.get("max_score").asDouble()).isEqualTo(10);
        assertThat(test.get("status").asText()).isEqualTo("passed");
        assertThat(test.get("output").asText()).isEqualTo(COMMENT);
        assertThat(results.get("max_score").asDouble()).isEqualTo(20);
        JsonNode pending = find(new ObjectMapper().readTree(reports.resolve("2024003/results.json").toFile()), "screenshots: graded by hand");
        assertThat(pending.get("score").asDouble()).isZero();
        assertThat(pending.has("status")).as("neither passed nor failed").isFalse();
        assertThat(pending.get("output").asText()).startsWith("Not graded yet: the teacher grades this exercise by hand");

        String page1 = Files.readString(reports.resolve("2024001/index.html"));
        // Mustache writes the comment's line break as &#10;: both lines are there.
        assertThat(page1).contains("Screenshots of the lesson&#39;s code running").contains("截图齐全，运行正常", "第二张也很好")
                .contains("✎ graded by hand");
        String page2 = Files.readString(reports.resolve("2024002/index.html"));
        assertThat(page2).contains("只有一张截图, 缺少训练输出").contains("4 / 10");
        String page3 = Files.readString(reports.resolve("2024003/index.html"));
        String section3 = page3.substring(page3.indexOf("<section id=\"screenshots\">"));
        section3 = section3.substring(0, section3.indexOf("</section>"));
        assertThat(section3).contains("○ not graded yet").contains("not graded yet / 10").doesNotContain("✘");
        assertThat(Files.readString(reports.resolve("index.html"))).contains("not graded yet");
        String console = ConsoleReport.classSummary(graded.assignment(), graded.results(), graded.found().problems(), graded.notices(), reports);
        assertThat(console).contains("not graded yet").doesNotContain("screenshots · ");

        // 2024003's own console block: the manual exercise waits, it is not a check to fix.
        String block = ConsoleReport.student(graded.assignment(), graded.results().stream()
                .filter(r -> r.submission().studentId().equals("2024003")).findFirst().orElseThrow(), reports);
        assertThat(block).contains("screenshots · Screenshots of the lesson's code running  [graded by hand]")
                .contains("  ○ graded by hand").doesNotContain("✗ graded by hand");

        // The hand-in guide tells students there is no file to name for it.
        String guide = Files.readString(reports.resolve("handin.html"));
        String manualSection = guide.substring(guide.indexOf("<section id=\"screenshots\">"));
        assertThat(manualSection.substring(0, manualSection.indexOf("</section>")))
                .contains("The teacher grades this exercise by hand: no model file").doesNotContain("<table>");

        // Rerun: the same file gives the same reports.
        grade(reports, Shard.ALL);
        assertThat(Files.readString(reports.resolve("gradebook.csv"))).isEqualTo(gradebook);

        // The teacher grades 2024003 and changes 2024002: the next run says so, nothing kept from before.
        writeGrades("2024001,screenshots,10,\"" + COMMENT + "\"", "2024002,screenshots,8,补交了截图", "2024003,screenshots,9.5,很好");
        grade(reports, Shard.ALL);
        String regraded = Files.readString(reports.resolve("gradebook.csv"));
        assertThat(row(regraded, "2024002")).contains(",8,");
        assertThat(row(regraded, "2024003")).contains(",9.50,").doesNotContain("not graded yet");
        assertThat(Files.readString(reports.resolve("2024002/index.html"))).contains("补交了截图").doesNotContain("只有一张截图");
        assertThat(find(new ObjectMapper().readTree(reports.resolve("2024003/results.json").toFile()), "screenshots: graded by hand")
                .get("score").asDouble()).isEqualTo(9.5);
    }

    @Test
    void shardsMergedEqualOneRun() throws IOException {
        Path single = work.resolve("single");
        grade(single, Shard.ALL);
        Path one = work.resolve("shard-1");
        Path two = work.resolve("shard-2");
        grade(one, new Shard(1, 2));
        grade(two, new Shard(2, 2));
        Path merged = work.resolve("merged");
        Merge.run(List.of(one, two), merged, org.dlgrader.grading.Assignment.load(assignment));
        assertThat(Files.readString(merged.resolve("gradebook.csv"))).isEqualTo(Files.readString(single.resolve("gradebook.csv")))
                .contains(",not graded yet,");
        assertThat(Files.readString(merged.resolve("index.html"))).isEqualTo(Files.readString(single.resolve("index.html")));
        for (String id : List.of("2024001", "2024002", "2024003")) {
            assertThat(Files.readString(merged.resolve(id + "/results.json"))).isEqualTo(Files.readString(single.resolve(id + "/results.json")));
        }
    }

    @Test
    void aBadRowStopsTheRunNamingFileAndLine() throws IOException {
        writeGrades("2024001,screenshots,10,好", "2024009,screenshots,8,\"谁, 是谁\"");
        assertThatThrownBy(() -> grade(work.resolve("reports"), Shard.ALL)).isInstanceOf(GraderError.class)
                .hasMessage(grades + ", line 3: no student in the class has the id \"2024009\" (did you mean '2024001'?).");
        // A shard checks its rows against the whole class, not only its own students.
        writeGrades("2024003,screenshots,12,好");
        assertThatThrownBy(() -> grade(work.resolve("reports"), new Shard(1, 2))).isInstanceOf(GraderError.class)
                .hasMessage(grades + ", line 2: the points 12 for 2024003, screenshots must be between 0 and 10.000.");
    }

    private static JsonNode find(JsonNode results, String name) {
        for (JsonNode test : results.get("tests")) {
            if (test.get("name").asText().equals(name)) {
                return test;
            }
        }
        throw new AssertionError("no test " + name + " in " + results);
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(java.util.Locale.ROOT, "%.2f", value);
    }
}
