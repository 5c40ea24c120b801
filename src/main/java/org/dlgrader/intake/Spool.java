package org.dlgrader.intake;

import static org.dlgrader.i18n.Messages.tr;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dlgrader.io.Folders;

/**
 * Where an email's attachments are written before they are unpacked: a hidden folder beside the
 * submissions folder (same disk, so taking a file is a rename), or the system's temporary folder
 * when that one cannot be written. Attachments stream here, never into memory, and each email
 * has a {@link Budget} counted as it is written; the folder is deleted when the intake ends.
 */
final class Spool implements AutoCloseable {

    private final Path folder;
    private int next;

    private Spool(Path folder) {
        this.folder = folder;
    }

    static Spool beside(Path into) throws IOException {
        Path parent = into.toAbsolutePath().getParent();
        try {
            return new Spool(Files.createTempDirectory(Files.createDirectories(parent), ".intake-spool-"));
        } catch (IOException | RuntimeException e) {
            return new Spool(Files.createTempDirectory("dl-grader-intake-"));
        }
    }

    /**
     * Writes one attachment of {@code email}, charging {@code budget}; on a refusal the part written
     * is deleted and the caller discards the email's other files.
     */
    Path write(String email, InputStream in, Budget budget) throws IOException, Refused {
        if (!budget.file()) {
            throw new Refused(tr("intake.spool.tooManyFiles", email, budget.maxFiles));
        }
        // Files are numbered, not named: the name a student wrote is checked and kept elsewhere.
        Path file = folder.resolve(next++ + ".part");
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                if (!budget.bytes(n)) {
                    throw new Refused(tr("intake.spool.tooManyBytes", email, budget.megabytes()));
                }
                out.write(buffer, 0, n);
            }
        } catch (Refused | IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return file;
    }

    /** Deletes {@code file} now when it is one of the spool's (a superseded email's); a file elsewhere is left alone. */
    void release(Path file) throws IOException {
        if (file.toAbsolutePath().normalize().startsWith(folder.toAbsolutePath().normalize())) {
            Files.deleteIfExists(file);
        }
    }

    @Override
    public void close() throws IOException {
        Folders.delete(folder);
    }
}
