package org.dlgrader.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.dlgrader.engine.EngineSettings;
import org.dlgrader.model.Fixtures;
import org.dlgrader.model.LocalRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The free exercise of the lesson's assignment: any PyTorch example, run on random input of the
 * shape its student declares or of the first common shape it runs on, graded by the Grader as a
 * student's folder is.
 */
class PytorchExampleTest {

    private static Assignment lesson;
    private static ExerciseSpec example;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() {
        EngineSettings.applyDefaults();
        lesson = Assignment.load(Assignment.DEFAULT);
        example = lesson.exercises().stream().filter(e -> e.id().equals("pytorch-example")).findFirst().orElseThrow();
    }

    private ExerciseResult grade(Path model, String properties) throws IOException {
        return grade(model, "example.pt", properties);
    }

    private ExerciseResult grade(Path model, String name, String properties) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("2024999-test"));
        if (model != null) {
            Files.copy(model, folder.resolve(name));
        }
        if (properties != null) {
            Files.writeString(folder.resolve("submission.properties"), properties, StandardCharsets.UTF_8);
        }
        try (Grader grader = new Grader(lesson, new LocalRunner(), null)) {
            return grader.grade(new Submission("2024999", "test", null, folder), example);
        }
    }

    private static String messages(ExerciseResult result) {
        return String.join("\n", result.scores().stream().map(Score::message).toList());
    }

    @Test
    void isWorthFivePointsOfTheLessonsFiftyFive() {
        assertThat(example.maxPoints()).isEqualTo(5);
        assertThat(example.files()).containsExactly("example.pt", "example.pth", "example.onnx");
        assertThat(lesson.maxPoints()).isEqualTo(55);
    }

    /** Python said: torch.jit.load(..., map_location='cpu'): 817,354 parameters, output torch.Size([1, 10]). */
    @Test
    void aRealTorchScriptMnistCnnSavedOnCudaLoadsRunsAndIsDescribed() throws IOException {
        Path real = Fixtures.REAL_WORLD.resolve("ts-bsusheel/model_scripted.pt");
        assumeTrue(Files.isRegularFile(real), "the real-world fixtures are not here");
        ExerciseResult result = grade(real, null);
        assertThat(result.outcome()).isEqualTo(Outcome.MEASURED);
        assertThat(result.points()).isEqualTo(5);
        assertThat(result.measurement().evaluation().metrics()).containsEntry("parameters", 817_354.0).containsEntry("outputs", 10.0);
        assertThat(result.notes()).contains("output shape [1, 10]", "817,354 parameters")
                .anySatisfy(n -> assertThat(n).startsWith("ran on input of shape 1×1×28×28 (found by trying"))
                .anySatisfy(n -> assertThat(n).startsWith("layers: conv2d 1→32 3×3, norm 32, conv2d 32→64 3×3")
                        .endsWith("dense 1152→512, dense 512→256, dense 256→10"));
    }

    /** pytorch.org's CIFAR-10 tutorial network: 62,006 parameters (python/make_fixtures.py prints them). */
    @Test
    void aTutorialCnnIsFoundOnTheShapeItTakes() throws IOException {
        ExerciseResult result = grade(Fixtures.file("example/cifar_net_scripted.pt"), null);
        assertThat(result.points()).isEqualTo(5);
        assertThat(result.notes()).contains("output shape [1, 10]", "62,006 parameters",
                "layers: conv2d 3→6 5×5, conv2d 6→16 5×5, dense 400→120, dense 120→84, dense 84→10")
                .anySatisfy(n -> assertThat(n).startsWith("ran on input of shape 1×3×32×32 (found by trying"));
    }

    @Test
    void aModelThatRunsOnNoCommonShapeIsToldWhichWereTried() throws IOException {
        ExerciseResult result = grade(Fixtures.file("example/lenet_scripted.pt"), null);
        assertThat(result.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(result.points()).isZero();
        assertThat(result.measurement().reason()).startsWith("example.pt did not run on any of the shapes tried: "
                + "1×1×28×28, 1×3×32×32, 1×3×224×224, 1×784, 1×2, 1×1. On the first: ")
                .endsWith("Declare the shape your model takes with input.shape in submission.properties (such as input.shape=1,1,28,28).");
    }

    @Test
    void theShapeItsStudentDeclaresIsTheOneItRunsOn() throws IOException {
        ExerciseResult result = grade(Fixtures.file("example/lenet_scripted.pt"), "id=2024999\ninput.shape=1,1,32,32\n");
        assertThat(result.points()).isEqualTo(5);
        assertThat(result.notes()).contains("ran on input of shape 1×1×32×32, as submission.properties declares", "61,706 parameters");
    }

    /** A kept measurement is the file's and its declared shape's: declaring the shape grades the same file again. */
    @Test
    void declaringTheShapeLaterIsNotAnsweredFromTheCache() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("2024999-test"));
        Files.copy(Fixtures.file("example/lenet_scripted.pt"), folder.resolve("example.pt"));
        Submission student = new Submission("2024999", "test", null, folder);
        MeasurementCache cache = new MeasurementCache(dir.resolve("cache"), lesson, OptionalLong.empty());
        try (Grader grader = new Grader(lesson, new LocalRunner(), cache)) {
            assertThat(grader.grade(student, example).outcome()).isEqualTo(Outcome.REFUSED);
            Files.writeString(folder.resolve("submission.properties"), "input.shape=1,1,32,32\n", StandardCharsets.UTF_8);
            assertThat(grader.grade(student, example).points()).isEqualTo(5);
        }
    }

    @Test
    void aDeclaredShapeItDoesNotTakeIsNamed() throws IOException {
        ExerciseResult result = grade(Fixtures.file("example/lenet_scripted.pt"), "input.shape=1,3,32,32\n");
        assertThat(result.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(result.measurement().reason())
                .startsWith("example.pt did not run on the input shape 1×3×32×32 declared by input.shape in submission.properties: ");
    }

    @Test
    void aShapeThatIsNoShapeIsRefusedBeforeAnythingRuns() throws IOException {
        ExerciseResult result = grade(Fixtures.file("example/lenet_scripted.pt"), "input.shape=one by 784\n");
        assertThat(result.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(result.measurement().reason()).isEqualTo("submission.properties says input.shape=one by 784, which is not a shape "
                + "the grader runs: give whole numbers separated by commas, batch first, such as 1,1,28,28 (at most 64 examples "
                + "and 9,633,792 values).");
    }

    @Test
    void aModelGivingNaNRunsButEarnsNothing() throws IOException {
        ExerciseResult result = grade(Fixtures.file("example/nan_scripted.pt"), null);
        assertThat(result.outcome()).isEqualTo(Outcome.MEASURED);
        assertThat(result.points()).isZero();
        assertThat(messages(result)).contains("example.pt gives NaN or infinite outputs");
        assertThat(result.notes()).contains("output shape [1, 10]", "7,850 parameters");
    }

    @Test
    void aStudentWithoutTheFileGetsZeroForMissing() throws IOException {
        ExerciseResult result = grade(null, null);
        assertThat(result.outcome()).isEqualTo(Outcome.MISSING);
        assertThat(result.points()).isZero();
    }

    /**
     * The CIFAR-10 tutorial network as ONNX with the TorchScript file's weights: 62,006 parameters in
     * PyTorch, the same counted from the graph's weights; found by trying, as its input's batch is free.
     */
    @Test
    void anOnnxTutorialCnnLoadsRunsAndCountsPyTorchsParameters() throws IOException {
        ExerciseResult result = grade(Fixtures.file("example/cifar_net.onnx"), "example.onnx", null);
        assertThat(result.outcome()).isEqualTo(Outcome.MEASURED);
        assertThat(result.points()).isEqualTo(5);
        assertThat(result.measurement().evaluation().metrics()).containsEntry("parameters", 62_006.0).containsEntry("outputs", 10.0);
        assertThat(result.notes()).contains("output shape [1, 10]", "62,006 parameters")
                .anySatisfy(n -> assertThat(n).startsWith("ran on input of shape 1×3×32×32 (found by trying"))
                .contains("layers: conv2d 3→6 5×5, conv2d 6→16 5×5, dense 400→120, dense 120→84, dense 84→10");
    }

    /**
     * LeNet exported for one 1×1×32×32 image, none of the common shapes: the shape its graph declares
     * is tried first, so it runs without its student declaring anything. 61,706 parameters in PyTorch.
     */
    @Test
    void anOnnxModelRunsOnTheInputShapeItsGraphDeclares() throws IOException {
        ExerciseResult result = grade(Fixtures.file("example/lenet.onnx"), "example.onnx", null);
        assertThat(result.outcome()).as(result.measurement().reason()).isEqualTo(Outcome.MEASURED);
        assertThat(result.points()).isEqualTo(5);
        assertThat(result.measurement().evaluation().metrics()).containsEntry("parameters", 61_706.0).containsEntry("outputs", 10.0);
        assertThat(result.notes()).contains("output shape [1, 10]", "61,706 parameters")
                .anySatisfy(n -> assertThat(n).startsWith("ran on input of shape 1×1×32×32"));
    }

    @Test
    void anOnnxModelRunsOnTheShapeItsStudentDeclares() throws IOException {
        ExerciseResult result = grade(Fixtures.file("example/cifar_net.onnx"), "example.onnx", "input.shape=2,3,32,32\n");
        assertThat(result.points()).isEqualTo(5);
        assertThat(result.notes()).contains("output shape [2, 10]");
    }
}
