package org.dlgrader.report;

import static org.dlgrader.i18n.Messages.tr;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dlgrader.grading.ExerciseResult;
import org.dlgrader.grading.Lateness;
import org.dlgrader.grading.Score;
import org.dlgrader.grading.StudentResult;
import org.dlgrader.io.AtomicFiles;

/**
 * {@code reports/<student-id>/results.json} in the Gradescope autograder shape: {@code score},
 * and {@code tests[]} each with {@code name} (starting with the exercise id), {@code score},
 * {@code max_score}, {@code status} and {@code output}.
 */
public final class ResultsJson {

    public static final String FILE = "results.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultsJson() {
    }

    public static Map<String, Object> render(StudentResult result) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("score", result.points());
        root.put("max_score", result.maxPoints());
        List<String> notGraded = result.exercises().stream().filter(ExerciseResult::notGraded)
                .map(e -> e.exercise().id() + ": " + e.measurement().reason()).toList();
        if (!notGraded.isEmpty()) {
            // Gradescope shows the top-level output above the tests: say first that these points are incomplete.
            root.put("output", tr("report.results.notGraded", String.join("; ", notGraded)));
        }
        Lateness lateness = result.lateness();
        lateness.submitted().ifPresent(t -> {
            root.put("submitted_at", Timing.csv(t.instant(), Timing.zone(lateness)));
            root.put("time_source", t.source().word());
        });
        if (lateness.policy().isPresent()) {
            root.put("days_late", lateness.daysLate());
            root.put("late_penalty", lateness.penalty());
            root.put("late_refused", lateness.refused());
            root.put("score_before_penalty", result.pointsBeforePenalty());
        }
        if (lateness.late()) {
            String said = Timing.verdict(lateness, result.pointsBeforePenalty());
            root.merge("output", said, (before, now) -> before + "\n" + now);
        }
        root.put("student_id", result.submission().studentId());
        root.put("name", result.submission().name());
        List<Map<String, Object>> tests = new ArrayList<>();
        for (ExerciseResult exercise : result.exercises()) {
            for (Score score : exercise.scores()) {
                Map<String, Object> test = new LinkedHashMap<>();
                test.put("name", score.testName());
                test.put("score", score.points());
                test.put("max_score", score.maxPoints());
                // Gradescope's status is passed or failed; a manual exercise not graded yet is neither, so it has
                // none, and its output says it waits for the teacher.
                if (!score.pending()) {
                    test.put("status", score.passed() ? "passed" : "failed");
                }
                test.put("output", score.message());
                tests.add(test);
            }
            if (!exercise.notes().isEmpty()) {
                Map<String, Object> notes = new LinkedHashMap<>();
                notes.put("name", tr("report.results.notes", exercise.exercise().id()));
                notes.put("score", 0);
                notes.put("max_score", 0);
                notes.put("status", "passed");
                notes.put("output", String.join("\n", exercise.notes()));
                tests.add(notes);
            }
        }
        root.put("tests", tests);
        return root;
    }

    public static void write(Path reports, StudentResult result) throws IOException {
        Path file = reports.resolve(folderName(result.submission().studentId())).resolve(FILE);
        AtomicFiles.write(file, JSON.writeValueAsString(render(result)));
    }

    /** Student ids become folder names: keep them to safe characters. */
    static String folderName(String studentId) {
        return org.dlgrader.grading.Submission.safeName(studentId);
    }
}
