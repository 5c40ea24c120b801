package org.dlgrader.isolation;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import org.dlgrader.grading.Assignment;
import org.dlgrader.grading.ExerciseResult;
import org.dlgrader.grading.ExerciseSpec;
import org.dlgrader.grading.Submission;
import org.dlgrader.io.AtomicFiles;

/**
 * Results already graded, keyed by a fingerprint of the model file and the SHA-256 of everything
 * that decides its score (the exercise's entry in the assignment file and the seed). A run that was killed and
 * is started again grades only files that are new or changed; the others come from here.
 */
final class ResultCache {

    /** Bump when grading itself changes in a way that changes results. */
    static final String VERSION = "2";

    private final Path folder;
    /** Per exercise id, the SHA-256 of what decides its scores: the same for every file. */
    private final Map<String, String> rules = new HashMap<>();

    ResultCache(Path folder, Assignment assignment) {
        this.folder = folder;
        for (ExerciseSpec exercise : assignment.exercises()) {
            try {
                byte[] text = (VERSION + "|" + assignment.seed() + "|" + WireFormat.JSON.writeValueAsString(exercise))
                        .getBytes(StandardCharsets.UTF_8);
                rules.put(exercise.id(), HexFormat.of().formatHex(sha256().digest(text)));
            } catch (IOException e) {
                throw new UncheckedIOException("could not describe exercise " + exercise.id(), e);
            }
        }
    }

    Optional<ExerciseResult> get(Submission student, ExerciseSpec exercise, String key) {
        Path entry = entry(student, exercise);
        if (!Files.isRegularFile(entry)) {
            return Optional.empty();
        }
        try {
            String[] parts = Files.readString(entry, StandardCharsets.UTF_8).split("\n", 2);
            if (parts.length == 2 && parts[0].equals(key)) {
                return Optional.of(WireFormat.read(parts[1], exercise));
            }
        } catch (IOException | RuntimeException e) {
            // A damaged entry is graded again.
        }
        return Optional.empty();
    }

    /**
     * @param key from {@link #key}, computed once per job: hashing a model twice was a visible part of grading
     * @param json the result in {@link WireFormat}, as the worker sent it
     */
    void put(Submission student, ExerciseSpec exercise, String key, String json) throws IOException {
        AtomicFiles.write(entry(student, exercise), key + "\n" + json);
    }

    private Path entry(Submission student, ExerciseSpec exercise) {
        return folder.resolve("_" + Submission.safeName(student.studentId())).resolve(exercise.id() + ".json");
    }

    /**
     * The file's fingerprint and the rules that score it. The fingerprint is Murmur3's 128 bits, not
     * SHA-256: it only has to notice a changed file, and a file made to collide would only get back
     * its own student's earlier result. SHA-256 runs at 120 MB/s in a C1-only JVM and was 70 % of
     * the grading process's CPU on a class of 100; Murmur3 runs at 1.1 GB/s.
     */
    String key(ExerciseSpec exercise, Path file) throws IOException {
        // Whole files: the size limit (limits.maxFileMb) was checked before anything is read.
        byte[] content = Files.readAllBytes(file);
        long[] fingerprint = MurmurHash3.hash128x64(content, 0, content.length, 0);
        String fileHash = content.length + "-" + HexFormat.of().toHexDigits(fingerprint[0]) + HexFormat.of().toHexDigits(fingerprint[1]);
        return fileHash + ":" + rules.get(exercise.id());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
