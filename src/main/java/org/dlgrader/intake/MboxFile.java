package org.dlgrader.intake;

import static org.dlgrader.i18n.Messages.tr;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.dlgrader.io.Folders;

/**
 * An mbox file, as Thunderbird and Gmail Takeout export a mailbox: messages one after the other, each
 * after a line that starts with {@code "From "}. A body line that started so was written as
 * {@code ">From "} (and {@code ">From "} as {@code ">>From "}, mboxrd): one {@code '>'} is taken
 * off again. The file is read a line at a time, each message written to a file of its own while the
 * intake looks at it: an export can be gigabytes, and at most one message (up to the intake's limit)
 * is ever on disk, none in memory.
 */
public final class MboxFile implements Intake.Mailbox {

    /**
     * The dates of separator lines, {@code Fri Nov 27 10:00:03 2026}, Gmail's with {@code +0000} before
     * the year; read without the weekday, which adds nothing and which a writer may get wrong.
     */
    private static final DateTimeFormatter ASCTIME = DateTimeFormatter.ofPattern("MMM d HH:mm:ss yyyy", Locale.ROOT);
    private static final DateTimeFormatter ASCTIME_ZONED = DateTimeFormatter.ofPattern("MMM d HH:mm:ss Z yyyy", Locale.ROOT);

    private final Path file;
    private final long limit;

    /** A readable mbox file, or a message for the teacher saying why not. */
    public static MboxFile open(Path file, long limit) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, tr("intake.mbox.missing", file.toAbsolutePath()));
        }
        return new MboxFile(file, limit);
    }

    private MboxFile(Path file, long limit) {
        this.file = file;
        this.limit = limit;
    }

    @Override
    public void deliver(Intake.Letters letters) throws IOException {
        Path folder = Files.createTempDirectory("dl-grader-mbox-");
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            String name = file.getFileName().toString();
            int number = 0;
            byte[] line = readLine(in);
            // Anything before the first separator is no message (an mbox starts with one).
            while (line != null && !isSeparator(line)) {
                line = readLine(in);
            }
            while (line != null) {
                number++;
                Path eml = folder.resolve(number + ".eml");
                Instant delivered = deliveredAt(line);
                line = copyMessage(in, eml);
                if (delivered != null) {
                    // An email without a Received: stamp falls back to its file's time: the time the mbox says it arrived.
                    Files.setLastModifiedTime(eml, FileTime.from(delivered));
                }
                letters.accept(tr("intake.mbox.source", name, number), eml, null);
                Files.deleteIfExists(eml);
            }
        } finally {
            Folders.delete(folder);
        }
    }

    /** Writes one message (at most the limit and one byte) and returns the next separator line, or null at the end. */
    private byte[] copyMessage(InputStream in, Path eml) throws IOException {
        long written = 0;
        byte[] blank = null;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(eml), 1 << 16)) {
            byte[] line;
            while ((line = readLine(in)) != null && !isSeparator(line)) {
                // The blank line before a separator is the mbox's, not the message's: held back until a line follows.
                if (blank != null && written <= limit) {
                    out.write(blank);
                    written += blank.length;
                }
                blank = isBlank(line) ? line : null;
                if (blank != null || written > limit) {
                    continue;
                }
                int from = isQuotedFrom(line) ? 1 : 0;
                out.write(line, from, line.length - from);
                written += line.length - from;
            }
            return line;
        }
    }

    /** One line with its end ({@code \n} or {@code \r\n}), or null at the end of the file. Long lines come in pieces. */
    private static byte[] readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) >= 0) {
            line.write(b);
            if (b == '\n' || line.size() >= 1 << 16) {
                break;
            }
        }
        return line.size() == 0 ? null : line.toByteArray();
    }

    private static boolean isSeparator(byte[] line) {
        return startsWith(line, 0, "From ");
    }

    private static boolean isBlank(byte[] line) {
        return line.length == 1 && line[0] == '\n' || line.length == 2 && line[0] == '\r' && line[1] == '\n';
    }

    /** {@code >From }, {@code >>From }, …: written for a body line that started with one {@code '>'} fewer. */
    private static boolean isQuotedFrom(byte[] line) {
        int i = 0;
        while (i < line.length && line[i] == '>') {
            i++;
        }
        return i > 0 && startsWith(line, i, "From ");
    }

    private static boolean startsWith(byte[] line, int at, String prefix) {
        if (line.length - at < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (line[at + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The date after the sender on a separator line, or null when it cannot be read. */
    static Instant deliveredAt(byte[] separator) {
        String[] words = new String(separator, StandardCharsets.US_ASCII).trim().split("\\s+");
        if (words.length < 7) {
            return null;
        }
        String date = String.join(" ", java.util.Arrays.copyOfRange(words, 3, words.length));
        try {
            return OffsetDateTime.parse(date, ASCTIME_ZONED).toInstant();
        } catch (DateTimeParseException zoneless) {
            try {
                return LocalDateTime.parse(date, ASCTIME).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }
    }
}
