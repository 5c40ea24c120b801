package org.dlgrader.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dlgrader.bench.ReferenceBenchmark;
import org.dlgrader.engine.EngineSettings;
import org.dlgrader.train.TrainingOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dl-grader bench}: the Java references timed against the lesson's PyTorch code. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Times the Java references against the lesson's PyTorch code (python/lesson_pytorch.py).")
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--python", description = "the Python with torch (default ${DEFAULT-VALUE})")
    String python = "/usr/bin/python3";

    @Option(names = "--seed", description = "seed for both sides (default ${DEFAULT-VALUE})")
    long seed = TrainingOptions.DEFAULT_SEED;

    @Override
    public Integer call() throws Exception {
        EngineSettings.applyDefaults(Runtime.getRuntime().availableProcessors());
        return ReferenceBenchmark.run(python, Path.of("target", "bench"), seed);
    }
}
