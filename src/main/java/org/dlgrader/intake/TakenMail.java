package org.dlgrader.intake;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.dlgrader.io.AtomicFiles;

/**
 * The messages an earlier {@code intake --imap} run took from a mailbox, so that a rerun takes only
 * new mail: one line each, {@code account TAB uidvalidity TAB uid TAB message-id}. A message is known
 * by its UID within the folder's UIDVALIDITY, or by its Message-ID, which stays the same when the
 * server renumbers the folder or the message is moved to another one. Deleting the file takes
 * everything again.
 */
public final class TakenMail {

    /** One message of one mailbox; the Message-ID may be empty (a message without one). */
    public record Key(String account, long uidValidity, long uid, String messageId) {
        String line() {
            return String.join("\t", clean(account), String.valueOf(uidValidity), String.valueOf(uid), clean(messageId));
        }

        private static String clean(String text) {
            return text.replaceAll("[\\t\\r\\n]", " ").strip();
        }
    }

    private static final String HEADER = "# dl-grader intake --imap: messages taken (account, uidvalidity, uid, message-id)";

    private final Path file;
    private final Set<String> uids = new HashSet<>();
    private final Set<String> messageIds = new HashSet<>();

    private TakenMail(Path file) {
        this.file = file;
    }

    public static TakenMail load(Path file) throws IOException {
        TakenMail taken = new TakenMail(file);
        if (Files.isRegularFile(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] cells = line.split("\t", -1);
                if (line.startsWith("#") || cells.length != 4) {
                    continue;
                }
                taken.uids.add(cells[0] + "\t" + cells[1] + "\t" + cells[2]);
                if (!cells[3].isEmpty()) {
                    taken.messageIds.add(cells[3]);
                }
            }
        }
        return taken;
    }

    boolean contains(Key key) {
        String[] cells = key.line().split("\t", -1);
        return uids.contains(cells[0] + "\t" + cells[1] + "\t" + cells[2]) || !cells[3].isEmpty() && messageIds.contains(cells[3]);
    }

    /** Adds this run's messages; written whole and atomically, so that a crash leaves the old record. */
    public void add(List<Key> keys) throws IOException {
        StringBuilder text = new StringBuilder();
        if (Files.isRegularFile(file)) {
            text.append(Files.readString(file, StandardCharsets.UTF_8));
        } else {
            text.append(HEADER).append('\n');
        }
        for (Key key : keys) {
            text.append(key.line()).append('\n');
        }
        AtomicFiles.write(file, text.toString());
    }

    public Path file() {
        return file;
    }
}
