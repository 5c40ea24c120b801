package org.dlgrader.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dlgrader.cli.Main;
import org.dlgrader.i18n.Language;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dl-grader intake INBOX --roster FILE}, as a teacher runs it: the log file says what was held. */
@org.junit.jupiter.api.extension.ExtendWith(org.dlgrader.i18n.RestoresLanguage.class)
class IntakeCommandTest {

    @TempDir
    Path work;

    @Test
    void theRosterOptionHoldsWhatTheRosterDoesNotConfirm() throws Exception {
        Path inbox = Files.createDirectories(work.resolve("inbox"));
        Emails.email().from("zhangsan@example.edu").subject("作业 2024001").attach("square.pth", new byte[] {1})
                .writeTo(inbox.resolve("a.eml"));
        Emails.email().from("mallory@evil.example").subject("作业 2024001").attach("square.pth", new byte[] {2})
                .writeTo(inbox.resolve("b.eml"));
        Path roster = Files.writeString(work.resolve("class.csv"), "id,name,email\n2024001,张三,zhangsan@example.edu\n", StandardCharsets.UTF_8);
        Path log = work.resolve("reports").resolve("intake-log.csv");

        Main.main(new String[] {"intake", inbox.toString(), "--into", work.resolve("submissions").toString(),
            "--log", log.toString(), "--roster", roster.toString()});

        assertThat(work.resolve("submissions").resolve("2024001-张三").resolve("square.pth")).hasBinaryContent(new byte[] {1});
        assertThat(Files.readString(log, StandardCharsets.UTF_8)).contains("\"a.eml\",taken,\"2024001\"")
                .contains("\"b.eml\",held,\"2024001\",\"it claims student 2024001 (张三) but was sent from mallory@evil.example");
    }

    /**
     * Intake reads no assignment: -Dgrader.lang chooses its language. The reasons are the teacher's,
     * in Chinese; the header and the outcome words are for scripts and stay as they are.
     */
    @Test
    void graderLangGivesTheLogsReasonsInChinese() throws Exception {
        Path inbox = Files.createDirectories(work.resolve("inbox"));
        Emails.email().from("zhangsan@example.edu").subject("作业 2024001").attach("square.pth", new byte[] {1})
                .writeTo(inbox.resolve("a.eml"));
        Files.writeString(inbox.resolve("notes.txt"), "hello", StandardCharsets.UTF_8);
        Path log = work.resolve("reports").resolve("intake-log.csv");
        System.setProperty(Language.PROPERTY, "zh-CN");

        Main.main(new String[] {"intake", inbox.toString(), "--into", work.resolve("submissions").toString(),
            "--log", log.toString()});

        assertThat(Files.readString(log, StandardCharsets.UTF_8)).startsWith("\uFEFFsource,outcome,student_id,detail,submitted_at,time_source\r\n")
                .contains("\"a.eml\",taken,\"2024001\",\"1 个文件，放入 2024001-unnamed\"")
                .contains("\"notes.txt\",ignored,\"\",\"既不是 .zip 也不是 .eml 文件\"");
    }
}
