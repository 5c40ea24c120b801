package org.dlgrader.exercise.linear;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.dlgrader.engine.Layers;
import org.dlgrader.exercise.Exercises;
import org.dlgrader.exercise.Reference;
import org.dlgrader.exercise.ReferenceResult;
import org.dlgrader.exercise.TrainingOptions;
import org.dlgrader.plot.Charts;
import org.dlgrader.plot.Png;
import org.dlgrader.train.MiniBatchTrainer;
import org.dlgrader.train.ProgressBar;
import org.dlgrader.train.Trainers;

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
        return "Linear(1,1) fitted to y = 5x + 7 + noise, MSE, SGD lr 0.01, 3000 epochs";
    }

    /** {@code nn.Linear(1, 1)}, with PyTorch's initialisation. */
    public static Block buildNetwork() {
        return Exercises.LINEAR.network().block(Layers::torchLinear);
    }

    @Override
    public ReferenceResult train(TrainingOptions options) throws IOException {
        Config config = Config.lesson();
        int epochs = options.epochsOr(config.epochs());
        LinearData data = LinearData.generate(options.seed(), options.limit(config.points()), config.noiseScale());
        long start = System.nanoTime();
        List<Double> losses = new ArrayList<>();
        double w;
        double b;
        double mse;
        try (NDManager manager = NDManager.newBaseManager(options.device());
                Model model = Model.newInstance(ID, options.device())) {
            model.setBlock(buildNetwork());
            Optimizer sgd = Optimizer.sgd().setLearningRateTracker(Tracker.fixed(config.learningRate())).build();
            try (Trainer trainer = Trainers.create(model, Trainers.mse(), sgd, options.device(), options.seed(),
                    new Shape(1, 1))) {
                NDArray x = manager.create(data.x(), new Shape(data.size(), 1));
                NDArray y = manager.create(data.y(), new Shape(data.size(), 1));
                MiniBatchTrainer loop = new MiniBatchTrainer(trainer, x, y, data.size(), null);
                ProgressBar progress = new ProgressBar(ID, epochs, 1, options.progress(), 100);
                for (int epoch = 1; epoch <= epochs; epoch++) {
                    double loss = loop.epoch(epoch, progress);
                    losses.add(loss);
                    progress.epoch(epoch, loss, "");
                }
                // Probe the model as the grader will: b = f(0), w = f(1) - f(0).
                NDArray probe = manager.create(new float[] {0f, 1f}, new Shape(2, 1));
                float[] out = model.getBlock().forward(new ParameterStore(manager, false), new NDList(probe), false)
                        .singletonOrThrow().toFloatArray();
                b = out[0];
                w = out[1] - out[0];
                mse = model.getBlock().forward(new ParameterStore(manager, false), new NDList(x), false)
                        .singletonOrThrow().sub(y).square().mean().getFloat();
            }
            Reference.saveModel(model, options.output(), ID);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        ReferenceResult result = new ReferenceResult(ID, losses)
                .put("w", w).put("b", b)
                .put("mse", mse)
                .put("loss", losses.get(losses.size() - 1))
                .put("points", data.size())
                .withRun(options, epochs, seconds, seconds);
        Png.write(Charts.linearFit(data.x(), data.y(), LinearData.TRUE_W, LinearData.TRUE_B, w, b), 800, 560,
                options.output().resolve("fit.png"));
        Png.write(Charts.loss("Linear regression: MSE per epoch", losses), 800, 480, options.output().resolve("loss.png"));
        result.write(options.output());
        return result;
    }

}
