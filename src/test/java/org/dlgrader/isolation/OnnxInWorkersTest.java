package org.dlgrader.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.dlgrader.data.FashionMnistLocator;
import org.dlgrader.engine.EngineSettings;
import org.dlgrader.grading.Assignment;
import org.dlgrader.grading.ExerciseSpec;
import org.dlgrader.grading.Grader;
import org.dlgrader.grading.Limits;
import org.dlgrader.grading.Measurement;
import org.dlgrader.grading.Outcome;
import org.dlgrader.grading.Submission;
import org.dlgrader.grading.Submissions;
import org.dlgrader.run.Runners;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * ONNX files graded as a teacher grades them: in one sandboxed worker, where ONNX Runtime loads its
 * natives from the grader's unpacked copy (the worker's /tmp is private and small) and gets only
 * the model's bytes, its side-cars folded in by the grading process. A TorchScript model graded
 * after them in the same worker still finds it provably idle: ONNX Runtime left no thread behind.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OnnxInWorkersTest {

    private static final Path ONNX = HostileClass.FIXTURES.resolve("onnx");
    private final Map<String, Measurement> measured = new LinkedHashMap<>();
    private WorkerPool pool;
    private JsonNode expected;
    private List<String> tmpBefore;

    @BeforeAll
    void gradeOneByOneInOneWorker() throws IOException {
        assumeTrue(Sandbox.status().available(), "no sandbox here: " + Sandbox.status().reason());
        assumeTrue(FashionMnistLocator.isInstalled(), "FashionMNIST is not installed");
        EngineSettings.applyDefaults();
        expected = new ObjectMapper().readTree(ONNX.resolve("expected.json").toFile());
        tmpBefore = tmp();
        Path root = Files.createTempDirectory(Files.createDirectories(Path.of("target", "onnx-workers")), "class");
        Path students = Files.createDirectories(root.resolve("submissions"));
        student(students, "3001-inside", "quickstart.onnx", "quickstart.onnx");
        Path external = student(students, "3002-external", "quickstart_external.onnx", "quickstart.onnx");
        Files.copy(ONNX.resolve("quickstart_external.onnx.data"), external.resolve("quickstart_external.onnx.data"));
        student(students, "3003-lost", "quickstart_external.onnx", "quickstart.onnx");
        Path square = student(students, "3004-square", "square.onnx", "square.onnx");
        Files.copy(ONNX.resolve("linear.onnx"), square.resolve("linear.onnx"));
        Path script = Files.createDirectories(students.resolve("3005-script"));
        Files.copy(HostileClass.FIXTURES.resolve("square_traced.pt"), script.resolve("square.pt"));

        Assignment assignment = Assignment.load(HostileClass.assignment(root, new Limits(true, 1, 60, 2048, 1, 100, 512, 2)));
        pool = new WorkerPool(assignment.limits(), 1, Runners.policy(false));
        try (Grader grader = new Grader(assignment, pool, null)) {
            for (Submission student : Submissions.discover(students).students()) {
                for (ExerciseSpec exercise : assignment.exercises()) {
                    if (!exercise.manual()) {
                        Measurement m = grader.measure(student, exercise);
                        if (m.outcome() != Outcome.MISSING) {
                            measured.put(student.studentId() + " " + exercise.id(), m);
                        }
                    }
                }
            }
        }
    }

    private static Path student(Path students, String folder, String fixture, String name) throws IOException {
        Path dir = Files.createDirectories(students.resolve(folder));
        Files.copy(ONNX.resolve(fixture), dir.resolve(name));
        return dir;
    }

    private static List<String> tmp() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("onnxruntime") || n.startsWith("ort-model")).toList();
        }
    }

    private double metric(String key, String metric) {
        Measurement m = measured.get(key);
        assertThat(m.outcome()).as(key + ": " + m.reason()).isEqualTo(Outcome.MEASURED);
        return m.evaluation().metrics().get(metric);
    }

    @Test
    void theQuickstartScoresWhatPyTorchComputesWithItsWeightsInsideOrBeside() {
        double inside = metric("3001 fashion-mlp", "accuracy");
        double beside = metric("3002 fashion-mlp", "accuracy");
        System.out.printf("in a sandboxed worker: quickstart.onnx %.4f in %.2f s, with external data %.4f in %.2f s (PyTorch %.4f)%n",
                inside, measured.get("3001 fashion-mlp").seconds(), beside, measured.get("3002 fashion-mlp").seconds(),
                expected.get("quickstart.onnx").get("accuracy").asDouble());

        assertThat(inside).isCloseTo(expected.get("quickstart.onnx").get("accuracy").asDouble(), within(0.001));
        assertThat(beside).isEqualTo(inside);
    }

    @Test
    void aSideCarLeftBehindIsNamedInTheStudentsMessage() {
        Measurement lost = measured.get("3003 fashion-mlp");
        assertThat(lost.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(lost.reason()).contains("quickstart_external.onnx.data, which is not next to it in your folder");
    }

    @Test
    void theSquareAndLinearExercisesLoadOnnxToo() {
        assertThat(metric("3004 square", "mse")).isLessThan(1e-3);
        assertThat(metric("3004 linear", "w")).isCloseTo(expected.get("linear.onnx").get("w").asDouble(), within(1e-4));
        assertThat(metric("3004 linear", "b")).isCloseTo(expected.get("linear.onnx").get("b").asDouble(), within(1e-4));
    }

    @Test
    void aTorchScriptModelAfterThemFindsTheWorkerIdle() {
        assertThat(metric("3005 square", "mse")).isLessThan(5e-3);
        assertThat(pool.replacedWorkers()).isZero();
    }

    @Test
    void onnxRuntimeUnpackedNothingIntoTheSharedTmp() throws IOException {
        assertThat(tmp()).isEqualTo(tmpBefore);
    }
}
