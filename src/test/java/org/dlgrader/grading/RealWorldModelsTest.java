package org.dlgrader.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dlgrader.engine.EngineSettings;
import org.dlgrader.data.FashionMnistLocator;
import org.dlgrader.exercise.Evaluation;
import org.dlgrader.exercise.Exercises;
import org.dlgrader.model.Fixtures;
import org.dlgrader.model.ModelRejected;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Model files from other people's public repositories ({@code ../shared/fixtures/real-world/},
 * not copied into this repository), scored on the official test set; the README there gives the
 * accuracy each must reach.
 */
@Tag("slow")
class RealWorldModelsTest {

    @BeforeAll
    static void needsFixturesAndData() {
        EngineSettings.applyDefaults();
        assumeTrue(Files.isDirectory(Fixtures.REAL_WORLD), "no ../shared/fixtures/real-world");
        assumeTrue(FashionMnistLocator.isInstalled(), "FashionMNIST is not installed");
    }

    private static Evaluation evaluate(String file, String exercise) throws ModelRejected {
        return TestModels.evaluate(Fixtures.REAL_WORLD.resolve(file), Exercises.byId(exercise), 1);
    }

    private static List<String> notes(String file, String exercise) throws ModelRejected {
        return TestModels.notes(Fixtures.REAL_WORLD.resolve(file), Exercises.byId(exercise), 1);
    }

    @ParameterizedTest
    @CsvSource({
        "keras-timogden/fashion_mnist.h5, fashion-keras, 0.8785",
        "keras-ntu-cminusbool/fashion_mnist.h5, fashion-keras, 0.8827",
        "pth-3tomcha/quickstart_model_f3f6993.pth, fashion-mlp, 0.6492",
        "pth-abirdey/model.pth, fashion-mlp, 0.6475",
        "ts-bsusheel/model_scripted.pt, fashion-mlp, 0.0944"})
    void scoresWhatTheReadmeSays(String file, String exercise, double accuracy) throws ModelRejected {
        Evaluation evaluation = evaluate(file, exercise);

        assertThat(evaluation.finite()).isTrue();
        assertThat(evaluation.metrics().get("accuracy")).isCloseTo(accuracy, org.assertj.core.data.Offset.offset(0.005));
    }

    @Test
    void kerasSoftmaxIsDetectedAndTheLossIsNotTakenTwice() throws ModelRejected {
        Evaluation evaluation = evaluate("keras-timogden/fashion_mnist.h5", "fashion-keras");

        assertThat(evaluation.notes()).contains("outputs already sum to 1: softmax detected, scored as probabilities");
        // A softmax taken twice squashes every loss towards ln(10) = 2.30; the real loss is about 0.35.
        assertThat(evaluation.metrics().get("loss")).isBetween(0.25, 0.5);
    }

    @Test
    void tensorsSavedOnCudaAndMpsLoadOnTheCpu() throws ModelRejected {
        assertThat(notes("pth-abirdey/model.pth", "fashion-mlp"))
                .contains("loaded a state_dict saved on cuda:0 onto the CPU");
        assertThat(notes("pth-3tomcha/quickstart_model_f3f6993.pth", "fashion-mlp"))
                .contains("loaded a state_dict saved on mps onto the CPU");
    }

    @Test
    void digitsModelScoresAtChanceWithAHint() throws ModelRejected {
        List<String> notes = notes("ts-bsusheel/model_scripted.pt", "fashion-mlp");
        assertThat(notes).anyMatch(n -> n.startsWith("accuracy 0.094 is near chance"));
        assertThat(notes).anyMatch(n -> n.contains("the model takes inputs of shape 1×28×28"));
    }

    /** The issue's own case: the real Keras 3 file cut to 600,000 of its 1,244,608 bytes loaded and scored 0.8827. */
    @Test
    void aKerasFileCutOffOnTheWayIsRefusedAsDamaged(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        byte[] whole = Files.readAllBytes(Fixtures.REAL_WORLD.resolve("keras-ntu-cminusbool/fashion_mnist.h5"));
        Path cut = dir.resolve("image_classify.h5");
        Files.write(cut, java.util.Arrays.copyOf(whole, 600_000));
        assertThatThrownBy(() -> TestModels.evaluate(cut, org.dlgrader.exercise.Exercises.FASHION_KERAS, 1))
                .isInstanceOf(ModelRejected.class)
                .hasMessage("image_classify.h5 is cut off: it has 600,000 bytes, but the file itself says it is 1,244,608 bytes "
                        + "long. It was probably damaged while it was copied or attached; attach it again.");
    }

    @Test
    void wholePickledModelIsRefused() {
        assertThatThrownBy(() -> evaluate("pth-3tomcha/fullpickle_price_model.pth", "fashion-mlp"))
                .isInstanceOf(ModelRejected.class)
                .hasMessageContaining("fullpickle_price_model.pth is not a state_dict: it asks Python to build __main__.NeuralNetwork")
                .hasMessageContaining("It was not opened");
    }

    @Test
    void cifarNetIsRefusedAsTheQuickstartModel() {
        assertThatThrownBy(() -> evaluate("pth-stevenlai-practice/cifar_net.pth", "fashion-mlp"))
                .isInstanceOf(ModelRejected.class)
                .hasMessageContaining("cifar_net.pth holds conv1.weight of shape [6, 3, 5, 5], a convolution layer");
    }
}
