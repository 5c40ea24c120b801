package org.dlgrader.isolation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.dlgrader.grading.Assignment;
import org.dlgrader.grading.ExerciseResult;
import org.dlgrader.grading.ExerciseSpec;
import org.dlgrader.grading.Submission;

/**
 * Results already graded, keyed by the SHA-256 of the model file and of everything that decides
 * its score (the exercise's entry in the assignment file and the seed). A run that was killed and
 * is started again grades only files that are new or changed; the others come from here.
 */
final class ResultCache {

    /** Bump when grading itself changes in a way that changes results. */
    static final String VERSION = "1";

    private final Path folder;
    private final Assignment assignment;

    ResultCache(Path folder, Assignment assignment) {
        this.folder = folder;
        this.assignment = assignment;
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

    /** @param key from {@link #key}, computed once per job: hashing a model twice was a visible part of grading */
    void put(Submission student, ExerciseSpec exercise, String key, ExerciseResult result) throws IOException {
        Path entry = entry(student, exercise);
        Files.createDirectories(entry.getParent());
        Path partial = Files.createTempFile(entry.getParent(), exercise.id(), ".part");
        try {
            Files.writeString(partial, key + "\n" + WireFormat.write(result), StandardCharsets.UTF_8);
            Files.move(partial, entry, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private Path entry(Submission student, ExerciseSpec exercise) {
        return folder.resolve("_" + Submission.safeName(student.studentId())).resolve(exercise.id() + ".json");
    }

    String key(ExerciseSpec exercise, Path file) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
        }
        String fileHash = HexFormat.of().formatHex(digest.digest());
        byte[] rules = (VERSION + "|" + assignment.seed() + "|" + WireFormat.JSON.writeValueAsString(exercise))
                .getBytes(StandardCharsets.UTF_8);
        return fileHash + ":" + HexFormat.of().formatHex(sha256().digest(rules));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
