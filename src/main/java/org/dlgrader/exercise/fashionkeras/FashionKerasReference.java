package org.dlgrader.exercise.fashionkeras;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
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

/**
 * Exercise 3: the TensorFlow/Keras tutorial. Flatten(28,28), Dense(128, relu), Dense(10) logits,
 * Adam with Keras's defaults, batch 32 (Keras's {@code fit} default), 10 epochs, shuffled every
 * epoch as {@code fit} does; then the lesson's test script: evaluate, softmax, predict.
 */
public final class FashionKerasReference implements Reference {

    public static final String ID = "fashion-keras";

    /** Keras's defaults as the lesson leaves them. */
    public record Config(float learningRate, float beta1, float beta2, float epsilon, int batchSize, int epochs) {
        public static Config lesson() {
            return new Config(1e-3f, 0.9f, 0.999f, 1e-7f, 32, 10);
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Keras tutorial Flatten-Dense(128,relu)-Dense(10) on FashionMNIST, Adam, batch 32, 10 epochs";
    }

    /** {@code Flatten}, {@code Dense(128, relu)}, {@code Dense(10)}, with Keras's initialisation. */
    public static Block buildNetwork() {
        return Exercises.FASHION_KERAS.network().block((in, out) -> Layers.kerasDense(out));
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
            Optimizer adam = Optimizer.adam()
                    .optLearningRateTracker(Tracker.fixed(config.learningRate()))
                    .optBeta1(config.beta1()).optBeta2(config.beta2()).optEpsilon(config.epsilon())
                    .build();
            try (Trainer trainer = Trainers.create(model, Loss.softmaxCrossEntropyLoss(), adam, options.device(),
                    options.seed(), new Shape(1, FashionMnist.PIXELS))) {
                NDArray x = train.features(manager);
                NDArray y = train.labelArray(manager);
                MiniBatchTrainer loop = new MiniBatchTrainer(trainer, x, y, config.batchSize(), new Random(options.seed()));
                ProgressBar progress = new ProgressBar(ID, epochs, loop.batchesPerEpoch(), options.progress());
                for (int epoch = 1; epoch <= epochs; epoch++) {
                    double loss = loop.epoch(epoch, progress);
                    losses.add(loss);
                    progress.epoch(epoch, loss, "");
                }
                trainSeconds = (System.nanoTime() - start) / 1e9;
                // The test script: model.evaluate, then a Softmax on top for probabilities.
                result = Classification.evaluate(model.getBlock(), test.features(manager), test.labels(), 1000);
            }
            Reference.saveModel(model, options.output(), ID);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        ReferenceResult metrics = new ReferenceResult(ID, losses)
                .put("accuracy", result.accuracy())
                .put("loss", result.loss())
                .put("train_loss", losses.get(losses.size() - 1))
                .put("first_predictions", firstPredictions(result, test, 3))
                .put("train_examples", train.size()).put("test_examples", test.size())
                .withRun(options, epochs, seconds, trainSeconds);
        FashionPictures.write(options.output(), "Keras tutorial", train, test, result, losses);
        metrics.write(options.output());
        return metrics;
    }

    /** What the test script prints for the first images: probabilities, argmax and the true label. */
    private static List<Map<String, Object>> firstPredictions(Classification result, FashionMnist test, int count) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            List<Double> p = new ArrayList<>();
            for (int c = 0; c < result.classes(); c++) {
                p.add(Math.round(result.probabilities()[i * result.classes() + c] * 1e4) / 1e4);
            }
            row.put("index", i);
            row.put("probabilities", p);
            row.put("predicted", FashionMnist.CLASS_NAMES.get(result.predictions()[i]));
            row.put("true", FashionMnist.CLASS_NAMES.get(test.labels()[i]));
            rows.add(row);
        }
        return rows;
    }

}
