package org.dlgrader.intake;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.dlgrader.io.AtomicFiles;

/**
 * {@code reports/intake-senders.tsv}: for each student, every address an email taken or superseded
 * for them came from ({@code student_id TAB address}, a line each). Kept across runs, unlike the
 * intake log, which says what one run did: an {@code intake --imap} rerun takes only new mail, and the
 * students it did not hear from again keep the addresses of their earlier emails. Every address is
 * kept, not only the newest: without a roster identity comes from the subject, so a second address
 * for one number may be a classmate claiming it, and {@code mail-reports} must not pick between them.
 */
public final class Senders {

    public static final String FILE = "intake-senders.tsv";
    private static final String HEADER =
            "# dl-grader intake: every address an email taken or superseded for a student came from (student_id, address)";
    /**
     * One mailbox, as a person types it: a group ({@code name: a@x, b@y;}), a list, a name, a line
     * break or an address without a domain can reach someone else than the one who sent it.
     */
    private static final Pattern PLAIN = Pattern.compile("[^\\s\\p{Cntrl}@,;:<>()\\[\\]\"\\\\]+@[^\\s\\p{Cntrl}@,;:<>()\\[\\]\"\\\\]+");

    private final Path file;
    private final Map<String, Set<String>> byStudent = new TreeMap<>();

    private Senders(Path file) {
        this.file = file;
    }

    /** The record in {@code file}; empty when there is none yet. A line a person garbled is left out. */
    public static Senders load(Path file) throws IOException {
        Senders senders = new Senders(file);
        if (Files.isRegularFile(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] cells = line.split("\t", -1);
                if (!line.startsWith("#") && cells.length == 2 && !cells[0].isBlank()) {
                    senders.add(cells[0].strip(), cells[1].strip());
                }
            }
        }
        return senders;
    }

    /** Whether {@code address} is one plain address ({@code local@domain}), the only kind mail is sent to. */
    public static boolean plain(String address) {
        return address != null && PLAIN.matcher(address).matches();
    }

    /** Every address heard from for this student, in lower case, oldest first; empty when none. */
    public List<String> addresses(String studentId) {
        return List.copyOf(byStudent.getOrDefault(studentId, Set.of()));
    }

    /** Adds one run's senders ({@link Intake#senders}) to the earlier ones; written whole and atomically. */
    public void record(Map<String, ? extends Collection<String>> heard) throws IOException {
        boolean added = false;
        for (Map.Entry<String, ? extends Collection<String>> student : heard.entrySet()) {
            for (String address : student.getValue()) {
                added |= add(student.getKey(), address);
            }
        }
        if (!added) {
            return;
        }
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        byStudent.forEach((id, addresses) -> addresses.forEach(a -> text.append(id).append('\t').append(a).append('\n')));
        AtomicFiles.write(file, text.toString());
    }

    /** An odd address is dropped here, so it is never written and never mailed to. */
    private boolean add(String studentId, String address) {
        if (!plain(address) || studentId.isBlank() || !studentId.equals(studentId.strip()) || studentId.contains("\t")) {
            return false;
        }
        return byStudent.computeIfAbsent(studentId, id -> new LinkedHashSet<>()).add(address.toLowerCase(Locale.ROOT));
    }

    public Path file() {
        return file;
    }
}
