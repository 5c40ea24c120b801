package org.dlgrader.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dlgrader.cli.Main;
import org.dlgrader.i18n.Language;
import org.dlgrader.i18n.RestoresLanguage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code intake --imap imaps://…} against GreenMail's IMAPS on 127.0.0.1, whose certificate
 * (server.p12, for 127.0.0.1) no authority signed: trusted only with {@code --trust-cert}. And
 * against an {@link Impostor} on 127.0.0.1 with a certificate the client trusts but that is for
 * mail.example.com: the password must not reach it.
 */
@ExtendWith(RestoresLanguage.class)
class ImapsIntakeTest {

    private static final boolean CERTIFICATE = TestCertificates.greenMailShowsServerCertificate();

    @RegisterExtension
    static final GreenMailExtension SERVER = new GreenMailExtension(
            new ServerSetup[] {ServerSetupTest.IMAPS.dynamicPort(), ServerSetupTest.IMAP.dynamicPort()});

    @TempDir
    Path work;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;
    private GreenMailUser teacher;

    @BeforeEach
    void mailbox() throws Exception {
        TestCertificates.assertGreenMailShowsServerCertificate();
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        teacher = SERVER.setUser("teacher@school.example", "teacher", System.getenv(ImapPassword.VARIABLE));
        teacher.deliver(Emails.email().from("张三 <zhangsan@example.edu>").subject("作业 2024001 张三").subjectIn("UTF-8")
                .attach("square.pth", new byte[] {1, 2}).message());
    }

    @AfterEach
    void restoreConsole() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    private int intake(int port, String... more) {
        List<String> args = new ArrayList<>(List.of("intake", "--imap", "imaps://teacher@127.0.0.1:" + port + "/INBOX",
                "--into", work.resolve("submissions").toString(), "--log", work.resolve("reports/intake-log.csv").toString()));
        args.addAll(List.of(more));
        return Main.run(args.toArray(String[]::new));
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** What the command said: GreenMail's server thread may print its own trace of the refused handshake to the same stream. */
    private String said() {
        String all = errors();
        int start = all.indexOf("dl-grader intake: ");
        assertThat(start).as(all).isNotNegative();
        String said = all.substring(start);
        assertThat(said.strip().lines()).as("one sentence, no Java stack trace").hasSize(1);
        return said;
    }

    @Test
    void theServersOwnCertificateGivenWithTrustCertIsVerifiedAndMailIsTaken() throws Exception {
        assertThat(intake(SERVER.getImaps().getPort(), "--trust-cert", TestCertificates.file("server.pem").toString()))
                .as(errors()).isZero();

        assertThat(work.resolve("submissions/2024001-张三/square.pth")).hasBinaryContent(new byte[] {1, 2});
    }

    @Test
    void aKeystoreServesAsWellAsAPemFile() throws Exception {
        assertThat(intake(SERVER.getImaps().getPort(), "--trust-cert", TestCertificates.file("server.p12").toString()))
                .as(errors()).isZero();

        assertThat(work.resolve("submissions/2024001-张三/square.pth")).exists();
    }

    @Test
    void aCertificateNoOneVouchesForIsRefusedWithASentenceNotATrace() {
        int port = SERVER.getImaps().getPort();

        assertThat(intake(port)).isEqualTo(2);

        assertThat(said()).contains("The certificate of the server 127.0.0.1:" + port + " could not be verified (")
                .contains("nothing was sent to it, not even the password").contains("--trust-cert FILE");
        assertThat(work.resolve("submissions")).doesNotExist();
        assertThat(work.resolve("reports/imap-taken.tsv")).doesNotExist();
    }

    @Test
    void anUntrustedCertificateIsSaidInChinese() {
        System.setProperty(Language.PROPERTY, "zh-CN");
        int port = SERVER.getImaps().getPort();

        assertThat(intake(port)).isEqualTo(2);

        assertThat(said()).contains("无法验证服务器 127.0.0.1:" + port + " 的证书").contains("没有向它发送任何内容，包括密码")
                .contains("--trust-cert");
    }

    /** The attack: a trusted certificate, but for another host, shown at the address the teacher gave. */
    @Test
    void anImpostorWithATrustedCertificateForAnotherHostNeverHearsThePassword() throws Exception {
        try (Impostor impostor = new Impostor(TestCertificates.file("elsewhere.p12"), SERVER.getImap().getPort())) {
            assertThat(intake(impostor.port(), "--trust-cert", TestCertificates.file("elsewhere.pem").toString())).isEqualTo(2);

            assertThat(impostor.heard()).as("bytes the client sent the impostor").isZero();
            assertThat(said()).contains("The server at 127.0.0.1:" + impostor.port() + " showed a certificate that is not for 127.0.0.1")
                    .contains("nothing was sent to it, not even the password");
            assertThat(work.resolve("submissions")).doesNotExist();
        }
    }

    /** The impostor is a working man in the middle: with a certificate for 127.0.0.1 it hears the login and passes it on. */
    @Test
    void theSameImpostorWithACertificateForThisHostHearsTheLogin() throws Exception {
        try (Impostor impostor = new Impostor(TestCertificates.file("server.p12"), SERVER.getImap().getPort())) {
            assertThat(intake(impostor.port(), "--trust-cert", TestCertificates.file("server.pem").toString())).as(errors()).isZero();

            assertThat(impostor.heard()).isPositive();
            assertThat(work.resolve("submissions/2024001-张三/square.pth")).exists();
        }
    }

    @Test
    void aTrustCertFileWithNoCertificateIsSaid() throws Exception {
        Path notes = Files.writeString(work.resolve("school-ca.txt"), "ask the administrator", StandardCharsets.UTF_8);

        assertThat(intake(SERVER.getImaps().getPort(), "--trust-cert", notes.toString())).isEqualTo(2);

        assertThat(said()).contains("--trust-cert " + notes.toAbsolutePath() + ": no certificate could be read from it")
                .contains("PEM (-----BEGIN CERTIFICATE-----)");
    }

    @Test
    void trustCertWithoutAMailboxIsSaid() throws Exception {
        Path inbox = Files.createDirectories(work.resolve("inbox"));

        assertThat(Main.run("intake", inbox.toString(), "--trust-cert", TestCertificates.file("server.pem").toString())).isEqualTo(2);

        assertThat(said()).contains("--trust-cert is for --imap imaps://");
    }
}
