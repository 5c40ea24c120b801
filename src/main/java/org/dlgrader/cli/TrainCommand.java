package org.dlgrader.cli;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.dlgrader.engine.Devices;
import org.dlgrader.engine.EngineSettings;
import org.dlgrader.exercise.Reference;
import org.dlgrader.exercise.ReferenceResult;
import org.dlgrader.exercise.References;
import org.dlgrader.train.TrainingOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dl-grader train [exercise ...]}: trains the reference of every (or the named) exercise into {@code reference/<exercise>/}. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Trains the reference of each named exercise (all when none is named) into OUT/<exercise>/.")
final class TrainCommand implements Callable<Integer> {

    @Parameters(paramLabel = "EXERCISE", description = "linear, fashion-mlp, fashion-keras, square; all when none", arity = "0..*")
    List<String> exercises = new ArrayList<>();

    @Option(names = "--seed", description = "seed for data, shuffling and initialisation (default ${DEFAULT-VALUE}); same seed, same numbers")
    long seed = TrainingOptions.DEFAULT_SEED;

    @Option(names = "--epochs", description = "override the lesson's number of epochs (for a quick look)")
    int epochs;

    @Option(names = "--limit", description = "train on the first N training examples only")
    int limit;

    @Option(names = "--out", description = "output folder (default ${DEFAULT-VALUE})")
    Path out = Path.of("reference");

    @Option(names = "--device", description = "cpu, gpu or auto (default: the GPU when the engine sees one)")
    String device;

    @Option(names = "--quiet", description = "no progress bar")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        EngineSettings.applyDefaults(Runtime.getRuntime().availableProcessors());
        if (device != null) {
            System.setProperty(Devices.PROPERTY, device);
        }
        List<Reference> chosen = exercises.isEmpty() ? References.all() : exercises.stream().map(References::byId).toList();
        Device selected = Devices.select();
        System.out.println(Devices.describe(selected));
        long start = System.nanoTime();
        for (Reference reference : chosen) {
            Path folder = out.resolve(reference.id());
            System.out.println("== " + reference.id() + ": " + reference.description());
            ReferenceResult result = reference.train(new TrainingOptions(seed, selected, epochs, limit, !quiet, folder));
            System.out.println("   " + summary(result) + "  -> " + folder);
        }
        System.out.printf(Locale.ROOT, "All done in %.1f s.%n", (System.nanoTime() - start) / 1e9);
        return 0;
    }

    private static String summary(ReferenceResult result) {
        StringBuilder line = new StringBuilder();
        for (String key : List.of("accuracy", "loss", "w", "b", "mse", "seconds")) {
            Object value = result.metrics().get(key);
            if (value instanceof Number number) {
                line.append(String.format(Locale.ROOT, "%s %.4f  ", key, number.doubleValue()));
            }
        }
        return line.toString().trim();
    }
}
