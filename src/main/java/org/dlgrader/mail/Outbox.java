package org.dlgrader.mail;

import static org.dlgrader.i18n.Messages.tr;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.dlgrader.io.AtomicFiles;

/**
 * The dry run: each message as {@code reports/outbox/<student-id>.eml}, a real RFC 822 file the
 * teacher opens in a mail program to see exactly what {@code --send} would send. Nothing leaves the
 * computer. The .eml files of an earlier dry run are removed first, so the folder holds this run's only.
 */
public final class Outbox implements Delivery {

    public static final String FOLDER = "outbox";

    private final Path folder;
    private final Session session = Session.getInstance(new Properties());

    private Outbox(Path folder) {
        this.folder = folder;
    }

    public static Outbox in(Path reports) throws IOException {
        Path folder = Files.createDirectories(reports.resolve(FOLDER));
        try (DirectoryStream<Path> old = Files.newDirectoryStream(folder, "*.eml")) {
            for (Path file : old) {
                Files.deleteIfExists(file);
            }
        }
        return new Outbox(folder);
    }

    public Path folder() {
        return folder;
    }

    @Override
    public Session session() {
        return session;
    }

    @Override
    public boolean sends() {
        return false;
    }

    @Override
    public String deliver(String studentId, MimeMessage message) throws IOException, MessagingException {
        Path file = folder.resolve(studentId + ".eml");
        AtomicFiles.write(file, ReportMessage.bytes(message));
        return tr("mail.detail.written", file);
    }

    @Override
    public void close() {
        // Files are written whole as each message is made: nothing to finish.
    }
}
