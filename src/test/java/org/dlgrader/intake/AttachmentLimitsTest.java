package org.dlgrader.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Attachments stream to disk within --max-files and --max-mb per email; an email over a limit is refused whole. */
class AttachmentLimitsTest {

    @TempDir
    Path work;
    private Path inbox;
    private Path into;

    @BeforeEach
    void folders() throws Exception {
        inbox = Files.createDirectories(work.resolve("inbox"));
        into = work.resolve("class").resolve("submissions");
    }

    private List<String> leftOver() throws Exception {
        try (Stream<Path> everything = Files.walk(work.resolve("class"))) {
            return everything.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".intake")).toList();
        }
    }

    /** The attack: 5,000 attachments were all read into memory and all taken, past the 200-file limit zips have. */
    @Test
    void fiveThousandAttachmentsAreRefusedAsAWhole() throws Exception {
        Emails email = Emails.email().subject("作业 2024001 张三");
        for (int i = 0; i < 5000; i++) {
            email.attach("m" + i + ".pth", new byte[] {(byte) i});
        }
        email.writeTo(inbox.resolve("many.eml"));
        Emails.email().from("李四 <lisi@example.edu>").subject("作业 2024002 李四").attach("square.pth", new byte[] {3})
                .writeTo(inbox.resolve("other.eml"));

        List<Intake.Entry> log = new Intake(into, 200, 50L << 20).run(inbox);

        assertThat(log).containsExactly(
                new Intake.Entry("many.eml", "refused", "", "many.eml has more than 900 MIME parts, more than an email of at "
                        + "most 200 attachments (--max-files 200) needs; nothing of it was taken: ask the student to zip the model "
                        + "files and send them again"),
                new Intake.Entry("other.eml", "taken", "2024002", "1 file(s) into 2024002-李四", Emails.SAVED_TIME));
        assertThat(into.resolve("2024001-张三")).doesNotExist();
        assertThat(leftOver()).isEmpty();
    }

    @Test
    void attachmentsOverTheCountOfOneEmailAreRefusedAsAWhole() throws Exception {
        Emails email = Emails.email().subject("作业 2024001 张三");
        for (int i = 0; i < 60; i++) {
            email.attach("m" + i + ".pth", new byte[] {(byte) i});
        }
        email.writeTo(inbox.resolve("sixty.eml"));

        List<Intake.Entry> log = new Intake(into, 50, 50L << 20).run(inbox);

        assertThat(log).containsExactly(new Intake.Entry("sixty.eml", "refused", "", "sixty.eml has more than 50 .zip or model "
                + "files attached (the limit is 50 per email, --max-files); nothing of it was taken: ask the student to zip the "
                + "model files and send them again"));
        assertThat(into.resolve("2024001-张三")).doesNotExist();
        assertThat(leftOver()).isEmpty();
    }

    /** Parts without a file name cost the parser as much as attachments: a million of them took a gigabyte of heap. */
    @Test
    void anEmailOfMorePartsThanItsAttachmentsCouldNeedIsRefusedUnparsed() throws Exception {
        Emails email = Emails.email().subject("作业 2024001 张三").attach("square.pth", new byte[] {1});
        for (int i = 0; i < 200; i++) {
            email.attachRaw("inline", new byte[] {'x'});
        }
        email.writeTo(inbox.resolve("parts.eml"));

        assertThat(new Intake(into, 5, 50L << 20).run(inbox)).containsExactly(new Intake.Entry("parts.eml", "refused", "",
                "parts.eml has more than 120 MIME parts, more than an email of at most 5 attachments (--max-files 5) needs; "
                        + "nothing of it was taken: ask the student to zip the model files and send them again"));
    }

    @Test
    void anEmailWithHeadersNoMailProgramWritesIsRefusedUnparsed() throws Exception {
        Emails email = Emails.email().subject("作业 2024001 张三").attach("square.pth", new byte[] {1});
        for (int i = 0; i < 3000; i++) {
            email.receivedAt(java.time.Instant.parse("2026-11-27T10:00:00Z"));
        }
        email.writeTo(inbox.resolve("headers.eml"));

        assertThat(new Intake(into, 50, 50L << 20).run(inbox)).containsExactly(new Intake.Entry("headers.eml", "refused", "",
                "headers.eml has a block of headers larger than 256 KB, which no mail program writes; nothing of it was taken: "
                        + "the teacher must check it"));
    }

    @Test
    void attachmentsOverTheMegabytesOfOneEmailAreRefusedAsAWhole() throws Exception {
        byte[] sixHundredKb = new byte[600 << 10];
        Emails.email().subject("作业 2024001 张三").attach("linear.pth", sixHundredKb).attach("square.pth", sixHundredKb)
                .writeTo(inbox.resolve("big.eml"));

        List<Intake.Entry> log = new Intake(into, 200, 1L << 20).run(inbox);

        assertThat(log).containsExactly(new Intake.Entry("big.eml", "refused", "", "big.eml has attachments of more than 1 MB "
                + "(the limit is 1 MB per email, --max-mb); nothing of it was taken: ask the student to send only the model files"));
        assertThat(into.resolve("2024001-张三")).doesNotExist();
        assertThat(leftOver()).isEmpty();
    }

    @Test
    void anEmailFileTooLargeToFitTheLimitIsRefusedUnread() throws Exception {
        Emails.email().subject("作业 2024001 张三").attach("linear.pth", new byte[3 << 20]).writeTo(inbox.resolve("huge.eml"));

        assertThat(new Intake(into, 200, 2L << 20).run(inbox)).containsExactly(new Intake.Entry("huge.eml", "refused", "",
                "larger than 4 MB, so its attachments cannot fit in the 2 MB an email may bring (--max-mb)"));
    }

    @Test
    void zipsOfOneEmailShareTheLimitOfOneSubmission() throws Exception {
        Map<String, byte[]> thirty = new LinkedHashMap<>();
        for (int i = 0; i < 30; i++) {
            thirty.put("notes/" + i + ".txt", new byte[] {1});
        }
        Emails.email().subject("作业 2024001 张三").attach("part1.zip", Emails.zip(thirty)).attach("part2.zip", Emails.zip(thirty))
                .writeTo(inbox.resolve("two.eml"));

        List<Intake.Entry> log = new Intake(into, 50, 50L << 20).run(inbox);

        assertThat(log).containsExactly(new Intake.Entry("two.eml", "refused", "2024001", "part2.zip unpacks to more than 50 "
                + "files (the limit for one submission, --max-files 50); refused: ask the student to send only the model files"));
        assertThat(into.resolve("2024001-张三")).doesNotExist();
        assertThat(leftOver()).isEmpty();
    }
}
