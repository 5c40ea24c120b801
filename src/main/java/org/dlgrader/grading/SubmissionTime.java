package org.dlgrader.grading;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.dlgrader.io.AtomicFiles;

/**
 * When a student handed in, the time shown on the pages and judged against the deadline. The intake
 * knows it from the email and writes it into the student's folder as {@value #FILE} (the simplest
 * place the grading run finds again for a folder, whoever moved or merged it; a hidden name, so it is
 * never taken for homework). A folder made by hand has no email: the newest modification time of its
 * files stands in, which copying without keeping times ({@code cp} without {@code -p}) moves to the
 * copy's time. A folder without files has no time, and a submission without a time is never late.
 *
 * <p>Which of an email's times: the top-most {@code Received:} stamp when there is one, the one the
 * teacher's own server wrote (read from IMAP, when that stamp cannot be read, the server's own date of
 * the message, its INTERNALDATE); else the {@code Date:} header. The student writes the Date header (a
 * mail client can put any time there), the server writes Received, so Received is preferred whenever
 * it exists, as it is for deciding which of two emails is newer. An email without Received (saved by
 * hand, sent locally) has nothing better than Date: its file time would be when the teacher saved it,
 * after the deadline for everyone.
 */
public record SubmissionTime(Instant instant, Source source) {

    /** Where the time came from: shown beside it, since only the server's stamp is beyond a student's reach. */
    public enum Source {
        RECEIVED("received"), DATE_HEADER("date"), FILE_TIME("file");

        private final String word;

        Source(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }

        static Optional<Source> of(String word) {
            for (Source source : values()) {
                if (source.word.equals(word)) {
                    return Optional.of(source);
                }
            }
            return Optional.empty();
        }
    }

    /** Written by intake into the student's folder; hidden, so never counted as homework. */
    public static final String FILE = ".submission-time";
    /** A folder's files are looked for this deep: students zip folders within folders, never dozens. */
    private static final int DEPTH = 8;
    private static final long MAX_FILE_BYTES = 4 << 10;

    /** Records this time in {@code folder}, replacing whatever a student's zip put there under the name. */
    public void writeTo(Path folder) throws IOException {
        AtomicFiles.write(folder.resolve(FILE), "time=" + instant + "\nsource=" + source.word() + "\n");
    }

    /** The time the intake recorded for {@code folder}, else its newest file's, else none. */
    public static Optional<SubmissionTime> of(Path folder) {
        try {
            return recorded(folder).or(() -> newestFile(folder));
        } catch (IOException unreadable) {
            // A time that cannot be read is no time: never late, rather than late by a guess.
            return Optional.empty();
        }
    }

    /** A time as {@link #writeTo} and class-results.json write it, or none when either part is missing or unreadable. */
    public static Optional<SubmissionTime> parse(String time, String source) {
        if (time == null || source == null) {
            return Optional.empty();
        }
        try {
            Instant instant = Instant.parse(time.trim());
            return Source.of(source.trim()).map(s -> new SubmissionTime(instant, s));
        } catch (DateTimeParseException unreadable) {
            return Optional.empty();
        }
    }

    private static Optional<SubmissionTime> recorded(Path folder) throws IOException {
        Path file = folder.resolve(FILE);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) > MAX_FILE_BYTES) {
            return Optional.empty();
        }
        Properties values = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            values.load(reader);
        }
        return parse(values.getProperty("time"), values.getProperty("source"));
    }

    private static Optional<SubmissionTime> newestFile(Path folder) {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.walk(folder, DEPTH)) {
            return files.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS))
                    .filter(f -> !f.getFileName().toString().startsWith("."))
                    .map(SubmissionTime::modified).flatMap(Optional::stream)
                    .max(Instant::compareTo).map(t -> new SubmissionTime(t, Source.FILE_TIME));
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    private static Optional<Instant> modified(Path file) {
        try {
            return Optional.of(Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant());
        } catch (IOException gone) {
            return Optional.empty();
        }
    }

}
