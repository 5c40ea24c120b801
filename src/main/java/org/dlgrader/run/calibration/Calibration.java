package org.dlgrader.run.calibration;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dlgrader.io.AtomicFiles;

/**
 * What {@code calibrate} measured, as {@code calibration.json} holds it: per exercise the seeds, each
 * run's metrics as the grader measured them, and per check the distribution, the proposed bar and
 * the current one. The teacher reads it and edits {@code assignment.json}; nothing reads it back to
 * grade.
 *
 * @param note one sentence for a teacher who opens the file without the README
 */
public record Calibration(String note, List<ExerciseCalibration> exercises) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public Calibration {
        exercises = List.copyOf(exercises);
    }

    /**
     * One exercise's runs.
     *
     * @param epochs 0 for the lesson's; any other number shortened the recipe, and the bars mean nothing
     * @param trainLimit 0 for the whole training set; else the first examples only, as shortened
     * @param seconds wall clock of all its runs, training and grading
     */
    public record ExerciseCalibration(String id, String task, String date, String device, Map<String, String> versions,
            int epochs, int trainLimit, List<Long> seeds, double seconds, List<Run> runs, List<CheckCalibration> checks) {
    }

    /** One training run of the reference, graded like a student's file. */
    public record Run(long seed, double seconds, Map<String, Double> metrics) {
    }

    /** One check of the exercise: the metric's value in every run, their spread and the bars. */
    public record CheckCalibration(String name, String metric, List<Double> values, Distribution distribution,
            Proposal proposal) {
    }

    /**
     * This calibration with {@code fresh} put in place of the same exercises' earlier entries, the
     * others kept: calibrating one exercise again leaves the rest of the file as it was.
     */
    public Calibration replacing(List<ExerciseCalibration> fresh, List<String> order) {
        List<ExerciseCalibration> merged = new ArrayList<>();
        for (String id : order) {
            fresh.stream().filter(e -> e.id().equals(id)).findFirst()
                    .or(() -> exercises.stream().filter(e -> e.id().equals(id)).findFirst())
                    .ifPresent(merged::add);
        }
        return new Calibration(note, merged);
    }

    public void write(Path file) throws IOException {
        AtomicFiles.write(file, JSON.writeValueAsBytes(this));
    }

    public static Calibration read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), Calibration.class);
    }

    /** The earlier file, to keep what this run does not redo; none when there is none or it cannot be read. */
    public static Calibration readOrEmpty(Path file, String note) {
        if (Files.isRegularFile(file)) {
            try {
                return new Calibration(note, read(file).exercises());
            } catch (IOException | RuntimeException unreadable) {
                // An older or hand-edited file is replaced by this run's: it was only ever a record.
            }
        }
        return new Calibration(note, List.of());
    }
}
