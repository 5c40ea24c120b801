package org.dlgrader.exercise.fashionkeras;

import static org.dlgrader.i18n.Messages.tr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        return tr("exercise.fashionKeras.reference.description");
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
        FashionMnist examples = train.head(options.limit(train.size()));
        long start = System.nanoTime();
        // The tutorial: model.compile(optimizer='adam', loss=SparseCategoricalCrossentropy(from_logits=True)),
        // model.fit(train_images, train_labels, epochs=10): batch 32, reshuffled every epoch.
        Recipe recipe = new Recipe(ID, buildNetwork(), new Shape(1, FashionMnist.PIXELS), Loss.softmaxCrossEntropyLoss(),
                Optimizer.adam().optLearningRateTracker(Tracker.fixed(config.learningRate()))
                        .optBeta1(config.beta1()).optBeta2(config.beta2()).optEpsilon(config.epsilon()).build(),
                config.batchSize(), config.epochs(), true);
        // The test script: model.evaluate, then a Softmax on top for probabilities.
        Training.Outcome<Classification> trained = Training.fit(recipe, options,
                manager -> new NDArray[] {examples.features(manager), examples.labelArray(manager)},
                (block, store, manager) -> Classification.evaluate(block, test.features(manager), test.labels(), 1000));
        Classification result = trained.measured();
        ReferenceResult metrics = new ReferenceResult(ID, trained.losses())
                .put("accuracy", result.accuracy())
                .put("loss", result.loss())
                .put("train_loss", trained.lastLoss())
                .put("first_predictions", firstPredictions(result, test, 3))
                .put("train_examples", examples.size()).put("test_examples", test.size())
                .withRun(options, trained.epochs(), (System.nanoTime() - start) / 1e9, trained.trainSeconds());
        FashionPictures.write(options.output(), tr("exercise.fashionKeras.reference.name"), examples, test, result, trained.losses());
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
