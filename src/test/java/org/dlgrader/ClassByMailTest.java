package org.dlgrader;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.dlgrader.cli.Main;
import org.dlgrader.grading.ManualGrades;
import org.dlgrader.intake.Emails;
import org.dlgrader.intake.ImapPassword;
import org.dlgrader.mail.SmtpPassword;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15's whole road, as a teacher walks it: a class that exists only as messages in an IMAP
 * folder is taken with {@code intake --imap}, graded by the run {@code mvn verify
 * -Dgrader.failBuild=false} makes ({@link GradeSubmissionsIT}, with the system properties failsafe
 * passes it), and mailed back with {@code mail-reports --send}. GreenMail is the school's mail server
 * on the loopback address, IMAP and SMTP: students' homework reaches the teacher's folder through
 * its SMTP, as a student's mail program sends it, so the server stamps each message with when it
 * received it.
 *
 * <p>GreenMail writes its {@code Received:} line with Java's {@code Date.toString()}, which no mail
 * date parser reads; what it does keep is IMAP's INTERNALDATE, when it stored the message. The
 * deadline falls between the two students' messages, by that clock. 李四's mail program claims a
 * {@code Date:} an hour before the deadline: the server's time, not the sender's, must decide.
 */
@Tag("slow")
class ClassByMailTest {

    @RegisterExtension
    static final GreenMailExtension SERVER = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));

    private static final String TEACHER = "teacher@school.example";
    private static final Path EXAMPLE = Path.of("submissions");
    /** The properties the pom's failsafe configuration passes to the grading run, and ours for them. */
    private static final List<String> RUN_PROPERTIES = List.of("submission", "grader.reports", "grader.assignment",
            ManualGrades.PROPERTY, "grader.errorsFile", "grader.verdictFile", "grader.shard", "exercise");
    private static final Pattern DATA_PNG = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"");

    @TempDir
    Path work;

    private GreenMailUser teacher;
    private final Map<String, String> before = new HashMap<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private PrintStream originalOut;

    @BeforeEach
    void theTeachersMailbox() {
        teacher = SERVER.setUser(TEACHER, "teacher", System.getenv(ImapPassword.VARIABLE));
        RUN_PROPERTIES.forEach(p -> before.put(p, System.getProperty(p)));
        originalOut = System.out;
    }

    @AfterEach
    void restore() {
        System.setOut(originalOut);
        before.forEach((p, v) -> {
            if (v == null) {
                System.clearProperty(p);
            } else {
                System.setProperty(p, v);
            }
        });
    }

    @Test
    void aClassInAMailboxIsTakenGradedMarkedLateAndMailedBackOnce() throws Exception {
        // 张三 hands in on time: both models and a screenshot, the subject in GBK as QQ Mail writes it.
        Path zhang = EXAMPLE.resolve("2024001-张三");
        send(Emails.email().from("张三 <zhangsan@example.edu>").subject("作业 2024001 张三").subjectIn("GBK").date(Instant.now())
                .attach("linear.pth", Files.readAllBytes(zhang.resolve("linear.pth")))
                .attach("square.pth", Files.readAllBytes(zhang.resolve("square.pth")))
                .attach("screenshot-quickstart.png", Files.readAllBytes(zhang.resolve("screenshot-quickstart.png"))).message());
        // IMAP's INTERNALDATE has whole seconds: the deadline is a whole second after 张三's and before 李四's.
        Instant deadline = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), deadline.plusMillis(1100)).toMillis()));
        // 李四 hands in after it, a zip named with the student number, and a mail program that claims an earlier Date.
        Path li = EXAMPLE.resolve("2024002-李四");
        send(Emails.email().from("李四 <lisi@example.edu>").subject("李四的作业").subjectIn("UTF-8").date(deadline.minus(Duration.ofHours(1)))
                .attach("2024002-李四.zip", Emails.zip(Map.of("hw/linear.pth", Files.readAllBytes(li.resolve("linear.pth")),
                        "hw/square.pth", Files.readAllBytes(li.resolve("square.pth"))))).message());
        Instant sent = Instant.now();

        // 1. intake --imap
        Path submissions = work.resolve("submissions");
        Path reports = work.resolve("reports");
        assertThat(Main.run("intake", "--imap", "imap://teacher@127.0.0.1:" + SERVER.getImap().getPort() + "/INBOX",
                "--into", submissions.toString(), "--log", reports.resolve("intake-log.csv").toString())).isZero();
        String intakeLog = Files.readString(reports.resolve("intake-log.csv"), StandardCharsets.UTF_8);
        assertThat(intakeLog).contains("\"INBOX UID 1\",taken,\"2024001\",\"3 file(s) into 2024001-张三\"")
                .contains("\"INBOX UID 2\",taken,\"2024002\",\"2 file(s) into 2024002-李四\"");
        assertThat(submissions.resolve("2024001-张三/screenshot-quickstart.png")).exists();
        // 王小明 handed in on a USB stick: the teacher copied the folder by hand (cp -p kept its time), so no address is known.
        Path wang = Files.createDirectories(submissions.resolve("2024003-王小明"));
        Files.copy(EXAMPLE.resolve("2024003-王 小明/linear.pt"), wang.resolve("linear.pt"));
        Files.setLastModifiedTime(wang.resolve("linear.pt"), FileTime.from(deadline.minus(Duration.ofDays(1))));

        // 2. The grading run of mvn verify -Dgrader.failBuild=false, with the teacher's deadline, late policy and manual points.
        String zone = "+08:00";
        Path assignment = Files.writeString(work.resolve("assignment.json"), ASSIGNMENT.replace("DEADLINE",
                deadline.atOffset(ZoneOffset.of(zone)).toString()), StandardCharsets.UTF_8);
        Path manual = Files.writeString(work.resolve("grades-manual.csv"),
                "\uFEFFstudent_id,exercise,points,comment\r\n2024001,screenshots,9,截图齐全\r\n2024002,screenshots,8,\"少一张, 训练输出\"\r\n",
                StandardCharsets.UTF_8);
        Path errors = work.resolve("target/grader-errors.txt");
        System.setProperty("submission", submissions.toString());
        System.setProperty("grader.reports", reports.toString());
        System.setProperty("grader.assignment", assignment.toString());
        System.setProperty(ManualGrades.PROPERTY, manual.toString());
        System.setProperty("grader.errorsFile", errors.toString());
        System.setProperty("grader.verdictFile", work.resolve("target/self-check-verdict.txt").toString());
        System.clearProperty("grader.shard");
        System.clearProperty("exercise");
        long gradingStarted = System.nanoTime();
        List<DynamicNode> students = new GradeSubmissionsIT().grade().toList();
        double gradingSeconds = (System.nanoTime() - gradingStarted) / 1e9;
        assertThat(errors).as("no grader error").doesNotExist();
        assertThat(students).hasSize(3).allMatch(node -> node instanceof DynamicContainer);

        // Late work, by the policy: 李四 is one day late (a second counts as a day begun), 10 % off.
        JsonNode zhangResults = json(reports.resolve("2024001/results.json"));
        JsonNode liResults = json(reports.resolve("2024002/results.json"));
        assertThat(zhangResults.get("days_late").asLong()).isZero();
        assertThat(zhangResults.get("time_source").asText()).isEqualTo("received");
        assertThat(liResults.get("time_source").asText()).as("the server's time, not the sender's Date").isEqualTo("received");
        Instant liTime = OffsetDateTime.parse(liResults.get("submitted_at").asText()).toInstant();
        Instant zhangTime = OffsetDateTime.parse(zhangResults.get("submitted_at").asText()).toInstant();
        assertThat(liTime).isAfter(deadline).isBeforeOrEqualTo(sent);
        assertThat(zhangTime).isBefore(deadline);
        assertThat(liResults.get("submitted_at").asText()).endsWith(zone);
        assertThat(liResults.get("days_late").asLong()).isEqualTo(1);
        assertThat(liResults.get("late_penalty").asDouble()).isEqualTo(0.1);
        double liBefore = liResults.get("score_before_penalty").asDouble();
        double liAfter = liResults.get("score").asDouble();
        // Points are kept to two decimals, the penalty with them.
        assertThat(liAfter).isCloseTo(liBefore * 0.9, org.assertj.core.data.Offset.offset(0.005));
        assertThat(liBefore).as("李四's models and 8 manual points").isGreaterThan(8);
        String gradebook = Files.readString(reports.resolve("gradebook.csv"), StandardCharsets.UTF_8);
        assertThat(gradebook).startsWith("\uFEFFstudent_id,name,linear,square,screenshots,total,max_total,submitted_at,days_late,late_penalty\r\n");
        assertThat(row(gradebook, "2024001")).contains(",9," + number(zhangResults.get("score").asDouble()) + ",30,")
                .endsWith(",0,0");
        assertThat(row(gradebook, "2024002")).contains(",8," + number(liAfter) + ",30," + liResults.get("submitted_at").asText() + ",1,0.10");
        assertThat(row(gradebook, "2024003")).contains(",not graded yet,").endsWith(",0,0");
        String liPage = Files.readString(reports.resolve("2024002/index.html"), StandardCharsets.UTF_8);
        assertThat(liPage).contains("(received by the mail server).")
                .contains("1 day(s) late: 10% of the points taken off, " + number(liBefore) + " before and " + number(liAfter) + " after.");

        // The hand-in guide the run wrote tells the next class the same rules.
        assertThat(Files.readString(reports.resolve("handin.html"), StandardCharsets.UTF_8))
                .contains("takes 10% off your points, at most 50%.");

        // The screenshot, on 张三's page: a thumbnail that decodes, and the picture full size.
        String zhangPage = Files.readString(reports.resolve("2024001/index.html"), StandardCharsets.UTF_8);
        assertThat(zhangPage).contains("id=\"handed-in\"").contains("screenshot-quickstart.png");
        // Every file there: no "none" in red, not even for the exercise graded by hand, which has no file.
        assertThat(zhangPage).doesNotContain("<span class=\"fail\">none</span>").contains("<span class=\"muted\">graded by hand</span>");
        BufferedImage original = ImageIO.read(zhang.resolve("screenshot-quickstart.png").toFile());
        List<BufferedImage> pictures = new ArrayList<>();
        Matcher m = DATA_PNG.matcher(zhangPage.substring(zhangPage.indexOf("id=\"handed-in\"")));
        while (m.find()) {
            pictures.add(ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.group(1)))));
        }
        assertThat(pictures).as("thumbnail and full size").hasSize(2).doesNotContainNull();
        assertThat(pictures).anySatisfy(p -> assertThat(p.getWidth()).isLessThan(original.getWidth()));

        // 3. mail-reports --send, through the same server's SMTP: one message each, with their own page.
        teacher.setPassword(System.getenv(SmtpPassword.VARIABLE));
        int homework = SERVER.getReceivedMessages().length;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(mailReports(reports, assignment)).as(out.toString(StandardCharsets.UTF_8)).isZero();
        List<MimeMessage> mailed = reportsSent(homework);
        assertThat(mailed).hasSize(2);
        assertThat(mailed).extracting(ClassByMailTest::recipient).containsExactlyInAnyOrder("zhangsan@example.edu", "lisi@example.edu");
        for (MimeMessage message : mailed) {
            String id = recipient(message).startsWith("zhangsan") ? "2024001" : "2024002";
            assertThat(attachment(message, "report-" + id + ".html")).isEqualTo(Files.readAllBytes(reports.resolve(id + "/index.html")));
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("No address for: 2024003")
                .contains("2 report(s) sent, 0 unchanged since they were sent, 1 without an address, 0 failed");

        out.reset();
        assertThat(mailReports(reports, assignment)).isZero();
        assertThat(reportsSent(homework)).as("a rerun sends nothing").hasSize(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("0 report(s) sent, 2 unchanged since they were sent");
        System.setOut(originalOut);
        // For a person to look at: the pages as mailed, the gradebook and the logs of this run.
        Path kept = Files.createDirectories(Path.of("target/class-by-mail"));
        for (String name : List.of("2024001/index.html", "2024002/index.html", "2024003/index.html", "gradebook.csv", "intake-log.csv",
                "mail-sent.tsv", "intake-senders.tsv", "handin.html")) {
            Files.copy(reports.resolve(name), kept.resolve(name.replace('/', '-')), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        System.out.printf(Locale.ROOT, "class by mail: deadline %s; 张三 received %s, 李四 %s (Date header claimed %s); "
                + "李四 %.2f before, %.2f after; 张三 %.2f; grading %.1f s%n", deadline, zhangTime, liTime,
                deadline.minus(Duration.ofHours(1)), liBefore, liAfter, zhangResults.get("score").asDouble(),
                gradingSeconds);
    }

    private static final String ASSIGNMENT = """
            {
              "title": {"zh-CN": "第四课：深度学习入门", "en": "Lesson 04: deep learning basics"},
              "seed": 20261129,
              "limits": {"isolate": false},
              "testSetChecks": {"trainingSample": 0, "privateSample": 0},
              "deadline": "DEADLINE",
              "late": {"penaltyPerDay": 0.1, "maxPenalty": 0.5},
              "exercises": [
                {"id": "linear", "title": {"zh-CN": "线性回归 y = 5x + 7", "en": "Linear regression y = 5x + 7"},
                 "files": ["linear.pt", "linear.pth"], "task": "linear",
                 "checks": [
                   {"name": {"zh-CN": "权重 w", "en": "weight w"}, "metric": "w", "points": 5, "target": 5.0, "tolerance": 0.15, "partialTolerance": 1.0},
                   {"name": {"zh-CN": "偏置 b", "en": "bias b"}, "metric": "b", "points": 5, "target": 7.0, "tolerance": 0.15, "partialTolerance": 1.0}
                 ]},
                {"id": "square", "title": {"zh-CN": "作业：用 MLP 拟合 y = x1² + x2²", "en": "Homework: MLP for y = x1² + x2²"},
                 "files": ["square.pt", "square.pth"], "task": "square",
                 "checks": [
                   {"name": {"zh-CN": "测试集 MSE", "en": "test MSE"}, "metric": "mse", "points": 10, "atMost": 0.001, "partialUpTo": 0.05}
                 ]},
                {"id": "screenshots", "title": {"zh-CN": "运行本课代码的截图", "en": "Screenshots of the lesson's code running"},
                 "manual": true, "points": 10}
              ]
            }
            """;

    /** As a student's mail program sends it: to the teacher, through the school's SMTP server, Date and all as written. */
    private static void send(MimeMessage message) throws Exception {
        Properties properties = new Properties();
        try (Transport transport = Session.getInstance(properties).getTransport("smtp")) {
            transport.connect("127.0.0.1", SERVER.getSmtp().getPort(), null, null);
            // sendMessage, not Transport.send: the latter would stamp a Date of its own over the one the test gives.
            transport.sendMessage(message, message.getAllRecipients());
        }
    }

    private static int mailReports(Path reports, Path assignment) {
        // One account for both commands, as QQ Mail's: its login is "teacher", its address the sender's.
        return Main.run("mail-reports", "--smtp", "smtp://teacher@127.0.0.1:" + SERVER.getSmtp().getPort(), "--from", TEACHER, "--send",
                "--reports", reports.toString(), "--assignment", assignment.toString());
    }

    /** The messages the server got after the students' homework: the reports. */
    private static List<MimeMessage> reportsSent(int homework) {
        MimeMessage[] all = SERVER.getReceivedMessages();
        return Arrays.asList(all).subList(homework, all.length);
    }

    private static String recipient(MimeMessage message) {
        try {
            return ((InternetAddress) message.getRecipients(Message.RecipientType.TO)[0]).getAddress();
        } catch (jakarta.mail.MessagingException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] attachment(MimeMessage message, String name) throws Exception {
        Multipart parts = (Multipart) message.getContent();
        Part page = parts.getBodyPart(1);
        assertThat(page.getDisposition()).isEqualTo(Part.ATTACHMENT);
        assertThat(page.getFileName()).isEqualTo(name);
        try (InputStream in = page.getInputStream()) {
            return in.readAllBytes();
        }
    }

    private static JsonNode json(Path file) throws Exception {
        return new ObjectMapper().readTree(file.toFile());
    }

    private static String row(String gradebook, String id) {
        return gradebook.lines().filter(l -> l.startsWith(id + ",")).findFirst().orElseThrow();
    }

    /** As the gradebook and the page write points: whole numbers bare, others with two decimals. */
    private static String number(double points) {
        return points == Math.rint(points) ? Long.toString((long) points) : String.format(Locale.ROOT, "%.2f", points);
    }
}
