package org.dlgrader.report;

import static org.dlgrader.i18n.Messages.tr;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dlgrader.grading.Assignment;
import org.dlgrader.grading.ExerciseResult;
import org.dlgrader.grading.ExerciseSpec;
import org.dlgrader.grading.Lateness;
import org.dlgrader.grading.Measurement;
import org.dlgrader.grading.Scoring;
import org.dlgrader.grading.StudentResult;
import org.dlgrader.grading.Submission;
import org.dlgrader.grading.SubmissionTime;
import org.dlgrader.io.AtomicFiles;

/**
 * {@code reports/class-results.json}: every student's measurements ({@link Measurement}: no points,
 * no pictures), the folder problems and the run's notices, in a form {@code merge} reads back and
 * scores again by the same rules, to combine shards into one gradebook and class page.
 */
public final class ClassResults {

    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String FILE = "class-results.json";

    private ClassResults() {
    }

    public static void write(Path reports, List<StudentResult> results, List<String> problems, List<String> notices)
            throws IOException {
        List<Map<String, Object>> students = new ArrayList<>();
        for (StudentResult result : results) {
            Map<String, Object> student = new LinkedHashMap<>();
            student.put("id", result.submission().studentId());
            student.put("name", result.submission().name());
            student.put("email", result.submission().email());
            student.put("folder", result.submission().folder().toString());
            student.put("exercises", result.exercises().stream().map(ExerciseResult::measurement).toList());
            // The time only: the deadline is the assignment's, judged again on reading as the points are.
            result.lateness().submitted().ifPresent(t -> {
                student.put("submitted", t.instant().toString());
                student.put("submittedSource", t.source().word());
            });
            students.add(student);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("students", students);
        root.put("problems", problems);
        root.put("notices", notices);
        AtomicFiles.write(reports.resolve(FILE), JSON.writeValueAsString(root));
    }

    /** Results, problems and notices as written by {@link #write}, scored by {@code assignment}. */
    public record Read(List<StudentResult> results, List<String> problems, List<String> notices) {
    }

    public static Read read(Path reports, Assignment assignment) throws IOException {
        Stored stored = JSON.readValue(reports.resolve(FILE).toFile(), Stored.class);
        List<StudentResult> results = new ArrayList<>();
        for (StoredStudent s : stored.students) {
            List<ExerciseResult> exercises = new ArrayList<>();
            for (ExerciseSpec spec : assignment.exercises()) {
                if (spec.manual()) {
                    // Never the shard's copy: the teacher's file as it is now, as an unsharded run reads it.
                    exercises.add(Scoring.manual(spec, assignment.manualGrades().of(s.id, spec.id())));
                    continue;
                }
                Measurement m = s.exercises.stream().filter(x -> spec.id().equals(x.exercise())).findFirst()
                        .orElseThrow(() -> new IOException(tr("report.classResults.missing", reports, spec.id(), s.id)));
                exercises.add(Scoring.result(spec, m, assignment.seed()));
            }
            results.add(new StudentResult(new Submission(s.id, s.name, s.email, Path.of(s.folder)), exercises,
                    Lateness.of(SubmissionTime.parse(s.submitted, s.submittedSource), assignment.latePolicy())));
        }
        return new Read(results, stored.problems, stored.notices);
    }

    static final class Stored {
        public List<StoredStudent> students = List.of();
        public List<String> problems = List.of();
        public List<String> notices = List.of();
    }

    static final class StoredStudent {
        public String id;
        public String name;
        public String email;
        public String folder;
        public String submitted;
        public String submittedSource;
        public List<Measurement> exercises = List.of();
    }
}
