package org.dlgrader.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.dlgrader.data.FashionMnistLocator;
import org.dlgrader.engine.EngineSettings;
import org.dlgrader.exercise.Exercises;
import org.dlgrader.isolation.WorkerPool;
import org.dlgrader.model.Fixtures;
import org.dlgrader.model.InputSpec;
import org.dlgrader.model.LoadedModel;
import org.dlgrader.model.ModelFile;
import org.dlgrader.model.ModelJob;
import org.dlgrader.model.ModelLoader;
import org.dlgrader.model.ModelLoaders;
import org.dlgrader.model.ModelRun;
import org.dlgrader.model.ModelShape;
import org.dlgrader.run.Runners;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Keras CNNs and ONNX graphs show their layers, so a dense exercise's rule holds for them as it does
 * for a state_dict: a CNN handed in as the quickstart's network is refused, not graded as one.
 */
class FormatShapesTest {

    private static final Path KERAS = Fixtures.DIR.resolve("keras-cnn");
    private static final Path ONNX = Fixtures.DIR.resolve("onnx");

    @TempDir
    Path dir;

    @BeforeAll
    static void engine() {
        EngineSettings.applyDefaults();
    }

    private ExerciseResult grade(String exercise, Path model, String name) throws IOException {
        return TestModels.graded(dir, Assignment.load(Assignment.DEFAULT), exercise, model, name);
    }

    private static ModelShape shape(Path file, InputSpec spec) throws Exception {
        ModelFile model = ModelFile.of(file);
        try (LoadedModel loaded = ModelLoaders.detect(model, Limits.DEFAULTS.maxUnpackedMb()).load(model, spec)) {
            return loaded.shape();
        }
    }

    /** What Keras's model.count_params() gives: every array saved with the weights, BatchNormalization's moving statistics included. */
    private static long savedValues(Node node) {
        if (node instanceof Dataset data) {
            long size = 1;
            for (int d : data.getDimensions()) {
                size *= d;
            }
            return size;
        }
        long sum = 0;
        if (node instanceof Group group) {
            for (Node child : group.getChildren().values()) {
                sum += savedValues(child);
            }
        }
        return sum;
    }

    @Test
    void aKerasCnnShowsItsLayersAndKerassParameterCount() throws Exception {
        ModelShape shape = shape(KERAS.resolve("small_cnn_keras2.h5"), Exercises.FASHION_KERAS.inputSpec());
        long keras;
        try (HdfFile hdf = new HdfFile(KERAS.resolve("small_cnn_keras2.h5"))) {
            keras = savedValues(hdf.getByPath("model_weights"));
        }
        System.out.printf("small_cnn_keras2.h5: grader %d parameters, Keras's saved arrays %d; %s%n", shape.parameters(), keras, shape.describeLayers());
        assertThat(shape.parameters()).isEqualTo(keras);
        assertThat(shape.layers()).extracting(ModelShape.Layer::kind).contains(ModelShape.CONV2D, ModelShape.DENSE);
        assertThat(shape.layers().get(0)).isEqualTo(new ModelShape.Layer(ModelShape.CONV2D, List.of(1,
                shape.layers().get(0).sizes().get(1), shape.layers().get(0).sizes().get(2), shape.layers().get(0).sizes().get(3))));
        assertThat(shape.layers().get(shape.layers().size() - 1).sizes().get(1)).isEqualTo(10);
    }

    @Test
    void theKeras3ArchiveShowsTheSameLayersAsTheKeras2File() throws Exception {
        assertThat(shape(KERAS.resolve("small_cnn.keras"), Exercises.FASHION_KERAS.inputSpec()))
                .isEqualTo(shape(KERAS.resolve("small_cnn_keras2.h5"), Exercises.FASHION_KERAS.inputSpec()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"quickstart.pth", "model.pth"})
    void aKerasCnnHandedInAsTheQuickstartsDenseNetworkIsRefused(String name) throws IOException {
        assumeTrue(FashionMnistLocator.isInstalled(), "FashionMNIST is not installed");
        ExerciseResult result = grade("fashion-mlp", KERAS.resolve("small_cnn_keras2.h5"), name);
        assertThat(result.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(result.points()).isZero();
        assertThat(result.measurement().reason()).startsWith(name + " is not a network this exercise accepts: expected dense "
                + "layers only, of widths 784 → * → 10 (* = any number of hidden layers of any width); found conv2d 1→");
    }

    @Test
    void theSameCnnIsGradedForTheKerasExerciseWhichAcceptsAnyNetwork() throws IOException {
        assumeTrue(FashionMnistLocator.isInstalled(), "FashionMNIST is not installed");
        ExerciseResult result = grade("fashion-keras", KERAS.resolve("small_cnn_keras2.h5"), "image_classify.h5");
        assertThat(result.outcome()).isEqualTo(Outcome.MEASURED);
        assertThat(result.points()).isPositive();
    }

    /** The lesson's quickstart network, exported by torch.onnx.export: Flatten, then Gemm with transB=1 ([out, in] weights). */
    @Test
    void anOnnxQuickstartShowsItsDenseWidthsAndPyTorchsParameterCount() throws Exception {
        ModelShape shape = shape(ONNX.resolve("quickstart.onnx"), Exercises.FASHION_MLP.inputSpec());
        long pytorch = 784 * 512 + 512 + 512 * 512 + 512 + 512 * 10 + 10;
        System.out.printf("quickstart.onnx: grader %d parameters, PyTorch %d; %s%n", shape.parameters(), pytorch, shape.describeLayers());
        assertThat(shape.denseWidths()).contains(List.of(784, 512, 512, 10));
        assertThat(shape.parameters()).isEqualTo(pytorch);
    }

    @Test
    void anOnnxQuickstartPassesTheDenseRule() throws IOException {
        assumeTrue(FashionMnistLocator.isInstalled(), "FashionMNIST is not installed");
        ExerciseResult result = grade("fashion-mlp", ONNX.resolve("quickstart.onnx"), "quickstart.onnx");
        assertThat(result.outcome()).isEqualTo(Outcome.MEASURED);
        assertThat(result.points()).isPositive();
    }

    /** Exported in eval mode, its BatchNorm2d is folded into the convolution: two layers show, and 13,610 of PyTorch's 13,626 parameters. */
    @Test
    void anOnnxCnnIsRefusedForTheQuickstartsDenseNetwork() throws IOException {
        assumeTrue(FashionMnistLocator.isInstalled(), "FashionMNIST is not installed");
        ExerciseResult result = grade("fashion-mlp", ONNX.resolve("small_cnn.onnx"), "quickstart.onnx");
        assertThat(result.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(result.points()).isZero();
        assertThat(result.measurement().reason()).isEqualTo("quickstart.onnx is not a network this exercise accepts: expected dense "
                + "layers only, of widths 784 → * → 10 (* = any number of hidden layers of any width); found conv2d 1→8 3×3, dense 1352→10.");
    }

    @Test
    void anOnnxCnnShowsItsFoldedLayers() throws Exception {
        ModelShape shape = shape(ONNX.resolve("small_cnn.onnx"), Exercises.FASHION_MLP.inputSpec());
        System.out.printf("small_cnn.onnx: grader %d parameters (PyTorch 13626 with the norm folded away: 13610); %s%n", shape.parameters(), shape.describeLayers());
        assertThat(shape.parameters()).isEqualTo(8 * 9 + 8 + 1352 * 10 + 10);
    }

    /** The layers come back from a sandboxed worker as they are read here: the rule judges what the file shows. */
    @org.junit.jupiter.api.Tag("slow")
    @ParameterizedTest
    @ValueSource(strings = {"onnx/small_cnn.onnx", "keras-cnn/small_cnn.keras"})
    void aWorkerSendsBackTheLayersThisProcessReads(String file) throws Exception {
        ModelFile model = ModelFile.of(Fixtures.DIR.resolve(file));
        ModelLoader loader = ModelLoaders.detect(model, Limits.DEFAULTS.maxUnpackedMb());
        // One seeded 1×1×28×28 image: the layers, not the test set, are what this is about.
        ModelJob job = new ModelJob(model, loader, Exercises.FASHION_KERAS.inputSpec(),
                Exercises.PYTORCH_EXAMPLE.task().inputs(1));
        ModelRun remote;
        try (WorkerPool pool = new WorkerPool(Limits.DEFAULTS, 1,
                Runners.policy(false))) {
            remote = pool.run(job);
        }
        assertThat(remote).isInstanceOf(ModelRun.Outputs.class);
        assertThat(((ModelRun.Outputs) remote).shape()).isEqualTo(shape(Fixtures.DIR.resolve(file), Exercises.FASHION_KERAS.inputSpec()));
    }
}
