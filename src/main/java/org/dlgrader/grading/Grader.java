package org.dlgrader.grading;

import static org.dlgrader.i18n.Messages.tr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dlgrader.exercise.Evaluation;
import org.dlgrader.exercise.Exercise;
import org.dlgrader.exercise.Probe;
import org.dlgrader.exercise.example.ExampleTask;
import org.dlgrader.grading.integrity.Predictions;
import org.dlgrader.grading.integrity.Signature;
import org.dlgrader.grading.integrity.Signatures;
import org.dlgrader.grading.integrity.UnitCodes;
import org.dlgrader.model.DenseStack;
import org.dlgrader.model.InputRows;
import org.dlgrader.model.LoadedModel;
import org.dlgrader.model.ModelFile;
import org.dlgrader.model.ModelJob;
import org.dlgrader.model.ModelLoader;
import org.dlgrader.model.ModelLoaders;
import org.dlgrader.model.ModelRejected;
import org.dlgrader.model.ModelRun;
import org.dlgrader.model.ModelRunner;

/**
 * Grades students exercise by exercise: finds the file, recognises its format, has a
 * {@link ModelRunner} load and run it on the task's rows (in this run's secret order), measures
 * the outputs here, where the answer key is, and scores the measurement by the current rules.
 * Whatever goes wrong with one file is that exercise's outcome; it never stops the others.
 * Thread-safe when the runner is.
 */
public final class Grader implements StudentGrader {

    private final Assignment assignment;
    private final ModelRunner runner;
    private final MeasurementCache cache;
    private final Signatures signatures;
    private final InputOrder order = new InputOrder();
    private final java.util.OptionalLong privateSeed;

    /** @param cache measurements kept for a rerun, or null for none */
    public Grader(Assignment assignment, ModelRunner runner, MeasurementCache cache) {
        this(assignment, runner, cache, (Signatures) null, PrivateSeed.configured());
    }

    /** @param privateSeed the secret the private check's perturbed test set is drawn from; empty skips that check */
    public Grader(Assignment assignment, ModelRunner runner, MeasurementCache cache, java.util.OptionalLong privateSeed) {
        this(assignment, runner, cache, (Signatures) null, privateSeed);
    }

    /**
     * @param signatures where each model's signature is kept for the integrity report, or null for nowhere
     * @param privateSeed the secret the private check's perturbed test set is drawn from; empty skips that check
     */
    public Grader(Assignment assignment, ModelRunner runner, MeasurementCache cache, Signatures signatures,
            java.util.OptionalLong privateSeed) {
        this.assignment = assignment;
        this.runner = runner;
        this.cache = cache;
        this.signatures = signatures;
        this.privateSeed = privateSeed;
    }

    @Override
    public Assignment assignment() {
        return assignment;
    }

    @Override
    public ExerciseResult grade(Submission submission, ExerciseSpec exercise) {
        if (exercise.manual()) {
            return Scoring.manual(exercise, assignment.manualGrades().of(submission.studentId(), exercise.id()));
        }
        return Scoring.result(exercise, measure(submission, exercise), assignment.seed());
    }

    /** What the student's file for {@code spec} gives, from the cache when it is unchanged. */
    public Measurement measure(Submission submission, ExerciseSpec spec) {
        long start = System.nanoTime();
        Path folder = submission.folder().toAbsolutePath().normalize();
        Optional<String> name = spec.files().stream()
                .filter(n -> Files.exists(folder.resolve(n), LinkOption.NOFOLLOW_LINKS)).findFirst();
        if (name.isEmpty()) {
            forget(submission, spec);
            return Measurement.missing(spec.id()).withReason(tr("grading.grader.noFile", spec.id(), submission.folder().getFileName(),
                    String.join(", ", spec.files())));
        }
        String fileName = name.get();
        Path path = folder.resolve(fileName).normalize();
        String refusal = refusal(path, fileName);
        if (refusal != null) {
            forget(submission, spec);
            return Measurement.of(spec.id(), fileName, Outcome.REFUSED, refusal, seconds(start));
        }
        try {
            // Side-cars (ONNX external data) count in the file's size limit, and in its fingerprint.
            ModelFile file = ModelFile.of(path, (long) assignment.limits().maxFileMb() << 20);
            byte[] content = file.bytes();
            String fingerprint = MeasurementCache.fingerprint(content);
            String key = cache == null ? null : cache.key(spec, content);
            if (key != null && spec.exercise().task() instanceof ExampleTask) {
                // The shape the student declares decides the measurement as much as the file does.
                key += ":" + String.valueOf(ExampleRun.declaredShape(submission)).replaceAll("[^0-9A-Za-z,x×\\[\\] ]", "_");
            }
            if (cache != null) {
                Optional<Measurement> cached = cache.get(submission, spec, key);
                if (cached.isPresent()) {
                    keepSignature(submission, spec, file, fingerprint, cached.get().outcome() == Outcome.MEASURED);
                    return cached.get();
                }
            }
            Measurement measured = run(submission, spec, file, fingerprint).withSeconds(seconds(start));
            if (cache != null) {
                cache.put(submission, spec, key, measured);
            }
            return measured;
        } catch (IOException e) {
            return Measurement.of(spec.id(), fileName, Outcome.REFUSED, tr("grading.grader.unreadable", fileName,
                    StudentText.clean(e.getMessage())), seconds(start));
        }
    }

    /**
     * Why the file cannot be read at all, checked before anything opens it: a link (never followed,
     * so nothing outside the folder is read), a folder, or over the size limit.
     */
    private String refusal(Path path, String name) {
        if (Files.isSymbolicLink(path)) {
            return tr("grading.grader.symbolicLink", name);
        }
        if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            return tr("grading.grader.folder", name);
        }
        try {
            long megabytes = Files.size(path) >> 20;
            if (megabytes > assignment.limits().maxFileMb()) {
                return tr("grading.grader.tooLarge", name, megabytes, assignment.limits().maxFileMb());
            }
        } catch (IOException e) {
            return tr("grading.grader.unreadable", name, StudentText.clean(e.getMessage()));
        }
        return null;
    }

    private Measurement run(Submission submission, ExerciseSpec spec, ModelFile file, String fingerprint) {
        String name = file.name();
        ModelLoader loader;
        try {
            loader = ModelLoaders.detect(file, assignment.limits().maxUnpackedMb());
        } catch (ModelRejected e) {
            sign(submission, spec, Signature.of(fingerprint, null, null));
            return Measurement.of(spec.id(), name, Outcome.REFUSED, StudentText.clean(e.getMessage()), 0);
        }
        Exercise exercise = spec.exercise();
        if (exercise.task() instanceof ExampleTask example) {
            // No answer key and no test set: nothing to compare with a classmate's but the file itself.
            sign(submission, spec, Signature.of(fingerprint, null, UnitCodes.of(List.of())));
            return ExampleRun.measure(runner, assignment.seed(), spec, example, file, loader, submission);
        }
        List<InputRows> tested = exercise.task().inputs(assignment.seed());
        List<Probe> probes = probes(exercise);
        List<InputRows> originals = new ArrayList<>(tested);
        probes.forEach(p -> originals.add(p.rows()));
        List<InputOrder.Shuffled> shuffled = originals.stream().map(order::of).toList();
        ModelJob job = new ModelJob(file, loader, exercise.inputSpec(), shuffled.stream().map(InputOrder.Shuffled::rows).toList());
        ModelRun run = runner.run(job);
        if (run instanceof ModelRun.Outputs outputs) {
            List<LoadedModel.Output> restored = new ArrayList<>();
            for (int i = 0; i < shuffled.size(); i++) {
                LoadedModel.Output out = outputs.outputs().get(i);
                // A probe's outputs that do not fit only leave its accuracy out: probes never cost points.
                if (i < tested.size() && out.width() == exercise.task().outputs() && out.count() != originals.get(i).count()) {
                    return Measurement.of(spec.id(), name, Outcome.REFUSED, tr("grading.grader.rowCount", name, out.count(),
                            originals.get(i).count()), 0);
                }
                restored.add(InputOrder.restore(out, shuffled.get(i).from()));
            }
            Evaluation evaluation = exercise.task().evaluate(restored.subList(0, tested.size()), outputs.declaresSoftmax(),
                    assignment.seed());
            // Outputs of the wrong width are the shape gate's to explain ("3 outputs per point; needs 1"), in
            // the task's words; the rule judges the layers of a model that fits.
            Optional<String> outside = evaluation.shapeProblem() != null ? Optional.empty()
                    : spec.architecture().refusal(name, outputs.shape());
            if (outside.isPresent()) {
                sign(submission, spec, Signature.of(fingerprint, null, UnitCodes.of(List.of())));
                return Measurement.of(spec.id(), name, Outcome.REFUSED, StudentText.clean(outside.get()), 0);
            }
            for (int i = 0; i < probes.size() && evaluation.measured(); i++) {
                double accuracy = probes.get(i).accuracy(restored.get(tested.size() + i));
                double baseline = probes.get(i).baseline(restored.get(0));
                if (!Double.isNaN(baseline)) {
                    evaluation = evaluation.withMetric(Probe.BASELINE, baseline);
                }
                if (!Double.isNaN(accuracy)) {
                    evaluation = evaluation.withMetric(probes.get(i).metric(), accuracy);
                    if (probes.get(i).metric().equals(Probe.PRIVATE) && assignment.testSetChecks().showStudents()) {
                        evaluation = evaluation.withNote(tr("integrity.privateCheck.note", accuracy));
                    }
                }
            }
            if (signatures != null) {
                Predictions predictions = evaluation.measured() ? Predictions.of(exercise.task(), restored.get(0), assignment.seed()) : null;
                sign(submission, spec, Signature.of(fingerprint, predictions, UnitCodes.of(layers(loader, file, exercise))));
            }
            List<String> notes = new ArrayList<>(outputs.notes());
            if (spec.architecture().unchecked(outputs.shape())) {
                notes.add(tr("grading.architecture.unchecked", name, spec.architecture().describe()));
            }
            return new Measurement(spec.id(), name, Outcome.MEASURED, null, StudentText.clean(outputs.description()),
                    StudentText.clean(notes), evaluation, 0);
        }
        if (signatures != null) {
            // Weights are read here only from files a worker has read whole within its limits: one that
            // broke a limit there must not get a second, unlimited try in the grading process.
            sign(submission, spec, Signature.of(fingerprint, null, UnitCodes.of(List.of())));
        }
        if (run instanceof ModelRun.Refused refused) {
            return Measurement.of(spec.id(), name, Outcome.REFUSED, StudentText.clean(refused.message()), 0);
        }
        if (run instanceof ModelRun.NotGradable notGradable) {
            return Measurement.of(spec.id(), name, Outcome.NOT_GRADABLE, StudentText.clean(notGradable.reason()), 0);
        }
        return Measurement.of(spec.id(), name, Outcome.GRADER_ERROR, ((ModelRun.GraderFault) run).reason(), 0);
    }

    /**
     * The dense layers of a data file, read here by the grader's own reader (no model code runs), for
     * comparing weights; none for formats read only in a worker, or when reading fails.
     */
    private static List<DenseStack.Layer> layers(ModelLoader loader, ModelFile file, Exercise exercise) {
        if (loader.carriesCode()) {
            return List.of();
        }
        try {
            return loader.denseLayers(file, exercise.inputSpec()).orElse(List.of());
        } catch (ModelRejected | RuntimeException e) {
            return List.of();
        }
    }

    /**
     * A measurement from the cache keeps the signature written when it was made; one lost since (or
     * never made) is made again from the file, without the predictions, which need the model run.
     */
    private void keepSignature(Submission submission, ExerciseSpec spec, ModelFile file, String fingerprint, boolean measured) {
        if (signatures == null) {
            return;
        }
        Optional<Signature> stored = signatures.read(submission.studentId(), spec.id());
        if (stored.isPresent() && stored.get().fingerprint().equals(fingerprint)) {
            return;
        }
        List<DenseStack.Layer> layers = List.of();
        try {
            if (measured) {
                layers = layers(ModelLoaders.detect(file, assignment.limits().maxUnpackedMb()), file, spec.exercise());
            }
        } catch (ModelRejected e) {
            layers = List.of();
        }
        sign(submission, spec, Signature.of(fingerprint, null, UnitCodes.of(layers)));
    }

    private void sign(Submission submission, ExerciseSpec spec, Signature signature) {
        if (signatures == null) {
            return;
        }
        try {
            signatures.write(submission.studentId(), spec.id(), signature);
        } catch (IOException e) {
            // A signature not written leaves this student out of the integrity report, never out of grading.
        }
    }

    private void forget(Submission submission, ExerciseSpec spec) {
        if (signatures == null) {
            return;
        }
        try {
            signatures.delete(submission.studentId(), spec.id());
        } catch (IOException e) {
            // Read back later, a stale signature compares as the file it was made from; nothing is scored from it.
        }
    }

    /**
     * The rows run beside the test set to see how a classifier was trained: a sample of the
     * training set, and the privately perturbed test set when a secret is configured.
     */
    private List<Probe> probes(Exercise exercise) {
        List<Probe> probes = new ArrayList<>();
        int sample = assignment.testSetChecks().trainingSample();
        if (sample > 0) {
            exercise.task().trainingSample(sample, assignment.seed()).ifPresent(probes::add);
        }
        int privateSample = assignment.testSetChecks().privateSample();
        if (privateSample > 0) {
            privateSeed.ifPresent(secret -> exercise.task().perturbedTestSet(privateSample, secret).ifPresent(probes::add));
        }
        return probes;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    @Override
    public void close() {
        runner.close();
    }
}
