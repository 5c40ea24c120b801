package org.dlgrader.grading;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.codec.digest.MurmurHash3;
import org.dlgrader.exercise.Evaluation;
import org.dlgrader.exercise.Task;
import org.dlgrader.i18n.Messages;
import org.dlgrader.io.AtomicFiles;

/**
 * Measurements already made, kept in {@code reports/.cache/} so that a run that was killed and is
 * started again measures only files that are new or changed. Written by the grading process alone
 * (a model runs in a sandbox that cannot see it); holds measurements, never points; keyed by the
 * model file's fingerprint, the exercise's rules, the seed, the grader's version and the run's
 * language (a measurement holds sentences: a refusal, the loader's and the task's notes). An entry
 * that fails to parse or to verify is ignored and the model is measured again.
 */
public final class MeasurementCache {

    /** Bump when measuring itself changes in a way that changes measurements. */
    static final String VERSION = "4";
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    /** More numbers than any task's evidence holds (a 41 × 41 error grid, a 10 × 10 confusion matrix, 150 probabilities). */
    private static final int MAX_EVIDENCE = 4096;

    private final Path folder;
    /** Per exercise id, the SHA-256 of what decides its measurement and scores: the same for every file. */
    private final Map<String, String> rules = new HashMap<>();

    public MeasurementCache(Path folder, Assignment assignment) {
        this(folder, assignment, PrivateSeed.configured());
    }

    /** @param privateSeed the secret the grader's private check uses, as the {@link Grader} is given it */
    public MeasurementCache(Path folder, Assignment assignment, java.util.OptionalLong privateSeed) {
        this.folder = folder;
        for (ExerciseSpec exercise : assignment.exercises()) {
            // The record's text names every file, rule, bar and point of the exercise. The language the
            // run speaks too: a refusal kept from an English run must not reach a class now spoken to in Chinese.
            // The training sample's size and the private secret decide the probe accuracies kept with a measurement.
            byte[] text = (VERSION + "|" + GraderVersion.VALUE + "|" + assignment.seed() + "|" + Messages.language().tag() + "|"
                    + assignment.testSetChecks().trainingSample() + "|" + assignment.testSetChecks().privateSample() + "|"
                    + PrivateSeed.fingerprint(privateSeed) + "|"
                    + assignment.testSetChecks().showStudents() + "|"
                    + exercise).getBytes(StandardCharsets.UTF_8);
            rules.put(exercise.id(), HexFormat.of().formatHex(sha256().digest(text)));
        }
    }

    /**
     * The file's fingerprint and the rules that score it. The fingerprint is Murmur3's 128 bits, not
     * SHA-256: it only has to notice a changed file, and a file made to collide would only get back
     * its own student's earlier measurement. SHA-256 runs at 120 MB/s in a C1-only JVM and was 70 %
     * of the grading process's CPU on a class of 100; Murmur3 runs at 1.1 GB/s.
     */
    public String key(ExerciseSpec exercise, byte[] content) {
        return fingerprint(content) + ":" + rules.get(exercise.id());
    }

    /** The file's length and Murmur3 hash: what tells two files apart here and in the integrity report. */
    public static String fingerprint(byte[] content) {
        long[] hash = MurmurHash3.hash128x64(content, 0, content.length, 0);
        return content.length + "-" + HexFormat.of().toHexDigits(hash[0]) + HexFormat.of().toHexDigits(hash[1]);
    }

    public Optional<Measurement> get(Submission student, ExerciseSpec exercise, String key) {
        Path entry = entry(student, exercise);
        if (!Files.isRegularFile(entry)) {
            return Optional.empty();
        }
        try {
            String[] parts = Files.readString(entry, StandardCharsets.UTF_8).split("\n", 2);
            if (parts.length == 2 && parts[0].equals(key)) {
                Measurement stored = JSON.readValue(parts[1], Measurement.class);
                if (verified(stored, exercise)) {
                    return Optional.of(stored);
                }
            }
        } catch (IOException | RuntimeException e) {
            // A damaged entry is measured again.
        }
        return Optional.empty();
    }

    public void put(Submission student, ExerciseSpec exercise, String key, Measurement measurement) throws IOException {
        if (measurement.outcome().cacheable()) {
            AtomicFiles.write(entry(student, exercise), key + "\n" + JSON.writeValueAsString(measurement));
        }
    }

    /** Only what a measurement can honestly hold: this exercise, a kept outcome, finite metrics the task makes. */
    static boolean verified(Measurement m, ExerciseSpec exercise) {
        if (!exercise.id().equals(m.exercise()) || m.outcome() == null || !m.outcome().cacheable()) {
            return false;
        }
        if (m.outcome() == Outcome.REFUSED) {
            return m.reason() != null && m.evaluation() == null;
        }
        Evaluation evaluation = m.evaluation();
        if (evaluation == null || m.model() == null) {
            return false;
        }
        Task task = exercise.exercise().task();
        for (Map.Entry<String, Double> metric : evaluation.metrics().entrySet()) {
            boolean probe = org.dlgrader.exercise.Probe.METRICS.contains(metric.getKey());
            if (!(task.metrics().contains(metric.getKey()) || probe) || metric.getValue() == null
                    || !task.plausible(probe ? "accuracy" : metric.getKey(), metric.getValue())) {
                return false;
            }
        }
        int numbers = 0;
        for (double[] values : evaluation.evidence().values()) {
            numbers += values.length;
        }
        return numbers <= MAX_EVIDENCE;
    }

    private Path entry(Submission student, ExerciseSpec exercise) {
        return folder.resolve("_" + Submission.safeName(student.studentId())).resolve(exercise.id() + ".json");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
