package org.dlgrader.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.dlgrader.exercise.Evaluation;
import org.dlgrader.exercise.Exercises;
import org.dlgrader.model.ModelFile;
import org.dlgrader.model.ModelLoaders;
import org.dlgrader.model.ModelRejected;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.dlgrader.engine.EngineSettings;
import org.dlgrader.model.Fixtures;
import org.junit.jupiter.api.Test;

/** Every format and every refusal, on files made by real PyTorch and h5py. */
class ModelLoadersTest {

    @BeforeAll
    static void engine() {
        EngineSettings.applyDefaults();
    }

    private static Evaluation evaluateSquare(String file) throws ModelRejected {
        return TestModels.evaluate(Fixtures.file(file), Exercises.SQUARE, 11);
    }

    private static String format(Path file) throws Exception {
        return ModelLoaders.detect(ModelFile.of(file), 512).format();
    }

    @ParameterizedTest
    @CsvSource({
        "square_state_dict.pth, PyTorch torch.save file",
        "square_legacy.pth, PyTorch torch.save file (legacy pre-1.6 format)",
        "square_traced.pt, TorchScript",
        "square_keras2.h5, Keras HDF5",
        "square.keras, Keras 3 .keras archive",
        "square.onnx, ONNX"})
    void formatIsToldByContent(String file, String format) throws Exception {
        assertThat(format(Fixtures.file(file))).isEqualTo(format);
    }

    /** The same trained network in eight containers must score the same. */
    @ParameterizedTest
    @ValueSource(strings = {"square_state_dict.pth", "square_legacy.pth", "square_dataparallel.pth",
        "square_checkpoint.pth", "square_traced.pt", "square_keras2.h5", "square.keras", "onnx/square.onnx"})
    void everyFormatOfOneNetworkGivesTheSameMse(String file) throws Exception {
        double mse = evaluateSquare(file).metrics().get("mse");
        double reference = evaluateSquare("square_state_dict.pth").metrics().get("mse");

        assertThat(mse).isCloseTo(reference, org.assertj.core.data.Percentage.withPercentage(0.1));
        assertThat(mse).as("30 epochs of Adam fit the paraboloid").isLessThan(5e-3);
    }

    @Test
    void halfPrecisionWeightsAreWidened() throws Exception {
        double mse = evaluateSquare("square_half.pth").metrics().get("mse");
        double reference = evaluateSquare("square_state_dict.pth").metrics().get("mse");
        assertThat(mse).isCloseTo(reference, org.assertj.core.data.Offset.offset(1e-3));
    }

    @Test
    void dataParallelPrefixIsNoted() throws Exception {
        assertThat(TestModels.notes(Fixtures.file("square_dataparallel.pth"), Exercises.SQUARE, 11))
                .anyMatch(n -> n.contains("'module.' prefix"));
    }

    @Test
    void wholePickledModuleIsRefusedWithoutRunningIt() {
        assertThatThrownBy(() -> evaluateSquare("square_full_module.pth"))
                .isInstanceOf(ModelRejected.class)
                .hasMessageContaining("square_full_module.pth is not a state_dict")
                .hasMessageContaining("torch.nn.modules.container.Sequential")
                .hasMessageContaining("torch.save(model.state_dict()");
    }

    @Test
    void nanWeightsGiveNonFiniteOutputs() throws Exception {
        assertThat(evaluateSquare("square_nan.pth").finite()).isFalse();
    }

    @Test
    void wrongOutputWidthIsAShapeProblem() throws Exception {
        assertThat(evaluateSquare("square_three_outputs.pth").shapeProblem())
                .isEqualTo("the model gives 3 outputs per point; y = x1² + x2² needs 1");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "empty.pth | empty.pth is empty (0 bytes)",
        "random.pth | random.pth is not a model file the grader knows",
        "lfs_pointer.pth | it is a Git LFS pointer, not the model: run `git lfs pull`",
        "square_truncated.pth | square_truncated.pth is a zip archive (the container of torch.save, TorchScript and .keras files) but it is damaged or cut off",
        "square_short_tensor.pth | square_short_tensor.pth is damaged: tensor data",
        "cifar_like_conv.pth | cifar_like_conv.pth holds 0.weight of shape [6, 3, 5, 5], a convolution layer",
        "keras_conv.h5 | keras_conv.h5: layer conv2d (Conv2D) needs an image (height × width × channels), but its input has shape 784.",
        "huge_storage.pth | huge_storage.pth declares a storage of 4611686018427387904 values",
        "square_bad_crc.pth | square_bad_crc.pth is damaged: square_state_dict/data/0 does not match its checksum",
        "square_no_constants.pt | square_no_constants.pt is damaged: it has no constants.pkl record",
        "image_classify_cut.h5 | image_classify_cut.h5 is cut off: it has 418,376 bytes, but the file itself says it is 422,472 bytes long"})
    void badFilesAreRefusedWithAMessageForTheStudent(String file, String message) {
        assertThatThrownBy(() -> TestModels.evaluate(Fixtures.file(file), Exercises.FASHION_MLP, 1))
                .isInstanceOf(ModelRejected.class)
                .hasMessageContaining(message);
    }

    /**
     * Named for what they are, with how to save the file under the student's own name: every format
     * when none is written under that ending, else only those that are (a ".zip" is TorchScript's).
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "square.safetensors | square.safetensors is a safetensors file, which the grader does not run | true",
        "square_pickle.pkl | square_pickle.pkl is a Python pickle (torch.save of a whole model in an old format, or pickle.dump) | true",
        "saved_model.zip | saved_model.zip is a zipped TensorFlow SavedModel, which the grader does not run | false"})
    void knownFormatsTheGraderDoesNotRunAreNamed(String file, String message, boolean everyFormat) {
        String text = org.assertj.core.api.Assertions.catchThrowableOfType(ModelRejected.class,
                () -> TestModels.evaluate(Fixtures.file(file), Exercises.SQUARE, 1)).getMessage();
        assertThat(text).contains(message).contains("TorchScript: torch.jit.script(model).save(\"" + file + "\")")
                .doesNotContain("model.pt\"");
        if (everyFormat) {
            assertThat(text).contains("PyTorch torch.save file: torch.save(model.state_dict(), \"" + file + "\")")
                    .contains("Keras HDF5: model.save(\"" + file + "\")");
        } else {
            assertThat(text).doesNotContain("Keras HDF5");
        }
    }

    @Test
    void torchScriptWantingCifarImagesIsRefusedWithTheShape() {
        assertThatThrownBy(() -> TestModels.evaluate(Fixtures.file("cifar_traced.pt"), Exercises.FASHION_MLP, 1))
                .isInstanceOf(ModelRejected.class)
                .hasMessageContaining("cifar_traced.pt did not accept this exercise's input in any of the layouts [1×28×28, 784, 28×28, 28×28×1]")
                .hasMessageContaining("3");
    }

    @Test
    void aDenseModelFedTheWrongWidthSaysSo() {
        assertThatThrownBy(() -> TestModels.evaluate(Fixtures.file("square_state_dict.pth"), Exercises.FASHION_MLP, 1))
                .isInstanceOf(ModelRejected.class)
                .hasMessageContaining("the model's first layer takes 2 inputs, but this exercise gives 784 per example");
    }

    @Test
    void djlParamsOfTheReferenceLoadIntoItsArchitecture(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        var options = new org.dlgrader.train.TrainingOptions(3, ai.djl.Device.cpu(), 20, 512, false, dir);
        double trained = new org.dlgrader.exercise.square.SquareReference().train(options).number("mse");
        Path params = dir.resolve("square-0000.params");
        assertThat(format(params)).isEqualTo("DJL parameters");

        double graded = TestModels.evaluate(params, Exercises.SQUARE, 11).metrics().get("mse");
        assertThat(graded).isCloseTo(trained, org.assertj.core.data.Percentage.withPercentage(20));
    }

    @Test
    void djlParamsOfAnotherExerciseAreRefused(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        var options = new org.dlgrader.train.TrainingOptions(3, ai.djl.Device.cpu(), 1, 64, false, dir);
        new org.dlgrader.exercise.square.SquareReference().train(options);

        assertThatThrownBy(() -> TestModels.evaluate(dir.resolve("square-0000.params"), Exercises.LINEAR, 1))
                .isInstanceOf(ModelRejected.class)
                .hasMessageContaining("square-0000.params is a DJL parameter file that does not fit this exercise's network");
    }
}
