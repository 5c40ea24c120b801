package org.dlgrader.grading.integrity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import org.dlgrader.grading.Submission;
import org.dlgrader.io.AtomicFiles;

/**
 * Students' {@link Signature}s in {@code reports/.integrity/}, one file per student and exercise,
 * written as each student is graded, so that comparing a class needs no model again: after a
 * regrade of one student, and after shards are merged (their folders are copied together), the
 * class is compared as one run would have compared it.
 */
public final class Signatures {

    public static final String FOLDER = ".integrity";

    private final Path reports;

    /** @param reports the reports folder; signatures live in its {@value #FOLDER} */
    public Signatures(Path reports) {
        this.reports = reports;
    }

    /** The folder of one student's signatures under {@code reports}, for copying it elsewhere. */
    public static Path studentFolder(Path reports, String studentId) {
        return reports.resolve(FOLDER).resolve("_" + Submission.safeName(studentId));
    }

    public void write(String studentId, String exercise, Signature signature) throws IOException {
        AtomicFiles.write(file(studentId, exercise), signature.bytes());
    }

    /** Forgets the student's signature: they handed in nothing usable this time. */
    public void delete(String studentId, String exercise) throws IOException {
        Files.deleteIfExists(file(studentId, exercise));
    }

    /** The stored signature, or empty when there is none or it is not one (never followed through a link). */
    public Optional<Signature> read(String studentId, String exercise) {
        Path file = file(studentId, exercise);
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) > Signature.MAX_BYTES) {
                return Optional.empty();
            }
            return Optional.of(Signature.parse(Files.readAllBytes(file)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private Path file(String studentId, String exercise) {
        return studentFolder(reports, studentId).resolve(exercise + ".sig");
    }
}
