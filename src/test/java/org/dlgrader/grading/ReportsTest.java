package org.dlgrader.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dlgrader.report.Gradebook;
import org.dlgrader.report.ResultsJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportsTest {

    @TempDir
    Path dir;

    private final ExerciseSpec linear = new ExerciseSpec("linear", "Linear", List.of("linear.pth"), "linear",
            List.of(new Check("weight w", "w", 5, new org.dlgrader.grading.rules.Within(5.0, 0.15, null), null)));
    private final Assignment assignment = new Assignment("t", null, 1, null, List.of(linear));

    private StudentResult result(String id, String name, double w) {
        Submission submission = new Submission(id, name, "", dir.resolve(id));
        Measurement measured = new Measurement("linear", "linear.pth", Outcome.MEASURED, null, "PyTorch state_dict",
                List.of("loaded a state_dict saved on cuda:0 onto the CPU"),
                new org.dlgrader.exercise.Evaluation(Map.of("w", w), List.of(), null, true, Map.of()), 0.1);
        return new StudentResult(submission, List.of(Scoring.result(linear, measured, 1)));
    }

    @Test
    void gradebookIsUtf8WithBomSortedByIdAndSafeForSpreadsheets() throws IOException {
        Gradebook.write(dir, assignment, List.of(result("2024002", "=HYPERLINK(\"x\")", 3), result("2024001", "张三, Jr", 5)));

        byte[] bytes = Files.readAllBytes(dir.resolve("gradebook.csv"));
        assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
        assertThat(new String(bytes, StandardCharsets.UTF_8).substring(1).split("\r\n")).containsExactly(
                "student_id,name,linear,total,max_total,submitted_at,days_late,late_penalty",
                "2024001,\"张三, Jr\",5,5,5,,,",
                "2024002,\"'=HYPERLINK(\"\"x\"\")\",0,0,5,,,");
    }

    @Test
    void resultsJsonHasTheGradescopeShape() throws IOException {
        StudentResult result = result("2024001", "张三", 4.0);
        ResultsJson.write(dir, result);

        @SuppressWarnings("unchecked")
        Map<String, Object> json = new com.fasterxml.jackson.databind.ObjectMapper()
                .readValue(dir.resolve("2024001").resolve("results.json").toFile(), Map.class);
        assertThat(json).containsEntry("score", 0.0).containsEntry("max_score", 5.0).containsKey("tests");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> tests = (List<Map<String, Object>>) json.get("tests");
        assertThat(tests).extracting(t -> t.get("name")).containsExactly("linear: model file", "linear: model loads",
                "linear: output shape", "linear: outputs finite", "linear: weight w", "linear: notes");
        assertThat(tests.get(4)).containsEntry("status", "failed").containsEntry("max_score", 5.0)
                .containsEntry("output", "w = 4.000 is 1.000 away from 5.000; it must be within 0.150");
    }
}
