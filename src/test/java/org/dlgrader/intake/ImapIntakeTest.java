package org.dlgrader.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.dlgrader.cli.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dl-grader intake --imap imap://USER@127.0.0.1:PORT/INBOX} against GreenMail, a real IMAP
 * server on the loopback address, with messages jakarta.mail writes. The password comes from
 * DL_GRADER_IMAP_PASSWORD, which the build sets for the tests, as a teacher's shell would.
 */
class ImapIntakeTest {

    @RegisterExtension
    static final GreenMailExtension SERVER = new GreenMailExtension(ServerSetupTest.IMAP.dynamicPort());

    @TempDir
    Path work;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalErr;
    private GreenMailUser teacher;

    @BeforeEach
    void mailbox() {
        originalErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(System.getenv(ImapPassword.VARIABLE)).as("the build sets " + ImapPassword.VARIABLE + " for the tests").isNotEmpty();
        teacher = SERVER.setUser("teacher@school.example", "teacher", System.getenv(ImapPassword.VARIABLE));
    }

    @AfterEach
    void restoreErrors() {
        System.setErr(originalErr);
    }

    private String url() {
        return "imap://teacher@127.0.0.1:" + SERVER.getImap().getPort() + "/INBOX";
    }

    private int intake(String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("intake", "--imap", url(), "--into", work.resolve("submissions").toString(),
                "--log", work.resolve("reports/intake-log.csv").toString()));
        args.addAll(List.of(more));
        return Main.run(args.toArray(String[]::new));
    }

    private String log() throws Exception {
        return Files.readString(work.resolve("reports/intake-log.csv"), StandardCharsets.UTF_8);
    }

    @Test
    void eachStudentsNewestIsTakenAndASecondRunTakesOnlyNewMail() throws Exception {
        teacher.deliver(Emails.email().from("张三 <zhangsan@example.edu>").subject("作业 2024001 张三").subjectIn("UTF-8")
                .receivedAt(Instant.parse("2026-11-26T09:00:00Z")).attach("square.pth", new byte[] {1, 2}).message());
        teacher.deliver(Emails.email().from("张三 <zhangsan@example.edu>").subject("作业 2024001 张三 第二版")
                .receivedAt(Instant.parse("2026-11-27T10:00:00Z")).attach("square.pth", new byte[] {3, 4}).message());
        teacher.deliver(Emails.email().from("李四 <lisi@example.edu>").subject("李四的作业")
                .receivedAt(Instant.parse("2026-11-26T11:00:00Z"))
                .attach("2024002-李四.zip", Emails.zip(Map.of("lisi/model.pth", new byte[] {5}, "lisi/train.py", "print(1)".getBytes()))).message());
        teacher.deliver(Emails.email().from("someone@example.edu").subject("作业").attach("model.pth", new byte[] {9}).message());

        assertThat(intake()).isZero();

        assertThat(work.resolve("submissions/2024001-张三/square.pth")).hasBinaryContent(new byte[] {3, 4});
        assertThat(work.resolve("submissions/2024002-李四/model.pth")).hasBinaryContent(new byte[] {5});
        assertThat(work.resolve("submissions/2024002-李四/train.py")).hasContent("print(1)");
        assertThat(log())
                .contains("\"INBOX UID 1\",superseded,\"2024001\",\"a newer submission (INBOX UID 2, received 2026-11-27T10:00:00Z)")
                .contains("\"INBOX UID 2\",taken,\"2024001\",\"1 file(s) into 2024001-张三\"")
                .contains("\"INBOX UID 3\",taken,\"2024002\",\"2 file(s) into 2024002-李四\"")
                .contains("\"INBOX UID 4\",refused,\"\",\"no student number in the attachment names, subject or sender\"");
        assertThat(Files.readAllLines(work.resolve("reports/imap-taken.tsv"))).hasSize(5);

        assertThat(intake()).isZero();
        assertThat(log()).isEqualTo("\uFEFFsource,outcome,student_id,detail,submitted_at,time_source\r\n");
        assertThat(work.resolve("submissions/2024001-张三/square.pth")).hasBinaryContent(new byte[] {3, 4});

        teacher.deliver(Emails.email().from("王五 <wangwu@example.edu>").subject("2024003 王五 作业").attach("m.pth", new byte[] {7}).message());
        assertThat(intake()).isZero();
        assertThat(log()).contains("\"INBOX UID 5\",taken,\"2024003\"").doesNotContain("UID 1").doesNotContain("UID 2");
        assertThat(work.resolve("submissions/2024003-王五/m.pth")).hasBinaryContent(new byte[] {7});
        assertThat(Files.readAllLines(work.resolve("reports/imap-taken.tsv"))).hasSize(6);
    }

    /** A stamp no one can read (GreenMail's own SMTP writes one): the server's date of the message counts, never the sender's Date. */
    @Test
    void theServersDateOfTheMessageBeatsTheDateTheSenderWrote() throws Exception {
        Instant stored = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        teacher.deliver(Emails.email().from("王五 <wangwu@example.edu>").subject("2024003 王五 作业").date(Instant.parse("2020-01-01T00:00:00Z"))
                .receivedRaw("from 127.0.0.1 (HELO student); Mon Nov 30 04:00:43 UTC 2026").attach("m.pth", new byte[] {7}).message());

        assertThat(intake()).isZero();

        String taken = log().lines().filter(l -> l.contains(",taken,")).findFirst().orElseThrow();
        assertThat(taken).endsWith(",received").doesNotContain("2020-01-01");
        Instant recorded = Instant.parse(taken.split(",")[taken.split(",").length - 2]);
        assertThat(recorded).isBetween(stored, Instant.now());
    }

    @Test
    void aMessageOverTheLimitIsRefusedAndNothingIsMarkedRead() throws Exception {
        byte[] large = new byte[3 << 20];
        new java.util.Random(1).nextBytes(large);
        teacher.deliver(Emails.email().subject("2024003 王五 作业").attach("big.pth", large).message());

        assertThat(intake("--max-mb", "1")).isZero();

        assertThat(log()).contains("\"INBOX UID 1\",refused,\"\",\"larger than 2 MB, so its attachments cannot fit in the 1 MB");
        assertThat(SERVER.getReceivedMessages()[0].getFlags().contains(jakarta.mail.Flags.Flag.SEEN)).as("marked read").isFalse();
    }

    @Test
    void sinceAsksTheServerForMailReceivedFromThatDay() throws Exception {
        teacher.deliver(Emails.email().from("王五 <wangwu@example.edu>").subject("2024003 王五 作业").attach("m.pth", new byte[] {7}).message());

        assertThat(intake("--since", "2999-01-01")).isZero();
        assertThat(log()).isEqualTo("\uFEFFsource,outcome,student_id,detail,submitted_at,time_source\r\n");
        assertThat(work.resolve("submissions")).doesNotExist();

        assertThat(intake("--since", "2000-01-01")).isZero();
        assertThat(log()).contains("\"INBOX UID 1\",taken,\"2024003\"");
    }

    @Test
    void aWrongPasswordSaysWhichServerAndWhatQqMailNeeds() throws Exception {
        teacher.setPassword("another-password");
        teacher.deliver(Emails.email().subject("2024003 王五 作业").attach("m.pth", new byte[] {7}).message());

        assertThat(intake()).isEqualTo(2);

        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("The IMAP server 127.0.0.1:" + SERVER.getImap().getPort() + " refused the login of teacher")
                .contains("authorization code (授权码)").contains("turn on the IMAP/SMTP service").contains("Nothing was taken.");
        assertThat(work.resolve("submissions")).doesNotExist();
        assertThat(work.resolve("reports/imap-taken.tsv")).doesNotExist();
    }

    @Test
    void anUnreachableServerIsNamed() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }

        int status = Main.run("intake", "--imap", "imap://teacher@127.0.0.1:" + closed + "/INBOX", "--into", work.resolve("submissions").toString(),
                "--log", work.resolve("reports/intake-log.csv").toString(), "--imap-timeout", "5");

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Cannot read mail from the IMAP server 127.0.0.1:" + closed)
                .contains("ConnectException").contains("imap.qq.com:993");
    }

    @Test
    void aMissingFolderIsNamed() {
        int status = Main.run("intake", "--imap", url().replace("/INBOX", "/作业"), "--into", work.resolve("submissions").toString(),
                "--log", work.resolve("reports/intake-log.csv").toString());

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("There is no folder 作业 on the IMAP server 127.0.0.1:");
    }

    @Test
    void plainImapIsRefusedForAServerElsewhere() {
        int status = Main.run("intake", "--imap", "imap://12345@qq.com@imap.qq.com/INBOX", "--into", work.resolve("submissions").toString());

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("imap:// sends the password unencrypted and is allowed only for a server on this computer")
                .contains("not imap.qq.com").contains("imaps://12345@qq.com@imap.qq.com:993/INBOX");
    }

    @Test
    void aBadSinceOrAddressIsSaid() {
        assertThat(intake("--since", "2026-13-45")).isEqualTo(2);
        assertThat(Main.run("intake", "--imap", "imaps://imap.qq.com/INBOX")).isEqualTo(2);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--since 2026-13-45 is not a date: write it as yyyy-MM-dd")
                .contains("imaps://imap.qq.com/INBOX is not an IMAP address: write imaps://USER@HOST[:PORT]/FOLDER");
    }

    @Test
    void theAddressOfQqMailIsRead() {
        ImapAddress qq = ImapAddress.parse("imaps://12345@qq.com@imap.qq.com/INBOX");

        assertThat(qq).isEqualTo(new ImapAddress(true, "12345@qq.com", "imap.qq.com", 993, "INBOX"));
        assertThat(ImapAddress.parse("imaps://12345%40qq.com@imap.qq.com:994/").folder()).isEqualTo("INBOX");
        assertThat(ImapAddress.parse("imap://t@localhost:3143/Homework").port()).isEqualTo(3143);
    }

    @Test
    void withoutThePasswordVariableNorATerminalItSaysHowToGiveOne() {
        ImapAddress qq = ImapAddress.parse("imaps://12345@qq.com@imap.qq.com/INBOX");

        assertThatThrownBy(() -> ImapPassword.from(Map.of(), null, qq)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("set the environment variable DL_GRADER_IMAP_PASSWORD")
                .hasMessageContaining("authorization code (授权码)").hasMessageContaining("imap.qq.com:993");
        assertThat(ImapPassword.from(Map.of("DL_GRADER_IMAP_PASSWORD", "abcd"), null, qq)).containsExactly('a', 'b', 'c', 'd');
    }

    /** Held for the teacher (the roster has another address): the next run, with the roster fixed, takes it. */
    @Test
    void aHeldMessageIsReadAgainOnceTheRosterIsFixed() throws Exception {
        teacher.deliver(Emails.email().from("张三 <zhangsan.home@example.com>").subject("作业 2024001 张三")
                .receivedAt(Instant.parse("2026-11-26T09:00:00Z")).attach("square.pth", new byte[] {1, 2}).message());
        Path roster = work.resolve("roster.csv");
        Files.writeString(roster, "id,name,email\n2024001,张三,zhangsan@example.edu\n", StandardCharsets.UTF_8);

        assertThat(intake("--roster", roster.toString())).isZero();
        assertThat(log()).contains(",held,\"2024001\",");
        assertThat(work.resolve("submissions/2024001-张三")).doesNotExist();

        Files.writeString(roster, "id,name,email\n2024001,张三,zhangsan@example.edu;zhangsan.home@example.com\n", StandardCharsets.UTF_8);
        assertThat(intake("--roster", roster.toString())).isZero();
        assertThat(log()).contains(",taken,\"2024001\",");
        assertThat(work.resolve("submissions/2024001-张三/square.pth")).hasBinaryContent(new byte[] {1, 2});
    }
}
