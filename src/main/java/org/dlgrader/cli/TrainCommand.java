package org.dlgrader.cli;

import static org.dlgrader.i18n.Messages.tr;

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
        description = "${bundle:cli.train.description}")
final class TrainCommand implements Callable<Integer> {

    @Parameters(paramLabel = "EXERCISE", descriptionKey = "cli.train.param.exercise", arity = "0..*")
    List<String> exercises = new ArrayList<>();

    @Option(names = "--seed", descriptionKey = "cli.train.option.seed")
    long seed = TrainingOptions.DEFAULT_SEED;

    @Option(names = "--epochs", descriptionKey = "cli.train.option.epochs")
    int epochs;

    @Option(names = "--limit", descriptionKey = "cli.train.option.limit")
    int limit;

    @Option(names = "--out", descriptionKey = "cli.train.option.out")
    Path out = Path.of("reference");

    @Option(names = "--device", descriptionKey = "cli.train.option.device")
    String device;

    @Option(names = "--quiet", descriptionKey = "cli.train.option.quiet")
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
        System.out.println(tr("cli.train.done", (System.nanoTime() - start) / 1e9));
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
