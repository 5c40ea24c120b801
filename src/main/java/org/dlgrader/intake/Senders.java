package org.dlgrader.intake;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.dlgrader.io.AtomicFiles;

/**
 * {@code reports/intake-senders.tsv}: for each student, the address the newest email taken for them
 * came from ({@code student_id TAB address}). Kept across runs, unlike the intake log, which says
 * what one run did: an {@code intake --imap} rerun takes only new mail, and the students it did not
 * hear from again keep the address of their earlier email. A later run's address replaces an
 * earlier one, as its submission replaced the folder.
 */
public final class Senders {

    public static final String FILE = "intake-senders.tsv";
    private static final String HEADER = "# dl-grader intake: the address each student's newest taken email came from (student_id, address)";

    private final Path file;
    private final Map<String, String> byStudent = new TreeMap<>();

    private Senders(Path file) {
        this.file = file;
    }

    /** The record in {@code file}; empty when there is none yet. */
    public static Senders load(Path file) throws IOException {
        Senders senders = new Senders(file);
        if (Files.isRegularFile(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] cells = line.split("\t", -1);
                if (!line.startsWith("#") && cells.length == 2 && !cells[0].isBlank() && !cells[1].isBlank()) {
                    senders.byStudent.put(cells[0].strip(), cells[1].strip());
                }
            }
        }
        return senders;
    }

    public Optional<String> of(String studentId) {
        return Optional.ofNullable(byStudent.get(studentId));
    }

    /** Adds one run's senders ({@link Intake#senders}), replacing older addresses; written whole and atomically. */
    public void record(Map<String, String> newest) throws IOException {
        if (newest.isEmpty()) {
            return;
        }
        newest.forEach((id, address) -> byStudent.put(id, address.replaceAll("[\\t\\r\\n]", "").strip()));
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        byStudent.forEach((id, address) -> text.append(id).append('\t').append(address).append('\n'));
        AtomicFiles.write(file, text.toString());
    }

    public Path file() {
        return file;
    }
}
