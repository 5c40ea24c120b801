package org.dlgrader.mail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.dlgrader.io.AtomicFiles;

/**
 * {@code reports/mail-sent.tsv}: what {@code mail-reports --send} did for each student, one row each
 * ({@code student_id, address, sha256, message_id, time, outcome}), so that a rerun sends only what
 * changed. A student is sent again when their page or points (the digest) or their address changed,
 * or when the last try did not send (outcome {@code failed} or {@code no-address}). Rewritten whole
 * and atomically after each message sent, so that a run stopped halfway sends only the rest next time.
 */
final class SentLog {

    /** One student's row; empty strings where there is nothing to say. */
    record Row(String studentId, String address, String digest, String messageId, String time, String outcome) {
        String line() {
            return String.join("\t", clean(studentId), clean(address), digest, clean(messageId), time, outcome);
        }

        private static String clean(String text) {
            return text.replaceAll("[\\t\\r\\n]", " ").strip();
        }
    }

    static final String FILE = "mail-sent.tsv";
    static final String SENT = "sent";
    private static final String HEADER = "student_id\taddress\tsha256\tmessage_id\ttime\toutcome";

    private final Path file;
    private final Map<String, Row> rows = new TreeMap<>();

    private SentLog(Path file) {
        this.file = file;
    }

    static SentLog load(Path file) throws IOException {
        SentLog log = new SentLog(file);
        if (Files.isRegularFile(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] cells = line.split("\t", -1);
                if (cells.length == 6 && !line.equals(HEADER)) {
                    log.rows.put(cells[0], new Row(cells[0], cells[1], cells[2], cells[3], cells[4], cells[5]));
                }
            }
        }
        return log;
    }

    /** The row of the message this student was sent last, when it is the same message to the same address. */
    Optional<Row> alreadySent(String studentId, String address, String digest) {
        return Optional.ofNullable(rows.get(studentId))
                .filter(row -> row.outcome().equals(SENT) && row.address().equalsIgnoreCase(address) && row.digest().equals(digest));
    }

    void put(Row row) {
        rows.put(row.studentId(), row);
    }

    void write() throws IOException {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        rows.values().forEach(row -> text.append(row.line()).append('\n'));
        AtomicFiles.write(file, text.toString());
    }

    Path file() {
        return file;
    }
}
