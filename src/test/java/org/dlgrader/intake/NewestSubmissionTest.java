package org.dlgrader.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "Newest" is when the teacher's server received an email, never the Date its sender wrote. */
class NewestSubmissionTest {

    @TempDir
    Path work;
    private Path inbox;
    private Path into;

    @BeforeEach
    void folders() throws Exception {
        inbox = Files.createDirectories(work.resolve("inbox"));
        into = work.resolve("submissions");
    }

    private static Emails from2024001(String content) {
        return Emails.email().from("张三 <zhangsan@example.edu>").subject("作业 2024001 张三")
                .attach("square.pth", content.getBytes(StandardCharsets.UTF_8));
    }

    private String taken() throws Exception {
        return Files.readString(into.resolve("2024001-张三").resolve("square.pth"));
    }

    /** The attack: an older email with a Date forged into the future replaced the one received last. */
    @Test
    void aForgedLaterDateDoesNotMakeAnEmailNewer() throws Exception {
        from2024001("forged").date(Instant.parse("2027-01-01T00:00:00Z")).receivedAt(Instant.parse("2026-11-27T09:00:00Z"))
                .writeTo(inbox.resolve("a-forged.eml"));
        from2024001("last").date(Instant.parse("2026-11-27T10:00:00Z")).receivedAt(Instant.parse("2026-11-27T10:00:03Z"))
                .writeTo(inbox.resolve("b-last.eml"));

        List<Intake.Entry> log = new Intake(into, 50, 50L << 20).run(inbox);

        assertThat(taken()).isEqualTo("last");
        assertThat(log).contains(new Intake.Entry("a-forged.eml", "superseded", "2024001", "a newer submission (b-last.eml, "
                + "received 2026-11-27T10:00:03Z) was taken instead of this one (received 2026-11-27T09:00:00Z)"));
    }

    /** A sender may add Received lines of their own, but only below the ones servers add on top. */
    @Test
    void onlyTheTopMostReceivedLineCounts() throws Exception {
        from2024001("padded").receivedAt(Instant.parse("2026-11-27T09:00:00Z")).receivedAt(Instant.parse("2027-06-01T00:00:00Z"))
                .writeTo(inbox.resolve("a.eml"));
        from2024001("last").receivedAt(Instant.parse("2026-11-27T10:00:00Z")).writeTo(inbox.resolve("b.eml"));

        new Intake(into, 50, 50L << 20).run(inbox);

        assertThat(taken()).isEqualTo("last");
    }

    @Test
    void aReceivedLineWithoutAReadableDateFallsBackToTheFileTime() throws Exception {
        from2024001("file time later").receivedRaw("from x by mx.school.example; someday soon")
                .date(Instant.parse("2026-11-01T00:00:00Z")).writeTo(inbox.resolve("a.eml"), Instant.parse("2026-11-27T10:00:00Z"));
        from2024001("received earlier").receivedAt(Instant.parse("2026-11-27T09:00:00Z")).writeTo(inbox.resolve("b.eml"));

        new Intake(into, 50, 50L << 20).run(inbox);

        assertThat(taken()).isEqualTo("file time later");
    }

    /** A zip put in the inbox is unpacked where it lies: superseded or taken, it stays in the inbox. */
    @Test
    void aZipInTheInboxCountsByItsFileTimeAndIsNeverMovedOrDeleted() throws Exception {
        Path zip = Files.write(inbox.resolve("2024001-张三.zip"), Emails.zip("square.pth", "zip"));
        Files.setLastModifiedTime(zip, java.nio.file.attribute.FileTime.from(Instant.parse("2026-11-27T08:00:00Z")));
        from2024001("email").receivedAt(Instant.parse("2026-11-27T09:00:00Z")).writeTo(inbox.resolve("b.eml"));

        List<Intake.Entry> log = new Intake(into, 50, 50L << 20).run(inbox);

        assertThat(taken()).isEqualTo("email");
        assertThat(log).extracting(Intake.Entry::source, Intake.Entry::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("2024001-张三.zip", "superseded"), org.assertj.core.groups.Tuple.tuple("b.eml", "taken"));
        assertThat(zip).exists();
    }

    @Test
    void withoutAReceivedLineTheFileTimeDecidesNotTheDate() throws Exception {
        from2024001("saved later").date(Instant.parse("2026-11-01T00:00:00Z")).writeTo(inbox.resolve("a.eml"), Instant.parse("2026-11-27T10:00:00Z"));
        from2024001("forged date").date(Instant.parse("2027-01-01T00:00:00Z")).writeTo(inbox.resolve("b.eml"), Instant.parse("2026-11-27T09:00:00Z"));

        List<Intake.Entry> log = new Intake(into, 50, 50L << 20).run(inbox);

        assertThat(taken()).isEqualTo("saved later");
        assertThat(log).contains(new Intake.Entry("b.eml", "superseded", "2024001", "a newer submission (a.eml, file time "
                + "2026-11-27T10:00:00Z) was taken instead of this one (file time 2026-11-27T09:00:00Z)"));
    }
}
