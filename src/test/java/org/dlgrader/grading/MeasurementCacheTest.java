package org.dlgrader.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dlgrader.exercise.Evaluation;
import org.dlgrader.i18n.Language;
import org.dlgrader.i18n.Messages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The result cache replays only honest measurements: points are never stored, so a forged entry
 * can at most claim a measurement, which the current rules score; an entry that claims what no
 * measurement can be, or is not a measurement at all, is ignored and the model measured again.
 */
class MeasurementCacheTest {

    @TempDir
    Path dir;

    private final Assignment assignment = Assignment.load(Assignment.DEFAULT);
    private final ExerciseSpec keras = assignment.exercises().stream().filter(e -> e.id().equals("fashion-keras")).findFirst().orElseThrow();
    private final Submission student = new Submission("2024001", "张三", "", Path.of("submissions/2024001-张三"));
    private final byte[] model = "the bytes of a model".getBytes(StandardCharsets.UTF_8);

    @AfterEach
    void english() {
        Messages.use(Language.EN);
    }

    private Measurement measured(double accuracy) {
        return new Measurement("fashion-keras", "image_classify.h5", Outcome.MEASURED, null, "Keras HDF5: 784→128 relu, 128→10",
                List.of(), new Evaluation(Map.of("accuracy", accuracy, "loss", 0.4), List.of(), null, true, Map.of()), 0.2);
    }

    private Path entry() {
        return dir.resolve("_2024001").resolve("fashion-keras.json");
    }

    @Test
    void aStoredMeasurementComesBackForTheSameFileAndRules() throws IOException {
        MeasurementCache cache = new MeasurementCache(dir, assignment);
        String key = cache.key(keras, model);
        cache.put(student, keras, key, measured(0.88));

        assertThat(cache.get(student, keras, key)).contains(measured(0.88));
        assertThat(cache.get(student, keras, cache.key(keras, "another model".getBytes(StandardCharsets.UTF_8)))).isEmpty();
    }

    @Test
    void anEntryInTheOldShapeClaimingPointsIsIgnored() throws IOException {
        MeasurementCache cache = new MeasurementCache(dir, assignment);
        String key = cache.key(keras, model);
        Files.createDirectories(entry().getParent());
        Files.writeString(entry(), key + "\n{\"exercise\":\"fashion-keras\",\"file\":\"image_classify.h5\",\"scores\":[{\"exercise\":"
                + "\"fashion-keras\",\"check\":\"test accuracy\",\"points\":228,\"maxPoints\":10,\"passed\":true}]}");

        assertThat(cache.get(student, keras, key)).isEmpty();
    }

    @Test
    void aMeasurementNoModelCanGiveIsIgnored() throws IOException {
        MeasurementCache cache = new MeasurementCache(dir, assignment);
        String key = cache.key(keras, model);
        cache.put(student, keras, key, measured(0.88));
        Files.writeString(entry(), Files.readString(entry()).replace("\"accuracy\":0.88", "\"accuracy\":22.8"));

        assertThat(cache.get(student, keras, key)).isEmpty();
    }

    @Test
    void aForgedButPlausibleMeasurementScoresNoMoreThanTheMaximum() throws IOException {
        MeasurementCache cache = new MeasurementCache(dir, assignment);
        String key = cache.key(keras, model);
        cache.put(student, keras, key, measured(1.0));

        ExerciseResult result = Scoring.result(keras, cache.get(student, keras, key).orElseThrow(), assignment.seed());
        assertThat(result.points()).isEqualTo(keras.maxPoints()).isEqualTo(10);
    }

    @Test
    void onlyTheStudentsOwnOutcomesAreKept() throws IOException {
        MeasurementCache cache = new MeasurementCache(dir, assignment);
        String key = cache.key(keras, model);
        cache.put(student, keras, key, Measurement.of("fashion-keras", "image_classify.h5", Outcome.GRADER_ERROR, "no data set", 0));
        cache.put(student, keras, key, Measurement.of("fashion-keras", "image_classify.h5", Outcome.NOT_GRADABLE, "crashed", 0));

        assertThat(entry()).doesNotExist();
    }

    @Test
    void aRefusalKeptInEnglishIsNotReplayedToAChineseClass() throws IOException {
        MeasurementCache english = new MeasurementCache(dir, assignment);
        english.put(student, keras, english.key(keras, model), Measurement.of("fashion-keras", "image_classify.h5", Outcome.REFUSED,
                "image_classify.h5 is a folder, not a model file.", 0));

        Messages.use(Language.ZH_CN);
        MeasurementCache chinese = new MeasurementCache(dir, assignment);
        assertThat(chinese.get(student, keras, chinese.key(keras, model))).isEmpty();
    }

    private Measurement withProbes(double training, double perturbed) {
        Measurement m = measured(0.88);
        return new Measurement(m.exercise(), m.file(), m.outcome(), m.reason(), m.model(), m.modelNotes(),
                m.evaluation().withMetric("trainingAccuracy", training).withMetric("privateAccuracy", perturbed), m.seconds());
    }

    /** A rerun must still find a model trained on the test set, so the probe accuracies are kept with the measurement. */
    @Test
    void theTrainingSampleAndPrivateAccuraciesAreKept() throws IOException {
        MeasurementCache cache = new MeasurementCache(dir, assignment, java.util.OptionalLong.of(7));
        String key = cache.key(keras, model);
        cache.put(student, keras, key, withProbes(0.91, 0.82));

        assertThat(cache.get(student, keras, key).orElseThrow().evaluation().metrics())
                .containsEntry("trainingAccuracy", 0.91).containsEntry("privateAccuracy", 0.82);
    }

    @Test
    void aTrainingAccuracyNoModelCanHaveIsIgnored() throws IOException {
        MeasurementCache cache = new MeasurementCache(dir, assignment, java.util.OptionalLong.empty());
        String key = cache.key(keras, model);
        cache.put(student, keras, key, withProbes(0.91, 0.82));
        Files.writeString(entry(), Files.readString(entry()).replace("\"trainingAccuracy\":0.91", "\"trainingAccuracy\":-3"));

        assertThat(cache.get(student, keras, key)).isEmpty();
    }

    /** Another secret perturbs the test set otherwise, another sample size draws other images: the kept accuracies no longer hold. */
    @Test
    void anotherSecretOrSampleSizeMeasuresAgain() throws IOException {
        MeasurementCache first = new MeasurementCache(dir, assignment, java.util.OptionalLong.of(7));
        first.put(student, keras, first.key(keras, model), withProbes(0.91, 0.82));

        MeasurementCache otherSecret = new MeasurementCache(dir, assignment, java.util.OptionalLong.of(8));
        MeasurementCache noSecret = new MeasurementCache(dir, assignment, java.util.OptionalLong.empty());
        Assignment smaller = new Assignment(assignment.title(), assignment.language(), assignment.seed(), assignment.limits(),
                assignment.exercises(), new TestSetChecks(2_000, 0.03, 5_000, 0.10, false));
        MeasurementCache otherSample = new MeasurementCache(dir, smaller, java.util.OptionalLong.of(7));
        assertThat(otherSecret.get(student, keras, otherSecret.key(keras, model))).isEmpty();
        assertThat(noSecret.get(student, keras, noSecret.key(keras, model))).isEmpty();
        assertThat(otherSample.get(student, keras, otherSample.key(keras, model))).isEmpty();
    }
}
