package org.dlgrader.grading;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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
 *
 * <p>The file is believed only with intake's signature: an HMAC of its time and source under a key
 * kept beside the students' folders as {@value #KEY_FILE}, made by the first intake there. A student
 * whose folder reaches the class by hand could otherwise put the file in it, source "received", and
 * claim any time; a file without a signature the key confirms counts as no file at all.
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
    /** Intake's signing key, in the folder that holds the students' folders, never in one of them. */
    public static final String KEY_FILE = ".dl-grader-key";
    private static final String MAC = "HmacSHA256";

    /** Records this time in {@code folder}, replacing whatever a student's zip put there under the name. */
    public void writeTo(Path folder) throws IOException {
        Path keyFile = folder.toAbsolutePath().getParent().resolve(KEY_FILE);
        if (!Files.exists(keyFile, LinkOption.NOFOLLOW_LINKS)) {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            // A temporary file is private (0600), as a key should stay; moved in whole, never half written.
            Path partial = Files.createTempFile(keyFile.getParent(), KEY_FILE, ".part");
            try {
                Files.writeString(partial, HexFormat.of().formatHex(key) + "\n", StandardCharsets.US_ASCII);
                Files.move(partial, keyFile, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
        }
        byte[] key = key(folder).orElseThrow(() -> new IOException(keyFile + " cannot be read"));
        AtomicFiles.write(folder.resolve(FILE), "time=" + instant + "\nsource=" + source.word()
                + "\nsignature=" + signature(key, instant.toString(), source.word()) + "\n");
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
        String time = values.getProperty("time");
        String word = values.getProperty("source");
        String signature = values.getProperty("signature");
        Optional<byte[]> key = key(folder);
        if (time == null || word == null || signature == null || key.isEmpty()
                || !MessageDigest.isEqual(signature.trim().getBytes(StandardCharsets.US_ASCII),
                        signature(key.get(), time.trim(), word.trim()).getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        return parse(time, word);
    }

    private static Optional<byte[]> key(Path folder) throws IOException {
        Path file = folder.toAbsolutePath().getParent().resolve(KEY_FILE);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) > MAX_FILE_BYTES) {
            return Optional.empty();
        }
        try {
            byte[] key = HexFormat.of().parseHex(Files.readString(file, StandardCharsets.US_ASCII).strip());
            return key.length < 16 ? Optional.empty() : Optional.of(key);
        } catch (IllegalArgumentException notHex) {
            return Optional.empty();
        }
    }

    private static String signature(byte[] key, String time, String source) {
        try {
            Mac mac = Mac.getInstance(MAC);
            mac.init(new SecretKeySpec(key, MAC));
            return HexFormat.of().formatHex(mac.doFinal((time + "\n" + source).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(MAC + " is part of every Java runtime", e);
        }
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
