package org.dlgrader.exercise.linear;

import static org.dlgrader.i18n.Messages.tr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.io.IOException;
import org.dlgrader.engine.Layers;
import org.dlgrader.exercise.Exercises;
import org.dlgrader.exercise.Reference;
import org.dlgrader.exercise.ReferenceResult;
import org.dlgrader.plot.Charts;
import org.dlgrader.plot.Png;
import org.dlgrader.train.Recipe;
import org.dlgrader.train.Trainers;
import org.dlgrader.train.Training;
import org.dlgrader.train.TrainingOptions;

/** Exercise 1: {@code torch.nn.Linear(1, 1)} fitted to y = 5x + 7 with MSE and SGD, full batch. */
public final class LinearReference implements Reference {

    /** The lesson's recipe. */
    public record Config(int points, double noiseScale, float learningRate, int epochs) {
        public static Config lesson() {
            return new Config(256, 0.25, 0.01f, 3000);
        }
    }

    public static final String ID = "linear";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return tr("exercise.linear.reference.description");
    }

    /** {@code nn.Linear(1, 1)}, with PyTorch's initialisation. */
    public static Block buildNetwork() {
        return Exercises.LINEAR.network().block(Layers::torchLinear);
    }

    @Override
    public ReferenceResult train(TrainingOptions options) throws IOException {
        Config config = Config.lesson();
        LinearData data = LinearData.generate(options.seed(), options.limit(config.points()), config.noiseScale());
        long start = System.nanoTime();
        // The lesson: nn.MSELoss, torch.optim.SGD(lr=0.01), the whole data set every step, 3000 epochs.
        Recipe recipe = new Recipe(ID, buildNetwork(), new Shape(1, 1), Trainers.mse(),
                Optimizer.sgd().setLearningRateTracker(Tracker.fixed(config.learningRate())).build(),
                data.size(), config.epochs(), false);
        Training.Outcome<float[]> trained = Training.fit(recipe, options,
                manager -> new NDArray[] {manager.create(data.x(), new Shape(data.size(), 1)), manager.create(data.y(), new Shape(data.size(), 1))},
                (block, store, manager) -> {
                    // Probe the model as the grader will: b = f(0), w = f(1) - f(0); and its MSE on the data.
                    float[] probe = block.forward(store, new NDList(manager.create(new float[] {0f, 1f}, new Shape(2, 1))), false)
                            .singletonOrThrow().toFloatArray();
                    NDArray x = manager.create(data.x(), new Shape(data.size(), 1));
                    NDArray y = manager.create(data.y(), new Shape(data.size(), 1));
                    float mse = block.forward(store, new NDList(x), false).singletonOrThrow().sub(y).square().mean().getFloat();
                    return new float[] {probe[1] - probe[0], probe[0], mse};
                });
        double w = trained.measured()[0];
        double b = trained.measured()[1];
        ReferenceResult result = new ReferenceResult(ID, trained.losses())
                .put("w", w).put("b", b)
                .put("mse", trained.measured()[2])
                .put("loss", trained.lastLoss())
                .put("points", data.size())
                .withRun(options, trained.epochs(), (System.nanoTime() - start) / 1e9, trained.trainSeconds());
        Png.write(Charts.linearFit(data.x(), data.y(), LinearData.TRUE_W, LinearData.TRUE_B, w, b), 800, 560,
                options.output().resolve("fit.png"));
        Png.write(Charts.loss(tr("exercise.linear.reference.lossChart"), trained.losses()), 800, 480, options.output().resolve("loss.png"));
        result.write(options.output());
        return result;
    }
}
