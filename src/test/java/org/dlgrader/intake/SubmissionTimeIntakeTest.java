package org.dlgrader.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dlgrader.grading.SubmissionTime;
import org.dlgrader.grading.SubmissionTime.Source;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The time a hand-in is judged by, from real emails: the teacher's server's Received stamp over the
 * sender's Date header, the Date header over the file's time. Intake writes it into the student's
 * folder, where the grading run reads it, and into the log.
 */
class SubmissionTimeIntakeTest {

    @TempDir
    Path work;
    private Path inbox;
    private Path into;

    @BeforeEach
    void folders() throws Exception {
        inbox = Files.createDirectories(work.resolve("inbox"));
        into = work.resolve("submissions");
    }

    private static Emails homework() {
        return Emails.email().from("张三 <zhangsan@example.edu>").subject("作业 2024001 张三")
                .attach("square.pth", "model".getBytes(StandardCharsets.UTF_8));
    }

    private Optional<SubmissionTime> recorded() {
        return SubmissionTime.of(into.resolve("2024001-张三"));
    }

    /** A student whose mail client claims an earlier Date is judged by when the server got the email. */
    @Test
    void theServersReceivedStampIsPreferredToTheSendersDate() throws Exception {
        Instant received = Instant.parse("2026-12-08T02:00:05Z");
        homework().date(Instant.parse("2026-12-07T15:00:00Z")).receivedAt(received).writeTo(inbox.resolve("a.eml"));

        List<Intake.Entry> log = new Intake(into, 50, 50L << 20).run(inbox);

        SubmissionTime expected = new SubmissionTime(received, Source.RECEIVED);
        assertThat(recorded()).contains(expected);
        assertThat(log).singleElement().extracting(Intake.Entry::submitted).isEqualTo(expected);
        assertThat(Intake.csv(log).split("\r\n")[1]).endsWith(",2026-12-08T02:00:05Z,received");
    }

    @Test
    void withoutAReceivedStampTheDateHeaderIsUsed() throws Exception {
        Instant date = Instant.parse("2026-12-07T10:30:00Z");
        homework().date(date).writeTo(inbox.resolve("a.eml"));

        new Intake(into, 50, 50L << 20).run(inbox);

        assertThat(recorded()).contains(new SubmissionTime(date, Source.DATE_HEADER));
    }

    @Test
    void anEmailWithNeitherIsTimedByItsFile() throws Exception {
        homework().writeTo(inbox.resolve("a.eml"));

        new Intake(into, 50, 50L << 20).run(inbox);

        assertThat(recorded()).contains(Emails.SAVED_TIME);
    }

    /** A student cannot set their own time by zipping a file of that name: intake writes it last. */
    @Test
    void aZipsOwnSubmissionTimeFileIsReplaced() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("hw/square.pth", "model".getBytes(StandardCharsets.UTF_8));
        files.put("hw/" + SubmissionTime.FILE, "time=2020-01-01T00:00:00Z\nsource=received\n".getBytes(StandardCharsets.UTF_8));
        Path zip = Files.write(inbox.resolve("2024001-张三.zip"), Emails.zip(files));
        Instant copied = Instant.parse("2026-12-09T01:00:00Z");
        Files.setLastModifiedTime(zip, FileTime.from(copied));

        new Intake(into, 50, 50L << 20).run(inbox);

        assertThat(into.resolve("2024001-张三/square.pth")).exists();
        assertThat(recorded()).contains(new SubmissionTime(copied, Source.FILE_TIME));
    }
}
