package org.dlgrader.run.calibration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dlgrader.grading.rules.AtLeast;
import org.dlgrader.grading.rules.Within;
import org.dlgrader.run.calibration.Calibration.CheckCalibration;
import org.dlgrader.run.calibration.Calibration.ExerciseCalibration;
import org.dlgrader.run.calibration.Calibration.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** calibration.json: what is written is what is read back, and calibrating one exercise again keeps the others. */
class CalibrationFileTest {

    @TempDir
    Path dir;

    private static ExerciseCalibration linear(double seconds) {
        List<Double> w = DistributionTest.LINEAR_W;
        List<Run> runs = List.of(new Run(42, 3.47, metrics(w.get(0), 7.020956993103027)),
                new Run(43, 2.16, metrics(w.get(1), 7.003484725952148)), new Run(44, 1.59, metrics(w.get(2), 7.006038665771484)));
        List<Double> b = List.of(7.020956993103027, 7.003484725952148, 7.006038665771484);
        return new ExerciseCalibration("linear", "linear", "2026-11-30", "cpu()", Map.of("djl", "0.36.0"), 0, 0,
                List.of(42L, 43L, 44L), seconds, runs, List.of(
                        new CheckCalibration("权重 w", "w", w, Distribution.of(w), Proposal.of(new Within(5, 0.15, 1.0), w, new Margins(0.02, 10))),
                        new CheckCalibration("偏置 b", "b", b, Distribution.of(b), Proposal.of(new Within(7, 0.15, 1.0), b, new Margins(0.02, 10)))));
    }

    private static Map<String, Double> metrics(double w, double b) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("w", w);
        metrics.put("b", b);
        return metrics;
    }

    private static ExerciseCalibration quickstart() {
        List<Double> accuracy = ProposalTest.QUICKSTART_ACCURACY;
        return new ExerciseCalibration("fashion-mlp", "fashion-mlp", "2026-11-30", "cpu()", Map.of(), 0, 0, List.of(42L, 43L, 44L),
                190.5, List.of(new Run(42, 61, Map.of("accuracy", 0.6415)), new Run(43, 63, Map.of("accuracy", 0.6475)),
                        new Run(44, 66.5, Map.of("accuracy", 0.6492))),
                List.of(new CheckCalibration("test accuracy", "accuracy", accuracy, Distribution.of(accuracy),
                        Proposal.of(new AtLeast(0.62, 0.3), accuracy, new Margins(0.02, 10)))));
    }

    @Test
    void whatIsWrittenIsReadBack() throws Exception {
        Calibration written = new Calibration("Written by dl-grader calibrate", List.of(linear(7.3), quickstart()));
        Path file = dir.resolve("calibration.json");

        written.write(file);

        assertThat(Calibration.read(file)).isEqualTo(written);
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).contains("\"name\" : \"权重 w\"")
                .contains("\"proposed\" : 0.037").contains("\"current\" : 0.15").contains("\"seeds\" : [ 42, 43, 44 ]");
    }

    @Test
    void calibratingOneExerciseAgainKeepsTheOthersInTheAssignmentsOrder() throws Exception {
        Path file = dir.resolve("calibration.json");
        new Calibration("note", List.of(linear(7.3), quickstart())).write(file);

        Calibration again = Calibration.readOrEmpty(file, "note")
                .replacing(List.of(linear(9.9)), List.of("linear", "fashion-mlp", "fashion-keras", "square"));

        assertThat(again.exercises()).extracting(ExerciseCalibration::id).containsExactly("linear", "fashion-mlp");
        assertThat(again.exercises().get(0).seconds()).isEqualTo(9.9);
        assertThat(again.exercises().get(1)).isEqualTo(quickstart());
    }

    @Test
    void aFileThatIsNoCalibrationIsReplaced() throws Exception {
        Path file = Files.writeString(dir.resolve("calibration.json"), "{ not json", StandardCharsets.UTF_8);

        assertThat(Calibration.readOrEmpty(file, "note").exercises()).isEmpty();
        assertThat(Calibration.readOrEmpty(dir.resolve("absent.json"), "note").exercises()).isEmpty();
    }
}
