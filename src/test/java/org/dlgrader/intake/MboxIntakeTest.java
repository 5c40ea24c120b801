package org.dlgrader.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.dlgrader.cli.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dl-grader intake --mbox FILE}: an mbox as Thunderbird and Gmail Takeout write it, each
 * message after a {@code From } line, a body line that began with {@code From } quoted as
 * {@code >From } (and {@code >From } as {@code >>From }, mboxrd).
 */
class MboxIntakeTest {

    @TempDir
    Path work;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalErr;

    @BeforeEach
    void catchErrors() {
        originalErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreErrors() {
        System.setErr(originalErr);
    }

    /** What an mbox writer does to a message: the separator, the body's From lines quoted, a blank line after. */
    private static byte[] mboxEntry(String separator, byte[] message) {
        String text = new String(message, StandardCharsets.ISO_8859_1);
        String quoted = text.replaceAll("(?m)^(>*From )", ">$1");
        return (separator + "\n" + quoted + (quoted.endsWith("\n") ? "" : "\n") + "\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void eachMessageIsTakenWithItsFromLinesUnquotedAndTheNewestWins() throws Exception {
        // A model file as plain ASCII, so that it is sent 7bit and its lines stand in the mbox as written.
        byte[] notes = "weights v1\r\nFrom the first epoch on\r\n>From a quoted line\r\nend\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] first = Emails.email().from("张三 <zhangsan@example.edu>").subject("作业 2024001 张三")
                .attach("square.pth", new byte[] {1, 2}).bytes();
        byte[] second = Emails.email().from("张三 <zhangsan@example.edu>").subject("作业 2024001 张三 第二版").subjectIn("UTF-8")
                .attach("notes.pth", notes).bytes();
        byte[] zipped = Emails.email().from("李四 <lisi@example.edu>").subject("李四的作业")
                .attach("2024002-李四.zip", Emails.zip("homework/model.pth", "lisi")).bytes();
        byte[] anonymous = Emails.email().from("someone@example.edu").subject("作业").attach("model.pth", new byte[] {9}).bytes();
        assertThat(new String(second, StandardCharsets.ISO_8859_1)).as("the attachment is sent as written, not base64")
                .contains("\nFrom the first epoch on");
        Path mbox = work.resolve("Inbox.mbox");
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        // The later message comes first in the file: the separator's delivery time decides, not the order.
        file.write(mboxEntry("From zhangsan@example.edu Fri Nov 27 10:00:03 2026", second));
        file.write(mboxEntry("From zhangsan@example.edu Thu Nov 26 09:00:00 2026", first));
        file.write(mboxEntry("From 1781234567890123@xxx Thu Nov 26 11:00:00 +0000 2026", zipped));
        file.write(mboxEntry("From someone@example.edu Thu Nov 26 12:00:00 2026", anonymous));
        Files.write(mbox, file.toByteArray());
        assertThat(Files.readString(mbox, StandardCharsets.ISO_8859_1)).contains("\n>From the first epoch on").contains("\n>>From a quoted line");
        Path log = work.resolve("reports").resolve("intake-log.csv");

        int status = Main.run("intake", "--mbox", mbox.toString(), "--into", work.resolve("submissions").toString(), "--log", log.toString());

        assertThat(status).isZero();
        assertThat(work.resolve("submissions/2024001-张三/notes.pth")).hasBinaryContent(notes);
        assertThat(work.resolve("submissions/2024001-张三/square.pth")).doesNotExist();
        assertThat(work.resolve("submissions/2024002-李四/model.pth")).hasContent("lisi");
        assertThat(Files.readString(log, StandardCharsets.UTF_8))
                .contains("\"Inbox.mbox #1\",taken,\"2024001\",\"1 file(s) into 2024001-张三\"")
                .contains("\"Inbox.mbox #2\",superseded,\"2024001\",\"a newer submission (Inbox.mbox #1, file time 2026-11-27T10:00:03Z)")
                .contains("\"Inbox.mbox #3\",taken,\"2024002\"")
                .contains("\"Inbox.mbox #4\",refused,\"\",\"no student number in the attachment names, subject or sender\"");
    }

    @Test
    void aMessageOverTheLimitIsRefusedAndTheNextOneStillTaken() throws Exception {
        byte[] large = new byte[3 << 20];
        new java.util.Random(1).nextBytes(large);
        Path mbox = work.resolve("Inbox.mbox");
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write(mboxEntry("From a@example.edu Thu Nov 26 09:00:00 2026",
                Emails.email().subject("2024003 王五 作业").attach("big.pth", large).bytes()));
        file.write(mboxEntry("From b@example.edu Thu Nov 26 10:00:00 2026",
                Emails.email().subject("2024004 赵六 作业").attach("m.pth", new byte[] {4}).bytes()));
        Files.write(mbox, file.toByteArray());
        Path log = work.resolve("reports").resolve("intake-log.csv");

        int status = Main.run("intake", "--mbox", mbox.toString(), "--into", work.resolve("submissions").toString(), "--log", log.toString(),
                "--max-mb", "1");

        assertThat(status).isZero();
        assertThat(Files.readString(log, StandardCharsets.UTF_8))
                .contains("\"Inbox.mbox #1\",refused,\"\",\"larger than 2 MB, so its attachments cannot fit in the 1 MB")
                .contains("\"Inbox.mbox #2\",taken,\"2024004\"");
        assertThat(work.resolve("submissions/2024004-赵六/m.pth")).hasBinaryContent(new byte[] {4});
    }

    @Test
    void theSeparatorsDateIsRead() {
        assertThat(MboxFile.deliveredAt("From a@b Thu Nov  5 10:00:03 2026\n".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(Instant.parse("2026-11-05T10:00:03Z"));
        assertThat(MboxFile.deliveredAt("From 17@xxx Thu Nov 26 11:00:00 +0800 2026\r\n".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(Instant.parse("2026-11-26T03:00:00Z"));
        assertThat(MboxFile.deliveredAt("From a@b yesterday\n".getBytes(StandardCharsets.US_ASCII))).isNull();
    }

    @Test
    void aMissingMboxFileIsNamedAndNothingIsTaken() {
        Path missing = work.resolve("export.mbox");

        int status = Main.run("intake", "--mbox", missing.toString(), "--into", work.resolve("submissions").toString());

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("No mbox file at " + missing.toAbsolutePath())
                .contains("Export the mail folder as mbox");
        assertThat(work.resolve("submissions")).doesNotExist();
    }

    @Test
    void oneSourceMustBeGiven() {
        int none = Main.run("intake");
        int two = Main.run("intake", work.toString(), "--mbox", work.resolve("a.mbox").toString());

        assertThat(none).isEqualTo(2);
        assertThat(two).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Give one place to read homework from: a folder INBOX, --mbox FILE or --imap");
    }
}
