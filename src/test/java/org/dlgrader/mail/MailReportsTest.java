package org.dlgrader.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.dlgrader.cli.Main;
import org.dlgrader.engine.EngineSettings;
import org.dlgrader.grading.Assignment;
import org.dlgrader.grading.Grader;
import org.dlgrader.grading.StudentResult;
import org.dlgrader.grading.Submissions;
import org.dlgrader.i18n.Language;
import org.dlgrader.i18n.Messages;
import org.dlgrader.i18n.RestoresLanguage;
import org.dlgrader.intake.Emails;
import org.dlgrader.intake.Impostor;
import org.dlgrader.intake.TestCertificates;
import org.dlgrader.model.LocalRunner;
import org.dlgrader.report.Reports;
import org.dlgrader.run.ClassRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dl-grader mail-reports} against GreenMail, a real SMTP server on the loopback address, with
 * the reports a real grading of the example class wrote (its linear exercise only: the quickest to
 * grade, and a page and points like any other). 2024001 has an address in the roster, 2024002 only
 * the one their homework came from, 2024003 none. The password comes from DL_GRADER_SMTP_PASSWORD,
 * which the build sets for the tests, as a teacher's shell would.
 */
@ExtendWith(RestoresLanguage.class)
class MailReportsTest {

    @RegisterExtension
    static final GreenMailExtension SERVER = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private static final boolean CERTIFICATE = TestCertificates.greenMailShowsServerCertificate();

    /** SMTPS with server.p12's certificate (for 127.0.0.1), which the client trusts only with --trust-cert. */
    @RegisterExtension
    static final GreenMailExtension SECURE = new GreenMailExtension(ServerSetupTest.SMTPS.dynamicPort());

    private static final String TEACHER = "teacher@school.example";

    @TempDir
    static Path graded;

    /** Each student's points as the grading gave them, written as the page writes them. */
    private static final Map<String, String> POINTS = new HashMap<>();

    @TempDir
    Path work;

    private Path reports;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;

    @BeforeAll
    static void gradeTheExampleClassOnce() throws Exception {
        EngineSettings.applyDefaults();
        Assignment assignment = Assignment.load(Assignment.DEFAULT).only("linear");
        List<StudentResult> results;
        try (Grader grader = new Grader(assignment, new LocalRunner(), null)) {
            results = ClassRun.grade(grader, Submissions.discover(Path.of("submissions")).students(), 2,
                    new Reports(graded.resolve("reports"), assignment));
        }
        for (StudentResult result : results) {
            double p = result.points();
            POINTS.put(result.submission().studentId(), p == Math.rint(p) ? Long.toString((long) p) : String.format(Locale.ROOT, "%.2f", p));
        }
        Messages.use(Language.EN);
    }

    @BeforeEach
    void aClassToMail() throws Exception {
        reports = work.resolve("reports");
        copy(graded.resolve("reports"), reports);
        Files.writeString(work.resolve("roster.csv"), "id,name,email\n2024001,张三,zhangsan@example.edu\n2024002,李四,\n",
                StandardCharsets.UTF_8);
        Files.writeString(reports.resolve("intake-senders.tsv"), "# written by intake\n2024002\tlisi@example.edu\n", StandardCharsets.UTF_8);
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(System.getenv(SmtpPassword.VARIABLE)).as("the build sets " + SmtpPassword.VARIABLE + " for the tests").isNotEmpty();
        SERVER.setUser(TEACHER, TEACHER, System.getenv(SmtpPassword.VARIABLE));
        SECURE.setUser(TEACHER, TEACHER, System.getenv(SmtpPassword.VARIABLE));
    }

    @AfterEach
    void restoreConsole() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    private String url() {
        return "smtp://" + TEACHER + "@127.0.0.1:" + SERVER.getSmtp().getPort();
    }

    private int mailReports(String... more) {
        return mailReportsThrough(url(), more);
    }

    private int mailReportsThrough(String url, String... more) {
        List<String> args = new ArrayList<>(List.of("mail-reports", "--smtp", url, "--reports", reports.toString(),
                "--roster", work.resolve("roster.csv").toString()));
        args.addAll(List.of(more));
        return Main.run(args.toArray(String[]::new));
    }

    @Test
    void eachStudentGetsTheirOwnPageOnceAndARerunSendsNothing() throws Exception {
        assertThat(mailReports("--send")).as(err.toString(StandardCharsets.UTF_8)).isZero();

        MimeMessage[] received = SERVER.getReceivedMessages();
        assertThat(received).hasSize(2);
        MimeMessage zhang = to("zhangsan@example.edu");
        InternetAddress recipient = (InternetAddress) zhang.getRecipients(Message.RecipientType.TO)[0];
        assertThat(recipient.getPersonal()).isEqualTo("张三");
        assertThat(zhang.getFrom()[0].toString()).isEqualTo(TEACHER);
        assertThat(zhang.getSubject()).isEqualTo("Lesson 04: deep learning basics: your report, " + POINTS.get("2024001") + " / 10 points");
        assertThat(text(zhang)).startsWith("Hello 张三,").contains("has been graded: " + POINTS.get("2024001") + " of 10 points");
        assertThat(attachment(zhang, "report-2024001.html")).isEqualTo(Files.readAllBytes(reports.resolve("2024001/index.html")));
        MimeMessage li = to("lisi@example.edu");
        assertThat(text(li)).startsWith("Hello 李四,").contains(POINTS.get("2024002") + " of 10 points");
        assertThat(attachment(li, "report-2024002.html")).isEqualTo(Files.readAllBytes(reports.resolve("2024002/index.html")));

        String console = out.toString(StandardCharsets.UTF_8);
        assertThat(console).containsPattern("no-address +2024003").contains("No address for: 2024003")
                .contains("2 report(s) sent, 0 unchanged since they were sent, 1 without an address, 0 failed");
        List<String> log = Files.readAllLines(reports.resolve("mail-sent.tsv"));
        assertThat(log).hasSize(4).first().isEqualTo("student_id\taddress\tsha256\tmessage_id\ttime\toutcome");
        assertThat(log.get(1)).startsWith("2024001\tzhangsan@example.edu\t").contains("\t" + zhang.getMessageID() + "\t").endsWith("\tsent");
        assertThat(log.get(3)).startsWith("2024003\t\t\t\t").endsWith("\tno-address");

        out.reset();
        assertThat(mailReports("--send")).isZero();
        assertThat(SERVER.getReceivedMessages()).hasSize(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).containsPattern("unchanged +2024001").containsPattern("unchanged +2024002")
                .contains("0 report(s) sent, 2 unchanged since they were sent, 1 without an address");
    }

    @Test
    void aChangedPageIsSentAgainAndOnlyIt() throws Exception {
        assertThat(mailReports("--send")).isZero();
        Path page = reports.resolve("2024002/index.html");
        Files.writeString(page, Files.readString(page, StandardCharsets.UTF_8).replace("</body>", "<p>regraded</p></body>"),
                StandardCharsets.UTF_8);

        assertThat(mailReports("--send")).isZero();

        MimeMessage[] received = SERVER.getReceivedMessages();
        assertThat(received).hasSize(3);
        assertThat(((InternetAddress) received[2].getRecipients(Message.RecipientType.TO)[0]).getAddress()).isEqualTo("lisi@example.edu");
        assertThat(new String(attachment(received[2], "report-2024002.html"), StandardCharsets.UTF_8)).contains("<p>regraded</p>");
    }

    /** The default is a dry run: real .eml files the teacher can open, in the class's language, and nothing sent or recorded. */
    @Test
    void aDryRunWritesMessagesAMailProgramReadsAndSendsNothing() throws Exception {
        System.setProperty(Language.PROPERTY, "zh-CN");

        assertThat(mailReports()).as(err.toString(StandardCharsets.UTF_8)).isZero();

        assertThat(SERVER.getReceivedMessages()).isEmpty();
        assertThat(reports.resolve("mail-sent.tsv")).doesNotExist();
        Path outbox = reports.resolve("outbox");
        try (Stream<Path> files = Files.list(outbox)) {
            assertThat(files.map(f -> f.getFileName().toString()).sorted()).containsExactly("2024001.eml", "2024002.eml");
        }
        MimeMessage zhang;
        try (InputStream in = Files.newInputStream(outbox.resolve("2024001.eml"))) {
            zhang = new MimeMessage(Session.getInstance(new Properties()), in);
            assertThat(zhang.getSubject()).isEqualTo("第四课：深度学习入门：你的成绩报告，" + POINTS.get("2024001") + " / 10 分");
            InternetAddress to = (InternetAddress) zhang.getRecipients(Message.RecipientType.TO)[0];
            assertThat(to.getPersonal()).isEqualTo("张三");
            assertThat(to.getAddress()).isEqualTo("zhangsan@example.edu");
            assertThat(zhang.getMessageID()).endsWith("@school.example>");
            assertThat(text(zhang)).startsWith("张三 同学你好：").contains("已经评分：" + POINTS.get("2024001") + " / 10 分");
            assertThat(attachment(zhang, "report-2024001.html")).isEqualTo(Files.readAllBytes(reports.resolve("2024001/index.html")));
        }
        // Headers in ASCII, as RFC 5322 wants them: the Chinese is encoded, not raw bytes.
        String head = Files.readString(outbox.resolve("2024001.eml"), StandardCharsets.ISO_8859_1).split("\r\n\r\n", 2)[0];
        assertThat(head).matches("\\p{ASCII}*").contains("Subject: =?UTF-8?");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("试运行：2 封邮件已写入").contains("没有地址的学生：2024003");
    }

    @Test
    void aWrongPasswordIsSaidWithWhatToDo() throws Exception {
        SERVER.setUser(TEACHER, TEACHER, "not-the-password-the-teacher-set");

        assertThat(mailReports("--send")).isEqualTo(2);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("The SMTP server 127.0.0.1:" + SERVER.getSmtp().getPort()
                + " refused the login of " + TEACHER).contains("授权码").contains("DL_GRADER_SMTP_PASSWORD").contains("Nothing was sent.");
        assertThat(SERVER.getReceivedMessages()).isEmpty();
        assertThat(reports.resolve("mail-sent.tsv")).doesNotExist();
    }

    @Test
    void aClosedPortIsNamed() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }

        int status = Main.run("mail-reports", "--smtp", "smtp://" + TEACHER + "@127.0.0.1:" + closed, "--reports", reports.toString(),
                "--roster", work.resolve("roster.csv").toString(), "--send", "--smtp-timeout", "5");

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Cannot send mail through the SMTP server 127.0.0.1:" + closed)
                .contains("ConnectException").contains("smtp.qq.com:465");
    }

    @Test
    void plainSmtpToAnotherComputerAndAnAddressThatIsNoneAreRefused() {
        assertThat(Main.run("mail-reports", "--smtp", "smtp://12345@qq.com@smtp.qq.com", "--reports", reports.toString())).isEqualTo(2);
        assertThat(Main.run("mail-reports", "--smtp", "smtps://smtp.qq.com:465", "--reports", reports.toString())).isEqualTo(2);
        assertThat(Main.run("mail-reports", "--smtp", "smtps://12345@qq.com@smtp.qq.com:smtp", "--reports", reports.toString())).isEqualTo(2);

        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("smtp:// sends the password unencrypted and is allowed only for a server on this computer")
                .contains("not smtp.qq.com").contains("smtps://12345@qq.com@smtp.qq.com:465")
                .contains("smtps://smtp.qq.com:465 is not an SMTP address: write smtps://USER@HOST[:PORT]")
                .contains("smtps://12345@qq.com@smtp.qq.com:smtp is not an SMTP address");
        assertThat(reports.resolve("outbox")).doesNotExist();
    }

    /**
     * Without a roster, intake takes a student's identity from the subject. A classmate who sends an
     * email as "作业 2024001 张三" after 张三's own must not get 张三's page (grades and name), and an
     * address that once claimed a number keeps 2024001 from being mailed at all, until the teacher
     * decides.
     */
    @Test
    void aClassmateWhoClaimsAnotherStudentsNumberGetsNoPageAndTheTeacherIsTold() throws Exception {
        Files.delete(reports.resolve("intake-senders.tsv"));
        Path inbox = Files.createDirectories(work.resolve("inbox"));
        eml(Emails.email().from("张三 <zhangsan@example.edu>").subject("作业 2024001 张三").receivedAt(Instant.parse("2026-11-26T09:00:00Z"))
                .attach("linear.pth", new byte[] {1}), inbox.resolve("a.eml"));
        eml(Emails.email().from("张三 <b@example.edu>").subject("作业 2024001 张三").receivedAt(Instant.parse("2026-11-26T10:00:00Z"))
                .attach("linear.pth", new byte[] {2}), inbox.resolve("b.eml"));
        eml(Emails.email().from("李四 <lisi@example.edu>").subject("作业 2024002 李四").receivedAt(Instant.parse("2026-11-26T09:30:00Z"))
                .attach("linear.pth", new byte[] {3}), inbox.resolve("c.eml"));
        assertThat(intake(inbox)).isZero();

        assertThat(mailReportsWithoutRoster("--send")).as(err.toString(StandardCharsets.UTF_8)).isZero();

        assertThat(SERVER.getReceivedMessages()).hasSize(1);
        assertThat(text(to("lisi@example.edu"))).startsWith("Hello 李四,");
        String console = out.toString(StandardCharsets.UTF_8);
        assertThat(console).containsPattern("addresses-disagree +2024001")
                .contains("addresses disagree: b@example.edu, zhangsan@example.edu")
                .contains("roster.csv or --roster FILE")
                .contains("Not sent, addresses disagree for: 2024001")
                .containsPattern("no-address +2024003")
                .contains("1 report(s) sent, 0 unchanged since they were sent, 1 without an address, 0 failed");
        List<String> log = Files.readAllLines(reports.resolve("mail-sent.tsv"));
        assertThat(log).anySatisfy(row -> assertThat(row).startsWith("2024001\tb@example.edu, zhangsan@example.edu\t")
                .endsWith("\taddresses-disagree"));

        // A rerun does not send it either: the record of what was sent does not count it as sent.
        out.reset();
        assertThat(mailReportsWithoutRoster("--send")).isZero();
        assertThat(SERVER.getReceivedMessages()).hasSize(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).containsPattern("addresses-disagree +2024001");

        // The roster decides: its address is the one trusted, whoever else claimed the number.
        out.reset();
        assertThat(mailReports("--send")).isZero();
        assertThat(SERVER.getReceivedMessages()).hasSize(2);
        assertThat(text(to("zhangsan@example.edu"))).startsWith("Hello 张三,");
        assertThat(SERVER.getReceivedMessages()).noneMatch(m -> recipientIs(m, "b@example.edu"));
    }

    /**
     * The student's own email last, in a later run, does not make an earlier claim by another address
     * go away; an address that is not one plain address (a group of several, none with an @) is never
     * used. Said in the class's language.
     */
    @Test
    void anEarlierClaimAndOddAddressesStopTheMailInChinese() throws Exception {
        System.setProperty(Language.PROPERTY, "zh-CN");
        Files.delete(reports.resolve("intake-senders.tsv"));
        Path first = Files.createDirectories(work.resolve("first"));
        eml(Emails.email().from("张三 <b@example.edu>").subject("作业 2024001 张三").receivedAt(Instant.parse("2026-11-26T09:00:00Z"))
                .attach("linear.pth", new byte[] {1}), first.resolve("b.eml"));
        eml(Emails.email().from("同学们: lisi@example.edu, b@example.edu;").subject("作业 2024002 李四")
                .receivedAt(Instant.parse("2026-11-26T09:00:00Z")).attach("linear.pth", new byte[] {2}), first.resolve("group.eml"));
        eml(Emails.email().from("wangxiaoming").subject("作业 2024003 王小明").receivedAt(Instant.parse("2026-11-26T09:00:00Z"))
                .attach("linear.pt", new byte[] {3}), first.resolve("noat.eml"));
        assertThat(intake(first)).isZero();
        Path second = Files.createDirectories(work.resolve("second"));
        eml(Emails.email().from("张三 <zhangsan@example.edu>").subject("作业 2024001 张三").receivedAt(Instant.parse("2026-11-27T09:00:00Z"))
                .attach("linear.pth", new byte[] {4}), second.resolve("a.eml"));
        assertThat(intake(second)).isZero();
        assertThat(Files.readString(reports.resolve("intake-senders.tsv"), StandardCharsets.UTF_8))
                .contains("2024001\tb@example.edu").contains("2024001\tzhangsan@example.edu")
                .doesNotContain("2024002").doesNotContain("2024003");

        assertThat(mailReportsWithoutRoster()).as(err.toString(StandardCharsets.UTF_8)).isZero();

        assertThat(reports.resolve("outbox")).satisfiesAnyOf(o -> assertThat(o).doesNotExist(), o -> assertThat(o).isEmptyDirectory());
        assertThat(out.toString(StandardCharsets.UTF_8)).containsPattern("addresses-disagree +2024001")
                .contains("地址不一致：b@example.edu, zhangsan@example.edu").contains("花名册")
                .contains("地址不一致、未发送：2024001").contains("没有地址的学生：2024002, 2024003");
    }

    /** A roster address a mail program would read as something else is not tried: the teacher is told to correct it. */
    @Test
    void anOddRosterAddressIsNotUsed() throws Exception {
        Files.writeString(work.resolve("roster.csv"), "id,name,email\n2024001,张三,\"<zhangsan@example.edu>\"\n2024002,李四,lisi(at)example.edu\n",
                StandardCharsets.UTF_8);

        assertThat(mailReports("--send")).as("a failed student, as for a server's refusal").isEqualTo(1);

        assertThat(SERVER.getReceivedMessages()).isEmpty();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("<zhangsan@example.edu> is not an email address (not one plain address): correct it in the roster.")
                .contains("lisi(at)example.edu is not an email address (not one plain address)");
    }

    private int intake(Path inbox) {
        return Main.run("intake", inbox.toString(), "--into", work.resolve("submissions").toString(),
                "--log", reports.resolve("intake-log.csv").toString());
    }

    private int mailReportsWithoutRoster(String... more) {
        List<String> args = new ArrayList<>(List.of("mail-reports", "--smtp", url(), "--reports", reports.toString()));
        args.addAll(List.of(more));
        return Main.run(args.toArray(String[]::new));
    }

    private static void eml(Emails email, Path file) throws Exception {
        try (var stream = Files.newOutputStream(file)) {
            email.message().writeTo(stream);
        }
    }

    private static boolean recipientIs(MimeMessage message, String address) {
        try {
            return ((InternetAddress) message.getRecipients(Message.RecipientType.TO)[0]).getAddress().equals(address);
        } catch (jakarta.mail.MessagingException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void overSmtpsWithTheServersCertificateGivenTheReportsAreDelivered() throws Exception {
        TestCertificates.assertGreenMailShowsServerCertificate();

        assertThat(mailReportsThrough("smtps://" + TEACHER + "@127.0.0.1:" + SECURE.getSmtps().getPort(),
                "--trust-cert", TestCertificates.file("server.pem").toString(), "--send")).as(err.toString(StandardCharsets.UTF_8)).isZero();

        assertThat(SECURE.getReceivedMessages()).hasSize(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("2 report(s) sent");
    }

    /** The attack, said in Chinese: a certificate the client trusts, but for mail.example.com, at 127.0.0.1. */
    @Test
    void anImpostorOverSmtpsWithACertificateForAnotherHostNeverHearsThePassword() throws Exception {
        System.setProperty(Language.PROPERTY, "zh-CN");
        try (Impostor impostor = new Impostor(TestCertificates.file("elsewhere.p12"), SERVER.getSmtp().getPort())) {
            assertThat(mailReportsThrough("smtps://" + TEACHER + "@127.0.0.1:" + impostor.port(),
                    "--trust-cert", TestCertificates.file("elsewhere.pem").toString(), "--send")).isEqualTo(2);

            assertThat(impostor.heard()).as("bytes the client sent the impostor").isZero();
            String said = err.toString(StandardCharsets.UTF_8);
            said = said.substring(said.indexOf("dl-grader mail-reports: "));
            assertThat(said).contains("127.0.0.1:" + impostor.port() + " 处的服务器出示的证书不属于 127.0.0.1")
                    .contains("没有向它发送任何内容，包括密码").contains("没有发送任何邮件。");
            assertThat(said.strip().lines()).as("one sentence, no Java stack trace").hasSize(1);
        }
        assertThat(SERVER.getReceivedMessages()).isEmpty();
        assertThat(reports.resolve("mail-sent.tsv")).doesNotExist();
    }

    @Test
    void overSmtpsACertificateNoOneVouchesForIsRefused() {
        int port = SECURE.getSmtps().getPort();

        assertThat(mailReportsThrough("smtps://" + TEACHER + "@127.0.0.1:" + port, "--send")).isEqualTo(2);

        String said = err.toString(StandardCharsets.UTF_8);
        assertThat(said.substring(said.indexOf("dl-grader mail-reports: "))).contains("The certificate of the server 127.0.0.1:" + port
                + " could not be verified").contains("--trust-cert FILE").contains("Nothing was sent.");
        assertThat(SECURE.getReceivedMessages()).isEmpty();
    }

    private static MimeMessage to(String address) throws Exception {
        for (MimeMessage message : SERVER.getReceivedMessages()) {
            if (((InternetAddress) message.getRecipients(Message.RecipientType.TO)[0]).getAddress().equals(address)) {
                return message;
            }
        }
        throw new AssertionError("no message to " + address);
    }

    private static String text(MimeMessage message) throws Exception {
        Multipart parts = (Multipart) message.getContent();
        assertThat(parts.getBodyPart(0).isMimeType("text/plain")).isTrue();
        return (String) parts.getBodyPart(0).getContent();
    }

    private static byte[] attachment(MimeMessage message, String name) throws Exception {
        Multipart parts = (Multipart) message.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        Part page = parts.getBodyPart(1);
        assertThat(page.getDisposition()).isEqualTo(Part.ATTACHMENT);
        assertThat(page.getFileName()).isEqualTo(name);
        assertThat(page.isMimeType("text/html")).isTrue();
        try (InputStream in = page.getInputStream()) {
            return in.readAllBytes();
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
