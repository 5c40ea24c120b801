package org.dlgrader.train;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The one training skeleton every reference uses, in the spirit of DJL's {@code EasyTrain}: open a
 * model and a trainer, run the recipe's epochs of mini-batches with a progress bar, let the caller
 * measure the trained network while it is open, save it, and close everything native.
 */
public final class Training {

    private Training() {
    }

    /** The training examples, as native arrays the skeleton's manager owns: {features, labels}. */
    public interface Data {
        NDArray[] load(NDManager manager);
    }

    /** What the caller measures on the trained network (test accuracy, w and b, an error grid). */
    public interface Measure<T> {
        T measure(Block trained, ParameterStore store, NDManager manager);
    }

    /** What came out: the caller's measurement, the mean training loss of every epoch, and the seconds training took. */
    public record Outcome<T>(T measured, List<Double> losses, int epochs, double trainSeconds) {

        public double lastLoss() {
            return losses.get(losses.size() - 1);
        }
    }

    public static <T> Outcome<T> fit(Recipe recipe, TrainingOptions options, Data data, Measure<T> measure) throws IOException {
        long start = System.nanoTime();
        int epochs = options.epochsOr(recipe.epochs());
        List<Double> losses = new ArrayList<>();
        T measured;
        double trainSeconds;
        try (NDManager manager = NDManager.newBaseManager(options.device());
                Model model = Model.newInstance(recipe.name(), options.device())) {
            model.setBlock(recipe.network());
            try (Trainer trainer = Trainers.create(model, recipe.loss(), recipe.optimizer(), options.device(), options.seed(),
                    recipe.inputShape())) {
                NDArray[] examples = data.load(manager);
                MiniBatchTrainer loop = new MiniBatchTrainer(trainer, examples[0], examples[1], recipe.batchSize(),
                        recipe.shuffle() ? new Random(options.seed()) : null);
                try (Progress progress = Progress.of(recipe.name(), epochs, loop.batchesPerEpoch(), options.progress())) {
                    for (int epoch = 1; epoch <= epochs; epoch++) {
                        losses.add(loop.epoch(epoch, progress));
                    }
                }
                trainSeconds = (System.nanoTime() - start) / 1e9;
                measured = measure.measure(model.getBlock(), new ParameterStore(manager, false), manager);
            }
            save(model, options.output(), recipe.name());
        }
        return new Outcome<>(measured, losses, epochs, trainSeconds);
    }

    /**
     * Saves the trained model as {@code folder/<name>-0000.params}, replacing the last run's. DJL
     * numbers a save after the newest file already there, so without this every run left one more
     * file beside the old ones.
     */
    static void save(Model model, Path folder, String name) throws IOException {
        Files.createDirectories(folder);
        try (Stream<Path> files = Files.list(folder)) {
            for (Path old : files.filter(f -> f.getFileName().toString().matches(java.util.regex.Pattern.quote(name)
                    + "-\\d{4}\\.params")).toList()) {
                Files.delete(old);
            }
        }
        model.save(folder, name);
    }
}
