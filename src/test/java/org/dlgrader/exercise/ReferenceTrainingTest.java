package org.dlgrader.exercise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dlgrader.data.FashionMnistLocator;
import org.dlgrader.train.TrainingOptions;
import org.dlgrader.exercise.fashionkeras.FashionKerasReference;
import org.dlgrader.exercise.fashionmlp.FashionMlpReference;
import org.dlgrader.exercise.linear.LinearReference;
import org.dlgrader.exercise.square.SquareReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each reference trained briefly: it must learn, and write its model, metrics and pictures. */
@Tag("slow")
class ReferenceTrainingTest {

    @TempDir
    Path dir;

    private TrainingOptions options(int epochs, int limit) {
        return new TrainingOptions(7, Device.cpu(), epochs, limit, false, dir);
    }

    @Test
    void linearMovesTowardsFiveAndSeven() throws IOException {
        ReferenceResult result = new LinearReference().train(options(300, 0));

        List<Double> losses = result.epochLosses();
        assertThat(losses.get(losses.size() - 1)).isLessThan(losses.get(0) / 20);
        assertThat(result.number("w")).isBetween(1.0, 8.0);
        assertThat(result.number("b")).isBetween(5.5, 8.5);
        assertThat(dir).isDirectoryContaining("glob:**/linear-0000.params")
                .isDirectoryContaining("glob:**/fit.png").isDirectoryContaining("glob:**/loss.png");
        Map<String, Object> written = ReferenceResult.read(dir.resolve("metrics.json"));
        assertThat(written).containsKeys("w", "b", "mse", "seconds", "device", "seed", "versions", "epoch_losses");
        assertThat(written.get("seed")).isEqualTo(7);
    }

    @Test
    void sameSeedSameNumbers() throws IOException {
        ReferenceResult first = new LinearReference().train(options(50, 0));
        ReferenceResult second = new LinearReference().train(options(50, 0));

        assertThat(second.number("w")).isEqualTo(first.number("w"));
        assertThat(second.epochLosses()).isEqualTo(first.epochLosses());
    }

    @Test
    void fashionMlpBeatsChanceAfterAFewHundredSteps() throws IOException {
        assumeTrue(FashionMnistLocator.isInstalled(), "FashionMNIST is not installed");
        // 400 batches of 64 for 2 epochs: 800 SGD steps at lr 1e-3.
        ReferenceResult result = new FashionMlpReference().train(options(2, 400 * 64));

        assertThat(result.epochLosses().get(1)).isLessThan(result.epochLosses().get(0));
        assertThat(result.number("accuracy")).as("accuracy on the 10,000 test images").isGreaterThan(0.3);
        assertPictures("train-images.png", "predictions.svg", "loss.png", "activations.png", "fashion-mlp-0000.params");
    }

    @Test
    void fashionKerasLearnsQuickly() throws IOException {
        assumeTrue(FashionMnistLocator.isInstalled(), "FashionMNIST is not installed");
        // 300 Adam steps of 32 images.
        ReferenceResult result = new FashionKerasReference().train(options(1, 300 * 32));

        assertThat(result.number("accuracy")).isGreaterThan(0.65);
        assertThat(result.metrics().get("first_predictions")).asList().hasSize(3);
        assertPictures("train-images.png", "predictions.svg", "loss.png", "fashion-keras-0000.params");
    }

    @Test
    void squareFitsTheParaboloidRoughly() throws IOException {
        // 1024 points, batch 32, 10 epochs: 320 Adam steps.
        ReferenceResult result = new SquareReference().train(options(10, 1024));

        List<Double> losses = result.epochLosses();
        assertThat(losses.get(losses.size() - 1)).isLessThan(losses.get(0) / 5);
        // The target's variance on [-1, 1]^2 is 8/45 = 0.178: a model that learned nothing scores about that.
        assertThat(result.number("mse")).isLessThan(0.02);
        assertPictures("error.png", "loss.png", "square-0000.params");
    }

    private void assertPictures(String... names) throws IOException {
        for (String name : names) {
            assertThat(dir.resolve(name)).exists();
            assertThat(Files.size(dir.resolve(name))).isGreaterThan(1000);
        }
    }
}
