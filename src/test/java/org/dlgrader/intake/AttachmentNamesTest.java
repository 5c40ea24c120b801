package org.dlgrader.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.dlgrader.i18n.Language;
import org.dlgrader.i18n.Messages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** An attachment name that no file can have is refused alone: the email's other files and the other emails go on. */
class AttachmentNamesTest {

    @TempDir
    Path work;

    @AfterEach
    void english() {
        Messages.use(Language.EN);
    }

    /** The attack: one name with %00 stopped the whole intake with InvalidPathException. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "attachment; filename*=utf-8''square%00.pth | square\\u0000.pth | it holds a NUL character (%00), which no file name can hold",
        "attachment; filename*=utf-8''..%2F..%2Fevil.pth | ../../evil.pth | it holds a '/' or '\\', so it is a path into other folders, not a file name",
        "attachment; filename=\"..\\\\evil.pth\" | ..\\evil.pth | it holds a '/' or '\\', so it is a path into other folders, not a file name",
        "attachment; filename=\"=?utf-8?B?L2V0Yy9ldmlsLnB0aA==?=\" | /etc/evil.pth | it holds a '/' or '\\', so it is a path into other folders, not a file name",
        "attachment; filename=\"C:evil.pth\" | C:evil.pth | it holds a ':', which Windows does not allow in a file name (C: starts an absolute path)",
        "attachment; filename=\"..pth\" | ..pth | it starts with '.', which would make it a hidden file, or a way out of the folder ('..')",
        "attachment; filename*=utf-8''line%0Abreak.pth | line\\u000Abreak.pth | it holds a control character, which a file name must not hold"})
    void anAttachmentWithAnUnusableNameIsRefusedAlone(String disposition, String shown, String why) throws Exception {
        Path inbox = Files.createDirectories(work.resolve("inbox"));
        Emails.email().subject("作业 2024001 张三").attachRaw(disposition, new byte[] {1}).attach("linear.pth", new byte[] {2})
                .writeTo(inbox.resolve("a.eml"));
        Emails.email().from("李四 <lisi@example.edu>").subject("作业 2024002 李四").attach("square.pth", new byte[] {3})
                .writeTo(inbox.resolve("b.eml"));
        Path into = work.resolve("class").resolve("submissions");

        List<Intake.Entry> log = new Intake(into, 50, 50L << 20).run(inbox);

        assertThat(log).containsExactly(
                new Intake.Entry("a.eml", "refused", "", "the attachment \"" + shown + "\" was not taken, as " + why
                        + "; the rest of the email was read on: ask the student to rename the file and send it again"),
                new Intake.Entry("a.eml", "taken", "2024001", "1 file(s) into 2024001-张三", Emails.SAVED_TIME),
                new Intake.Entry("b.eml", "taken", "2024002", "1 file(s) into 2024002-李四", Emails.SAVED_TIME));
        assertThat(into.resolve("2024001-张三")).isDirectoryContaining(p -> p.getFileName().toString().equals("linear.pth"));
        try (Stream<Path> everything = Files.walk(work)) {
            assertThat(everything.map(p -> p.getFileName().toString())).doesNotContain("evil.pth").noneMatch(n -> n.startsWith(".intake"));
        }
    }

    @Test
    void anEmailWhoseOnlyAttachmentHasABadNameIsRefusedAndTheLogCsvShowsTheName() throws Exception {
        Path inbox = Files.createDirectories(work.resolve("inbox"));
        Emails.email().subject("作业 2024001 张三").attachRaw("attachment; filename*=utf-8''model%00%E2%80%AEhtp.pth", new byte[] {1})
                .writeTo(inbox.resolve("a.eml"));

        List<Intake.Entry> log = new Intake(work.resolve("submissions"), 50, 50L << 20).run(inbox);

        assertThat(log).extracting(Intake.Entry::outcome).containsExactly("refused", "refused");
        assertThat(log.get(1).detail()).isEqualTo("the email has no .zip or model file attached");
        // The NUL and the right-to-left override are shown as escapes, not written into the log.
        assertThat(Intake.csv(log)).contains("the attachment \"\"model\\u0000\\u202Ehtp.pth\"\" was not taken").doesNotContain("\0");
    }

    /** In Chinese the "%00" is shown as it is, not taken for a format. */
    @Test
    void theRefusalIsInTheClassesLanguage() throws Exception {
        Path inbox = Files.createDirectories(work.resolve("inbox"));
        Emails.email().subject("作业 2024001 张三").attachRaw("attachment; filename*=utf-8''square%00.pth", new byte[] {1})
                .attach("linear.pth", new byte[] {2}).writeTo(inbox.resolve("a.eml"));
        Messages.use(Language.ZH_CN);

        List<Intake.Entry> log = new Intake(work.resolve("submissions"), 50, 50L << 20).run(inbox);

        assertThat(log).containsExactly(
                new Intake.Entry("a.eml", "refused", "", "附件“square\\u0000.pth”没有被收下，因为它含有 NUL 字符（%00），任何文件名"
                        + "都不能含有这种字符；这封邮件的其余部分照常读取：请学生给文件改名后重新发送"),
                new Intake.Entry("a.eml", "taken", "2024001", "1 个文件，放入 2024001-张三", Emails.SAVED_TIME));
    }

    @Test
    void aNameInAnUnknownCharsetRefusesOnlyThatEmail() throws Exception {
        Path inbox = Files.createDirectories(work.resolve("inbox"));
        Emails.email().subject("作业 2024001 张三").attachRaw("attachment; filename=\"=?x-no-such-charset?B?YS5wdGg=?=\"", new byte[] {1})
                .writeTo(inbox.resolve("a.eml"));
        Emails.email().subject("作业 2024002 李四").attach("square.pth", new byte[] {3}).writeTo(inbox.resolve("b.eml"));

        List<Intake.Entry> log = new Intake(work.resolve("submissions"), 50, 50L << 20).run(inbox);

        assertThat(log).filteredOn(e -> e.source().equals("b.eml")).extracting(Intake.Entry::outcome).containsExactly("taken");
    }
}
