package org.dlgrader.run.calibration;

import static org.dlgrader.i18n.Messages.tr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.dlgrader.engine.Versions;
import org.dlgrader.exercise.Reference;
import org.dlgrader.exercise.References;
import org.dlgrader.grading.Assignment;
import org.dlgrader.grading.Check;
import org.dlgrader.grading.ExerciseSpec;
import org.dlgrader.grading.GraderError;
import org.dlgrader.grading.Grader;
import org.dlgrader.grading.Measurement;
import org.dlgrader.grading.Outcome;
import org.dlgrader.grading.Submission;
import org.dlgrader.model.LocalRunner;
import org.dlgrader.run.calibration.Calibration.CheckCalibration;
import org.dlgrader.run.calibration.Calibration.ExerciseCalibration;
import org.dlgrader.run.calibration.Calibration.Run;
import org.dlgrader.train.TrainingOptions;

/**
 * Trains an exercise's reference once per seed, with the lesson's recipe, and grades each trained
 * model the way a student's file is graded: the saved {@code .params} file goes through the
 * grader's format detection, loading and the task's evaluation on the assignment's seed, so the
 * numbers are the ones a student would see for the same model. One run after the other: a run uses
 * every core already.
 */
public final class Calibrator {

    private final Assignment assignment;
    private final TrainingOptions recipe;
    private final Margins margins;
    private final Consumer<String> log;

    /**
     * @param recipe device, progress and (for a quick look only) shortened epochs or training set;
     *     its seed and output are replaced run by run
     */
    public Calibrator(Assignment assignment, TrainingOptions recipe, Margins margins, Consumer<String> log) {
        this.assignment = assignment;
        this.recipe = recipe;
        this.margins = margins;
        this.log = log;
    }

    public ExerciseCalibration calibrate(ExerciseSpec spec, List<Long> seeds) throws IOException {
        Reference reference = References.byId(spec.task());
        long start = System.nanoTime();
        List<Run> runs = new ArrayList<>();
        Path work = Files.createTempDirectory("dl-grader-calibrate-");
        try (Grader grader = new Grader(assignment, new LocalRunner(), null)) {
            for (int i = 0; i < seeds.size(); i++) {
                long seed = seeds.get(i);
                log.accept(tr("calibrate.run.start", spec.id(), i + 1, seeds.size(), seed));
                long runStart = System.nanoTime();
                Path folder = work.resolve("seed-" + seed);
                reference.train(new TrainingOptions(seed, recipe.device(), recipe.epochs(), recipe.trainLimit(),
                        recipe.progress(), folder));
                Map<String, Double> metrics = grade(grader, spec, folder, reference.id());
                double seconds = (System.nanoTime() - runStart) / 1e9;
                runs.add(new Run(seed, seconds, metrics));
                log.accept(tr("calibrate.run.done", Table.metrics(metrics), seconds));
            }
        } finally {
            delete(work);
        }
        List<CheckCalibration> checks = new ArrayList<>();
        for (Check check : spec.checks()) {
            List<Double> values = runs.stream().map(run -> run.metrics().get(check.metric())).toList();
            checks.add(new CheckCalibration(check.name(), check.metric(), values, Distribution.of(values),
                    Proposal.of(check.rule(), values, margins)));
        }
        return new ExerciseCalibration(spec.id(), spec.task(), LocalDate.now().toString(), recipe.device().toString(),
                Versions.current(), recipe.epochs(), recipe.trainLimit(), List.copyOf(seeds), (System.nanoTime() - start) / 1e9, runs, checks);
    }

    /** The trained file graded as the only file of a student's folder, under the name the trainer gave it. */
    private Map<String, Double> grade(Grader grader, ExerciseSpec spec, Path folder, String name) {
        String file = name + "-0000.params";
        ExerciseSpec asHandedIn = new ExerciseSpec(spec.id(), spec.title(), List.of(file), spec.task(), spec.checks());
        Measurement measured = grader.measure(new Submission("calibration", "calibration", null, folder), asHandedIn);
        if (measured.outcome() != Outcome.MEASURED || !measured.evaluation().measured()) {
            throw new GraderError(tr("calibrate.notMeasured", spec.id(), measured.outcome(),
                    measured.reason() == null ? measured.evaluation() : measured.reason()));
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (Check check : spec.checks()) {
            Double value = measured.evaluation().metrics().get(check.metric());
            if (value == null) {
                throw new GraderError(tr("calibrate.metricMissing", spec.id(), check.metric(), measured.evaluation().metrics().keySet()));
            }
            metrics.put(check.metric(), value);
        }
        // The task's other numbers (a classifier's loss, the linear fit's MSE) too: cheap, and a teacher may want a check on them.
        new java.util.TreeMap<>(measured.evaluation().metrics()).forEach(metrics::putIfAbsent);
        return metrics;
    }

    private static void delete(Path folder) throws IOException {
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** {@code runs} seeds from {@code first} on: run 1 is the reference {@code train} makes with the same seed. */
    public static List<Long> seeds(long first, int runs) {
        List<Long> seeds = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            seeds.add(first + i);
        }
        return seeds;
    }
}
