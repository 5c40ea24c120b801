package org.dlgrader.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.dlgrader.data.FashionMnistLocator;
import org.dlgrader.engine.EngineSettings;
import org.dlgrader.exercise.Evaluation;
import org.dlgrader.exercise.Exercise;
import org.dlgrader.exercise.Exercises;
import org.dlgrader.model.Fixtures;
import org.dlgrader.model.LocalRunner;
import org.dlgrader.model.ModelFile;
import org.dlgrader.model.ModelJob;
import org.dlgrader.model.ModelLoader;
import org.dlgrader.model.ModelLoaders;
import org.dlgrader.model.ModelRejected;
import org.dlgrader.model.ModelRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ONNX files exported by real PyTorch (python/make_fixtures.py onnx), run by ONNX Runtime as a
 * worker runs them: the same answers as PyTorch on the same weights, and every refusal with the
 * message a student reads.
 */
class OnnxModelsTest {

    private static final Path ONNX = Fixtures.file("onnx");
    private static final long LIMIT = 100L << 20;
    private static JsonNode expected;

    @BeforeAll
    static void engine() throws IOException {
        EngineSettings.applyDefaults();
        expected = new ObjectMapper().readTree(ONNX.resolve("expected.json").toFile());
    }

    /** The file as a grader reads it from a student's folder: its side-cars folded in, within {@code limit} bytes. */
    private static ModelRun run(Path file, Exercise exercise, long limit) {
        try {
            ModelFile model = ModelFile.of(file, limit);
            ModelLoader loader = ModelLoaders.detect(model, Limits.DEFAULTS.maxUnpackedMb());
            return new LocalRunner().run(new ModelJob(model, loader, exercise.inputSpec(), exercise.task().inputs(11)));
        } catch (ModelRejected e) {
            return new ModelRun.Refused(e.getMessage());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Evaluation evaluate(Path file, Exercise exercise) throws ModelRejected {
        return evaluate(file, exercise, LIMIT);
    }

    private static Evaluation evaluate(Path file, Exercise exercise, long limit) throws ModelRejected {
        ModelRun run = run(file, exercise, limit);
        if (run instanceof ModelRun.Outputs outputs) {
            return exercise.task().evaluate(outputs.outputs(), outputs.declaresSoftmax(), 11);
        }
        if (run instanceof ModelRun.Refused refused) {
            throw new ModelRejected(refused.message());
        }
        throw new AssertionError("unexpected " + run);
    }

    private static String refusal(Path file, Exercise exercise) {
        return org.assertj.core.api.Assertions.catchThrowableOfType(ModelRejected.class, () -> evaluate(file, exercise)).getMessage();
    }

    @ParameterizedTest
    @ValueSource(strings = {"quickstart.onnx", "quickstart_external.onnx", "square.onnx", "square_custom_op.onnx", "linear.onnx",
        "one_image.onnx", "../square.onnx"})
    void onnxIsToldByContent(String file) throws Exception {
        assertThat(ModelLoaders.detect(ModelFile.of(ONNX.resolve(file)), 512).format()).isEqualTo("ONNX");
    }

    @Test
    void theQuickstartScoresWhatPyTorchComputesOnTheSameWeights() throws Exception {
        assumeTrue(FashionMnistLocator.isInstalled(), "FashionMNIST is not installed");
        long start = System.nanoTime();
        double accuracy = evaluate(ONNX.resolve("quickstart.onnx"), Exercises.FASHION_MLP).metrics().get("accuracy");
        double seconds = (System.nanoTime() - start) / 1e9;
        double pytorch = expected.get("quickstart.onnx").get("accuracy").asDouble();
        double stateDict = TestModels.evaluate(Path.of("submissions", "2024001-张三", "model.pth"), Exercises.FASHION_MLP, 11)
                .metrics().get("accuracy");
        System.out.printf("quickstart.onnx: accuracy %.4f (PyTorch %.4f, the same weights as a state_dict %.4f), %.2f s to load and run%n",
                accuracy, pytorch, stateDict, seconds);

        assertThat(accuracy).isCloseTo(pytorch, within(0.001));
        assertThat(accuracy).isCloseTo(stateDict, within(0.001));
    }

    @Test
    void externalDataNextToTheModelIsReadFromTheStudentsFolder() throws Exception {
        assumeTrue(FashionMnistLocator.isInstalled(), "FashionMNIST is not installed");
        double inside = evaluate(ONNX.resolve("quickstart.onnx"), Exercises.FASHION_MLP).metrics().get("accuracy");
        double external = evaluate(ONNX.resolve("quickstart_external.onnx"), Exercises.FASHION_MLP).metrics().get("accuracy");

        assertThat(external).isEqualTo(inside);
    }

    @Test
    void aSideCarLeftBehindIsNamed(@TempDir Path student) throws Exception {
        Files.copy(ONNX.resolve("quickstart_external.onnx"), student.resolve("quickstart.onnx"));

        assertThat(refusal(student.resolve("quickstart.onnx"), Exercises.FASHION_MLP))
                .startsWith("quickstart.onnx keeps its weights (linear_relu_stack.0.weight) in a separate file, "
                        + "quickstart_external.onnx.data, which is not next to it in your folder")
                .contains("Hand in quickstart_external.onnx.data together with quickstart.onnx");
    }

    @Test
    void aSideCarOverTheSizeLimitIsNotRead() {
        assertThatThrownBy(() -> evaluate(ONNX.resolve("quickstart_external.onnx"), Exercises.FASHION_MLP, 1 << 20))
                .isInstanceOf(ModelRejected.class).hasMessageContaining("quickstart_external.onnx.data, which is not next to it");
    }

    @Test
    void aSideCarReachedThroughALinkIsNotRead(@TempDir Path root) throws Exception {
        Path student = Files.createDirectories(root.resolve("student"));
        Files.copy(ONNX.resolve("quickstart_external.onnx"), student.resolve("quickstart_external.onnx"));
        Path elsewhere = Files.copy(ONNX.resolve("quickstart_external.onnx.data"), root.resolve("weights.data"));
        Files.createSymbolicLink(student.resolve("quickstart_external.onnx.data"), elsewhere);

        assertThat(refusal(student.resolve("quickstart_external.onnx"), Exercises.FASHION_MLP))
                .contains("quickstart_external.onnx.data, which is not next to it in your folder");
    }

    /** The side-car exists where the file says, outside the student's folder: it is not opened. */
    @Test
    void aSideCarOutsideTheFolderIsRefusedByName(@TempDir Path root) throws Exception {
        Path student = Files.createDirectories(root.resolve("student"));
        Files.copy(ONNX.resolve("square_escapes.onnx"), student.resolve("square.onnx"));
        Files.writeString(root.resolve("square_escapes.onnx.data"), "x".repeat(20_000));

        assertThat(refusal(student.resolve("square.onnx"), Exercises.SQUARE))
                .startsWith("square.onnx keeps its weights (0.weight) in ../square_escapes.onnx.data, which is outside your folder");
        assertThat(refusal(ONNX.resolve("square_absolute.onnx"), Exercises.SQUARE))
                .startsWith("square_absolute.onnx keeps its weights (0.weight) in /etc/passwd, which is outside your folder");
    }

    @Test
    void operatorsOfACustomDomainAreRefusedBeforeOnnxRuntimeSeesThem() {
        assertThat(refusal(ONNX.resolve("square_custom_op.onnx"), Exercises.SQUARE))
                .startsWith("square_custom_op.onnx uses operators of the domain \"com.example.myops\", which are not standard ONNX operators");
    }

    @Test
    void theSameWeightsScoreTheSameAsTheirStateDict() throws Exception {
        double onnx = evaluate(ONNX.resolve("square.onnx"), Exercises.SQUARE).metrics().get("mse");
        double stateDict = TestModels.evaluate(Fixtures.file("square_state_dict.pth"), Exercises.SQUARE, 11).metrics().get("mse");

        // ONNX Runtime's and libtorch's kernels add in different orders: the last float digits differ.
        assertThat(onnx).isCloseTo(stateDict, org.assertj.core.data.Percentage.withPercentage(0.1));
    }

    @Test
    void extraOutputsAreIgnoredAndTheFirstIsGraded() throws Exception {
        ModelRun.Outputs run = (ModelRun.Outputs) run(ONNX.resolve("square_two_outputs.onnx"), Exercises.SQUARE, LIMIT);
        double mse = Exercises.SQUARE.task().evaluate(run.outputs(), false, 11).metrics().get("mse");

        assertThat(mse).isEqualTo(evaluate(ONNX.resolve("square.onnx"), Exercises.SQUARE).metrics().get("mse"));
        assertThat(run.notes()).containsExactly(
                "square_two_outputs.onnx gives 2 outputs; the first (output) was graded as the prediction.");
    }

    /**
     * torch.onnx.export without dynamic_axes: a batch of exactly one. Its batch dimension freed, the
     * network runs on whole batches, once two rows together are seen to give what each gives alone.
     */
    @ParameterizedTest
    @ValueSource(strings = {"square_batch_of_one.onnx", "../square.onnx"})
    void aFixedBatchOfOneIsFedWholeBatchesWhenItsRowsDoNotMix(String file) throws Exception {
        long start = System.nanoTime();
        ModelRun.Outputs run = (ModelRun.Outputs) run(ONNX.resolve(file), Exercises.SQUARE, LIMIT);
        System.out.printf("%s: 10,000 points in %.2f s%n", file, (System.nanoTime() - start) / 1e9);
        double mse = Exercises.SQUARE.task().evaluate(run.outputs(), false, 11).metrics().get("mse");

        assertThat(mse).isCloseTo(evaluate(ONNX.resolve("square.onnx"), Exercises.SQUARE).metrics().get("mse"),
                org.assertj.core.data.Percentage.withPercentage(0.1));
        assertThat(run.notes()).singleElement().asString()
                .contains("was exported for batches of exactly one example (input [1,2]); its answers to two examples together");
    }

    /** A model whose rows would mix in a batch (each row minus the batch's mean) is run as exported, one row at a time. */
    @Test
    void aBatchOfOneWhoseRowsWouldMixIsRunOneExampleAtATime() throws Exception {
        long start = System.nanoTime();
        ModelRun.Outputs run = (ModelRun.Outputs) run(ONNX.resolve("square_mixes_rows.onnx"), Exercises.SQUARE, LIMIT);
        System.out.printf("square_mixes_rows.onnx: 10,000 points one at a time in %.2f s%n", (System.nanoTime() - start) / 1e9);
        double mse = Exercises.SQUARE.task().evaluate(run.outputs(), false, 11).metrics().get("mse");

        assertThat(mse).isCloseTo(evaluate(ONNX.resolve("square.onnx"), Exercises.SQUARE).metrics().get("mse"),
                org.assertj.core.data.Percentage.withPercentage(0.1));
        assertThat(run.notes()).singleElement().asString()
                .contains("was exported for batches of exactly one example (input [1,2]), so the grader ran it one example at a time");
    }

    @Test
    void theLinearExerciseReadsWAndBFromAnOnnxModel() throws Exception {
        Evaluation linear = evaluate(ONNX.resolve("linear.onnx"), Exercises.LINEAR);

        assertThat(linear.metrics().get("w")).isCloseTo(expected.get("linear.onnx").get("w").asDouble(), within(1e-4));
        assertThat(linear.metrics().get("b")).isCloseTo(expected.get("linear.onnx").get("b").asDouble(), within(1e-4));
    }

    @Test
    void aModelForOneImageWithoutABatchIsRefusedWithItsShape() {
        assertThat(refusal(ONNX.resolve("one_image.onnx"), Exercises.FASHION_MLP))
                .startsWith("one_image.onnx takes one example at a time, without a batch dimension (input [1,28,28], output [10])")
                .contains("[N,1,28,28], [N,784], [N,28,28], [N,28,28,1]");
    }

    @Test
    void aModelForAnotherExerciseIsRefusedWithItsInputShape() {
        assertThat(refusal(ONNX.resolve("quickstart.onnx"), Exercises.SQUARE))
                .startsWith("quickstart.onnx takes inputs of shape [batch,1,28,28], which does not fit this exercise")
                .contains("[N,2]");
    }

    @Test
    void pyTorchStaysTheDefaultEngineBesideOnnxRuntime() throws Exception {
        evaluate(ONNX.resolve("square.onnx"), Exercises.SQUARE);

        assertThat(ai.djl.engine.Engine.getInstance().getEngineName()).isEqualTo("PyTorch");
        assertThat(ai.djl.engine.Engine.getAllEngines()).contains("PyTorch", "OnnxRuntime");
    }

    @Test
    void aDamagedFileIsRefused(@TempDir Path student) throws Exception {
        byte[] whole = Files.readAllBytes(ONNX.resolve("square.onnx"));
        Path cut = Files.write(student.resolve("square.onnx"), Arrays.copyOf(whole, whole.length / 2));

        assertThat(refusal(cut, Exercises.SQUARE)).startsWith("square.onnx could not be read as an ONNX model (")
                .contains("torch.onnx.export(model, X, \"square.onnx\"");
    }

    /** Millions of two-byte fields are refused when counted, not kept as millions of objects in the grading process. */
    @Test
    void aFileOfMillionsOfTinyFieldsIsRefusedAsDamaged(@TempDir Path student) throws Exception {
        byte[] model = Files.readAllBytes(ONNX.resolve("square.onnx"));
        byte[] padded = Arrays.copyOf(model, model.length + (3 << 20));
        for (int i = model.length; i + 1 < padded.length; i += 2) {
            padded[i] = 0x28;      // model_version (field 5, a varint) ...
            padded[i + 1] = 0x01;  // ... = 1, again and again
        }
        Path file = Files.write(student.resolve("square.onnx"), padded);

        assertThat(ModelFile.of(file, LIMIT).bytes()).hasSize(padded.length);
        assertThat(refusal(file, Exercises.SQUARE)).startsWith("square.onnx could not be read as an ONNX model (more than 1048576 fields");
    }

    @Test
    void theOtherFormatsFixturesAreNotTakenForOnnx() throws Exception {
        for (String name : List.of("random.pth", "square.safetensors", "square_pickle.pkl", "square_keras2.h5", "lfs_pointer.pth")) {
            ModelFile file = ModelFile.of(Fixtures.file(name));
            assertThat(ModelLoaders.ALL.stream().filter(l -> l.format().equals("ONNX")).findFirst().orElseThrow().accepts(file))
                    .as(name).isFalse();
        }
    }
}
