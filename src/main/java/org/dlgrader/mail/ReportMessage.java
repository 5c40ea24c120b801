package org.dlgrader.mail;

import static org.dlgrader.i18n.Messages.tr;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Date;
import java.util.HexFormat;
import java.util.UUID;
import org.dlgrader.report.StudentReports;

/**
 * One student's email: their points in the text, in the class's language, and their page attached
 * as an HTML file. {@link #digest} is what the sent log compares: the page and the text, so that a
 * new page or new points send again, and nothing else (the date, the Message-ID) does.
 */
final class ReportMessage {

    private final StudentReports.Report report;
    private final String subject;
    private final String body;
    private final byte[] page;

    ReportMessage(StudentReports.Report report, String title, String name) throws IOException {
        this.report = report;
        this.page = Files.readAllBytes(report.page());
        boolean graded = !report.points().equals(tr("report.notAllGraded"));
        this.subject = graded ? tr("mail.subject", title, report.points(), report.maxPoints()) : tr("mail.subject.incomplete", title);
        this.body = graded ? tr("mail.body", name, title, report.points(), report.maxPoints(), attachmentName())
                : tr("mail.body.incomplete", name, title, report.maxPoints(), attachmentName());
    }

    /** The attachment's name: the student's id, so that pages saved from several emails stay apart. */
    String attachmentName() {
        return "report-" + report.page().getParent().getFileName() + ".html";
    }

    /** SHA-256 of the page and the text, in hex. */
    String digest() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(page);
            sha.update(body.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /**
     * The message from {@code from} to {@code to} (named {@code name}), its Message-ID made in the
     * sender's domain. Headers with Chinese are encoded as RFC 2047 words, the parts as UTF-8.
     *
     * @throws jakarta.mail.internet.AddressException when {@code to} is not an address
     */
    MimeMessage build(Session session, InternetAddress from, String to, String name) throws MessagingException {
        String domain = from.getAddress().substring(from.getAddress().lastIndexOf('@') + 1);
        MimeMessage message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", "<dl-grader." + UUID.randomUUID() + "@" + domain + ">");
            }
        };
        message.setFrom(from);
        InternetAddress recipient = new InternetAddress(to, true);
        try {
            recipient.setPersonal(name, "UTF-8");
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("every Java has UTF-8", e);
        }
        message.setRecipient(Message.RecipientType.TO, recipient);
        message.setSubject(subject, "UTF-8");
        message.setSentDate(new Date());
        MimeBodyPart text = new MimeBodyPart();
        text.setText(body, "UTF-8");
        MimeBodyPart attached = new MimeBodyPart();
        attached.setDataHandler(new DataHandler(new ByteArrayDataSource(page, "text/html; charset=UTF-8")));
        attached.setFileName(attachmentName());
        attached.setDisposition(Part.ATTACHMENT);
        // base64, not the quoted-printable a text part would get: that turns line ends into CRLF, and the
        // student should open the very page the grader wrote.
        attached.setHeader("Content-Transfer-Encoding", "base64");
        message.setContent(new MimeMultipart(text, attached));
        message.saveChanges();
        return message;
    }

    /** The message as an RFC 822 file's bytes. */
    static byte[] bytes(MimeMessage message) throws MessagingException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }
}
