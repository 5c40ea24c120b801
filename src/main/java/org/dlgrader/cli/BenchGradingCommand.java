package org.dlgrader.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.dlgrader.bench.GradingBenchmark;
import org.dlgrader.engine.EngineSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dl-grader bench-grading}: grading a synthetic class from a cold start, timed. */
@Command(name = "bench-grading", mixinStandardHelpOptions = true,
        description = "Grades synthetic classes from a cold start and prints students/min, peak memory and the ratio to the compute bound.")
final class BenchGradingCommand implements Callable<Integer> {

    @Option(names = "--students", split = ",", description = "class sizes (default ${DEFAULT-VALUE})")
    List<Integer> students = List.of(100, 300);

    @Option(names = "--maven", description = "time mvn verify instead of the grade command")
    boolean maven;

    @Option(names = "--isolation", description = "also grade in one process, to show what worker processes cost")
    boolean isolation;

    @Option(names = "--against", paramLabel = "CLASSPATH", description = "also grade with another build, in turns")
    String against;

    @Option(names = "--sandbox-off", description = "also grade without the sandbox, in turns")
    boolean sandboxOff;

    @Option(names = "--repeats", description = "rounds of each configuration; medians are reported (default ${DEFAULT-VALUE})")
    int repeats = 1;

    @Option(names = "--shards", description = "grade the first class size in K shards and merge them")
    Integer shards;

    @Option(names = "--example", description = "grade the example class N times with workers and in one process")
    Integer example;

    @Option(names = "--self-check", paramLabel = "FOLDER", description = "time a student's mvn verify -Dsubmission=FOLDER, "
            + "against the same with the grader's unit tests (uses --repeats)")
    java.nio.file.Path selfCheck;

    @Override
    public Integer call() throws Exception {
        EngineSettings.applyDefaults(1);
        if (selfCheck != null) {
            return GradingBenchmark.selfCheck(selfCheck, Math.max(1, repeats));
        }
        if (shards != null) {
            return GradingBenchmark.shards(students.get(0), shards);
        }
        if (example != null) {
            return GradingBenchmark.example(example);
        }
        return GradingBenchmark.run(students, maven, isolation, new GradingBenchmark.Comparisons(against, sandboxOff, repeats));
    }
}
