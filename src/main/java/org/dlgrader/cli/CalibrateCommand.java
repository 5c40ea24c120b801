package org.dlgrader.cli;

import static org.dlgrader.i18n.Messages.tr;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.dlgrader.engine.Devices;
import org.dlgrader.engine.EngineSettings;
import org.dlgrader.exercise.Reference;
import org.dlgrader.exercise.References;
import org.dlgrader.grading.Assignment;
import org.dlgrader.grading.AssignmentError;
import org.dlgrader.grading.ExerciseSpec;
import org.dlgrader.grading.GraderError;
import org.dlgrader.grading.SelectionError;
import org.dlgrader.run.calibration.Calibration;
import org.dlgrader.run.calibration.Calibration.ExerciseCalibration;
import org.dlgrader.run.calibration.Calibrator;
import org.dlgrader.run.calibration.Margins;
import org.dlgrader.run.calibration.Table;
import org.dlgrader.train.TrainingOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dl-grader calibrate --runs N}: trains each exercise's reference N times with different
 * seeds, grades every run like a student's file, and proposes the bars from the spread, beside the
 * current ones, in {@code calibration.json}. It never edits {@code assignment.json}: the teacher decides.
 * Exit status: 0 done, 2 a wrong argument or assignment, 3 a reference that could not be graded.
 */
@Command(name = "calibrate", mixinStandardHelpOptions = true, description = "${bundle:cli.calibrate.description}")
final class CalibrateCommand implements Callable<Integer> {

    @Option(names = "--runs", paramLabel = "N", descriptionKey = "cli.calibrate.option.runs")
    int runs = 5;

    @Option(names = "--exercise", paramLabel = "ID", descriptionKey = "cli.calibrate.option.exercise")
    List<String> exercises = new ArrayList<>();

    @Option(names = "--seed", descriptionKey = "cli.calibrate.option.seed")
    long seed = TrainingOptions.DEFAULT_SEED;

    @Option(names = "--margin", descriptionKey = "cli.calibrate.option.margin")
    double margin = Margins.DEFAULT_ABSOLUTE;

    @Option(names = "--error-factor", descriptionKey = "cli.calibrate.option.errorFactor")
    double errorFactor = Margins.DEFAULT_ERROR_FACTOR;

    @Option(names = "--assignment", descriptionKey = "cli.calibrate.option.assignment")
    Path assignmentFile = Assignment.DEFAULT;

    @Option(names = "--out", descriptionKey = "cli.calibrate.option.out")
    Path out;

    @Option(names = "--epochs", descriptionKey = "cli.calibrate.option.epochs")
    int epochs;

    @Option(names = "--limit", descriptionKey = "cli.calibrate.option.limit")
    int limit;

    @Option(names = "--device", descriptionKey = "cli.train.option.device")
    String device;

    @Option(names = "--quiet", descriptionKey = "cli.train.option.quiet")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        List<ExerciseSpec> chosen;
        Margins margins;
        Assignment assignment;
        try {
            assignment = Assignment.load(assignmentFile);
            if (runs < 2) {
                throw new IllegalArgumentException(tr("calibrate.runs.tooFew", runs));
            }
            margins = new Margins(margin, errorFactor);
            // An exercise graded by hand, or one without a reference trainer (the free example), has no
            // recipe to train and no bar to measure.
            Set<String> trained = References.all().stream()
                    .map(Reference::id).collect(Collectors.toSet());
            chosen = (exercises.isEmpty() ? assignment.exercises()
                    : exercises.stream().map(id -> assignment.only(id).exercises().get(0)).toList())
                    .stream().filter(e -> !e.manual() && trained.contains(e.task())).toList();
        } catch (AssignmentError | SelectionError | IllegalArgumentException e) {
            System.err.println("dl-grader calibrate: " + e.getMessage());
            return GradeCommand.BAD_INPUT;
        }
        Path file = out != null ? out : assignmentFile.toAbsolutePath().resolveSibling("calibration.json");
        EngineSettings.applyDefaults(Runtime.getRuntime().availableProcessors());
        if (device != null) {
            System.setProperty(Devices.PROPERTY, device);
        }
        Device selected = Devices.select();
        System.out.println(Devices.describe(selected));
        Calibrator calibrator = new Calibrator(assignment, new TrainingOptions(seed, selected, epochs, limit, !quiet, null),
                margins, System.out::println);
        List<ExerciseCalibration> done = new ArrayList<>();
        try {
            for (ExerciseSpec spec : chosen) {
                done.add(calibrator.calibrate(spec, Calibrator.seeds(seed, runs)));
            }
        } catch (GraderError e) {
            System.err.println("dl-grader calibrate: " + e.getMessage());
            return GradeCommand.GRADER_ERROR;
        }
        Calibration calibration = Calibration.readOrEmpty(file, tr("calibrate.file.note"))
                .replacing(done, assignment.exercises().stream().map(ExerciseSpec::id).toList());
        calibration.write(file);
        System.out.println();
        System.out.print(Table.of(done));
        System.out.println(tr("calibrate.written", file, margins.absolute(), margins.errorFactor()));
        return 0;
    }
}
