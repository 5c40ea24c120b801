package org.dlgrader.exercise.fashionmlp;

import static org.dlgrader.i18n.Messages.tr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.io.IOException;
import org.dlgrader.data.FashionMnist;
import org.dlgrader.engine.Layers;
import org.dlgrader.exercise.Exercises;
import org.dlgrader.exercise.FashionPictures;
import org.dlgrader.exercise.Reference;
import org.dlgrader.exercise.ReferenceResult;
import org.dlgrader.train.Classification;
import org.dlgrader.train.Recipe;
import org.dlgrader.train.Training;
import org.dlgrader.train.TrainingOptions;

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
        return tr("exercise.fashionMlp.reference.description");
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
        FashionMnist examples = train.head(options.limit(train.size()));
        long start = System.nanoTime();
        // The quickstart: nn.CrossEntropyLoss, torch.optim.SGD(lr=1e-3), DataLoader(batch_size=64), 5 epochs.
        Recipe recipe = new Recipe(ID, buildNetwork(), new Shape(1, FashionMnist.PIXELS), Loss.softmaxCrossEntropyLoss(),
                Optimizer.sgd().setLearningRateTracker(Tracker.fixed(config.learningRate())).build(),
                config.batchSize(), config.epochs(), false);
        Training.Outcome<Classification> trained = Training.fit(recipe, options,
                manager -> new NDArray[] {examples.features(manager), examples.labelArray(manager)},
                (block, store, manager) -> Classification.evaluate(block, test.features(manager), test.labels(), 1000));
        Classification result = trained.measured();
        ReferenceResult metrics = new ReferenceResult(ID, trained.losses())
                .put("accuracy", result.accuracy())
                .put("loss", result.loss())
                .put("train_loss", trained.lastLoss())
                .put("train_examples", examples.size()).put("test_examples", test.size())
                .withRun(options, trained.epochs(), (System.nanoTime() - start) / 1e9, trained.trainSeconds());
        FashionPictures.write(options.output(), tr("exercise.fashionMlp.reference.name"), examples, test, result, trained.losses());
        metrics.write(options.output());
        return metrics;
    }
}
