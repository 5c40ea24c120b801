package org.dlgrader.exercise.fashionmlp;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.dlgrader.data.FashionMnist;
import org.dlgrader.engine.Layers;
import org.dlgrader.exercise.Exercises;
import org.dlgrader.exercise.FashionPictures;
import org.dlgrader.exercise.Reference;
import org.dlgrader.exercise.ReferenceResult;
import org.dlgrader.exercise.TrainingOptions;
import org.dlgrader.train.Classification;
import org.dlgrader.train.MiniBatchTrainer;
import org.dlgrader.train.ProgressBar;
import org.dlgrader.train.Trainers;

/** Exercise 2: the PyTorch quickstart MLP on FashionMNIST, SGD lr 1e-3, batch 64, 5 epochs, no shuffling. */
public final class FashionMlpReference implements Reference {

    public static final String ID = "fashion-mlp";

    /** The quickstart's recipe. */
    public record Config(float learningRate, int batchSize, int epochs) {
        public static Config lesson() {
            return new Config(1e-3f, 64, 5);
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "PyTorch quickstart MLP 784-512-512-10 on FashionMNIST, SGD lr 1e-3, batch 64, 5 epochs";
    }

    /** {@code nn.Flatten} then {@code linear_relu_stack}, with PyTorch's initialisation. */
    public static Block buildNetwork() {
        return Exercises.FASHION_MLP.network().block(Layers::torchLinear);
    }

    @Override
    public ReferenceResult train(TrainingOptions options) throws IOException {
        Config config = Config.lesson();
        FashionMnist train = FashionMnist.load(FashionMnist.Split.TRAIN);
        FashionMnist test = FashionMnist.load(FashionMnist.Split.TEST);
        train = train.head(options.limit(train.size()));
        int epochs = options.epochsOr(config.epochs());
        long start = System.nanoTime();
        List<Double> losses = new ArrayList<>();
        Classification result;
        double trainSeconds;
        try (NDManager manager = NDManager.newBaseManager(options.device());
                Model model = Model.newInstance(ID, options.device())) {
            model.setBlock(buildNetwork());
            Optimizer sgd = Optimizer.sgd().setLearningRateTracker(Tracker.fixed(config.learningRate())).build();
            try (Trainer trainer = Trainers.create(model, Loss.softmaxCrossEntropyLoss(), sgd, options.device(),
                    options.seed(), new Shape(1, FashionMnist.PIXELS))) {
                NDArray x = train.features(manager);
                NDArray y = train.labelArray(manager);
                MiniBatchTrainer loop = new MiniBatchTrainer(trainer, x, y, config.batchSize(), null);
                ProgressBar progress = new ProgressBar(ID, epochs, loop.batchesPerEpoch(), options.progress());
                for (int epoch = 1; epoch <= epochs; epoch++) {
                    double loss = loop.epoch(epoch, progress);
                    losses.add(loss);
                    progress.epoch(epoch, loss, "");
                }
                trainSeconds = (System.nanoTime() - start) / 1e9;
                result = Classification.evaluate(model.getBlock(), test.features(manager), test.labels(), 1000);
            }
            Reference.saveModel(model, options.output(), ID);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        ReferenceResult metrics = new ReferenceResult(ID, losses)
                .put("accuracy", result.accuracy())
                .put("loss", result.loss())
                .put("train_loss", losses.get(losses.size() - 1))
                .put("train_examples", train.size()).put("test_examples", test.size())
                .withRun(options, epochs, seconds, trainSeconds);
        FashionPictures.write(options.output(), "PyTorch quickstart MLP", train, test, result, losses);
        metrics.write(options.output());
        return metrics;
    }
}
