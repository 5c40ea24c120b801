package org.dlgrader.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.dlgrader.data.FashionMnistLocator;
import org.dlgrader.engine.EngineSettings;
import org.dlgrader.exercise.Evaluation;
import org.dlgrader.exercise.Exercises;
import org.dlgrader.isolation.WorkerPool;
import org.dlgrader.model.DenseStack;
import org.dlgrader.model.Fixtures;
import org.dlgrader.model.LocalRunner;
import org.dlgrader.model.ModelFile;
import org.dlgrader.model.ModelJob;
import org.dlgrader.model.ModelLoader;
import org.dlgrader.model.ModelLoaders;
import org.dlgrader.model.ModelRejected;
import org.dlgrader.model.ModelRun;
import org.dlgrader.run.Runners;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Keras CNNs (Conv2D, pooling, BatchNormalization, GlobalAveragePooling2D, a Reshape first), written
 * by h5py in Keras 2 and Keras 3 layouts from networks trained in PyTorch
 * ({@code python/make_keras_cnn.py}): the grader must score them as PyTorch scores the same weights.
 */
class KerasImageModelsTest {

    private static final Path DIR = Fixtures.DIR.resolve("keras-cnn");
    private static JsonNode pytorch;

    @BeforeAll
    static void engineAndData() throws Exception {
        EngineSettings.applyDefaults();
        pytorch = new ObjectMapper().readTree(DIR.resolve("accuracy.json").toFile()).path("pytorch_test_accuracy");
    }

    private static Evaluation evaluate(String file) throws ModelRejected {
        return TestModels.evaluate(DIR.resolve(file), Exercises.FASHION_KERAS, 1);
    }

    @Tag("slow")
    @ParameterizedTest
    @CsvSource({
        "small_cnn_keras2.h5, small_cnn",
        "small_cnn.keras, small_cnn",
        "gap_cnn_keras2.h5, gap_cnn",
        "gap_cnn_functional.keras, gap_cnn"})
    void scoresWhatPyTorchScoresWithTheSameWeights(String file, String network) throws ModelRejected {
        assumeTrue(FashionMnistLocator.isInstalled(), "FashionMNIST is not installed");
        Evaluation evaluation = evaluate(file);

        double expected = pytorch.path(network).asDouble();
        System.out.printf("%s: grader %.4f, PyTorch %.4f%n", file, evaluation.metrics().get("accuracy"), expected);
        assertThat(evaluation.metrics().get("accuracy")).isCloseTo(expected, org.assertj.core.data.Offset.offset(0.001));
        assertThat(evaluation.notes()).contains("outputs already sum to 1: softmax detected, scored as probabilities");
    }

    /** Graded in a worker process, as every student's model is, the CNN gives what it gives here. */
    @Tag("slow")
    @Test
    void aWorkerRunsTheCnnAsThisProcessDoes() throws Exception {
        assumeTrue(FashionMnistLocator.isInstalled(), "FashionMNIST is not installed");
        ModelFile model = ModelFile.of(DIR.resolve("small_cnn.keras"));
        ModelLoader loader = ModelLoaders.detect(model, Limits.DEFAULTS.maxUnpackedMb());
        ModelJob job = new ModelJob(model, loader, Exercises.FASHION_KERAS.inputSpec(), Exercises.FASHION_KERAS.task().inputs(1));
        ModelRun local = new LocalRunner().run(job);
        ModelRun remote;
        try (WorkerPool pool = new WorkerPool(Limits.DEFAULTS, 1, Runners.policy(false))) {
            remote = pool.run(job);
        }
        assertThat(remote).isInstanceOf(ModelRun.Outputs.class);
        ModelRun.Outputs here = (ModelRun.Outputs) local;
        ModelRun.Outputs there = (ModelRun.Outputs) remote;
        assertThat(there.declaresSoftmax()).isTrue();
        assertThat(there.outputs().get(0).values()).containsExactly(here.outputs().get(0).values());
    }

    /** tf.keras 2's functional model names each layer's input as [name, node, tensor, kwargs]: a chain of them runs. */
    @Test
    void aKeras2FunctionalChainRuns() throws ModelRejected {
        assumeTrue(FashionMnistLocator.isInstalled(), "FashionMNIST is not installed");
        Evaluation evaluation = evaluate("chain_keras2.h5");

        assertThat(evaluation.finite()).isTrue();
        assertThat(evaluation.notes()).contains("outputs already sum to 1: softmax detected, scored as probabilities");
    }

    /** The dense layers that end a CNN are what its weights are compared by. */
    @Test
    void theDenseHeadIsReadWithoutTheEngine() throws Exception {
        ModelFile model = ModelFile.of(DIR.resolve("small_cnn_keras2.h5"));
        List<DenseStack.Layer> layers = ModelLoaders.detect(model, 512).denseLayers(model, Exercises.FASHION_KERAS.inputSpec()).orElseThrow();

        assertThat(layers).extracting(DenseStack.Layer::in).containsExactly(1152, 64);
        assertThat(layers).extracting(DenseStack.Layer::activation)
                .containsExactly(DenseStack.Activation.RELU, DenseStack.Activation.SOFTMAX);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "lstm.h5 | lstm.h5 uses a LSTM layer (lstm), which the grader cannot run; it runs InputLayer, Reshape, Flatten, Dense, Dropout, Conv2D",
        "channels_first.h5 | channels_first.h5: layer conv2d uses data_format=\"channels_first\"; the grader runs Keras's default channels_last",
        "groups.h5 | groups.h5: Conv2D layer conv2d has groups=2; the grader runs ordinary convolutions (groups=1) only.",
        "kernel_mismatch.keras | kernel_mismatch.keras: layer conv2d holds weights of shape [5, 5, 1, 8], but its config and its input say [3, 3, 1, 8].",
        "branch.keras | branch.keras: layer global_average_pooling2d takes its input from batch_normalization, not from the layer listed before it (re_lu)",
        "branch_keras2.h5 | branch_keras2.h5: layer global_average_pooling2d takes its input from batch_normalization, not from the layer listed before it (re_lu)"})
    void layersItCannotRunAreRefusedByName(String file, String message) {
        assertThatThrownBy(() -> evaluate(file)).isInstanceOf(ModelRejected.class).hasMessageContaining(message);
    }
}
