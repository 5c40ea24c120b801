package org.dlgrader.intake;

import jakarta.activation.DataHandler;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.dlgrader.grading.SubmissionTime;

/**
 * Real MIME messages for the intake's tests, written as .eml files by jakarta.mail itself: the
 * headers a mail server adds ({@code Received}) and the ones a sender writes ({@code Date},
 * {@code From}, {@code Subject}) are set apart, so a test can forge one and not the other. Public for
 * the test of the whole road, mailbox to mailed reports ({@code org.dlgrader.ClassByMailTest}).
 */
public final class Emails {

    private static final DateTimeFormatter RFC_5322 = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);

    private String from = "张三 <zhangsan@example.edu>";
    private String subject = "深度学习作业";
    private String subjectCharset = "GBK";
    private Instant date;
    private final List<String> received = new ArrayList<>();
    private final Map<String, byte[]> attachments = new LinkedHashMap<>();
    private final List<String> rawDispositions = new ArrayList<>();
    private final List<byte[]> rawBodies = new ArrayList<>();

    public static Emails email() {
        return new Emails();
    }

    public Emails from(String address) {
        this.from = address;
        return this;
    }

    public Emails subject(String text) {
        this.subject = text;
        return this;
    }

    /** The charset the subject is encoded in (RFC 2047): GBK as QQ Mail and Outlook on Chinese Windows, or UTF-8. */
    public Emails subjectIn(String charset) {
        this.subjectCharset = charset;
        return this;
    }

    /** The sender's own clock: anyone can write any date here. */
    public Emails date(Instant when) {
        this.date = when;
        return this;
    }

    /** One mail server's stamp; the first call is the top-most header (the last server, the teacher's). */
    public Emails receivedAt(Instant when) {
        received.add("from mail.example.edu (mail.example.edu [192.0.2.1]) by mx.school.example with ESMTPS id "
                + received.size() + "; " + RFC_5322.format(when.atOffset(ZoneOffset.ofHours(8))));
        return this;
    }

    /** A Received line as written, e.g. with a date no one can read. */
    Emails receivedRaw(String line) {
        received.add(line);
        return this;
    }

    public Emails attach(String name, byte[] bytes) {
        attachments.put(name, bytes);
        return this;
    }

    /** An attachment whose Content-Disposition is written byte for byte, e.g. an RFC 2231 name with %00. */
    Emails attachRaw(String contentDisposition, byte[] bytes) {
        rawDispositions.add(contentDisposition);
        rawBodies.add(bytes);
        return this;
    }

    /** When {@link #writeTo(Path)} says a file was saved. */
    static final Instant SAVED = Instant.parse("2026-11-01T08:00:00Z");
    /** The hand-in time of an email written without a Received stamp or a Date: its file's, the last resort. */
    static final SubmissionTime SAVED_TIME =
            new SubmissionTime(SAVED, SubmissionTime.Source.FILE_TIME);

    Path writeTo(Path file) throws Exception {
        return writeTo(file, SAVED);
    }

    /** Writes the message, and gives the file {@code modified} as its time (what a copied inbox keeps). */
    Path writeTo(Path file, Instant modified) throws Exception {
        try (OutputStream out = Files.newOutputStream(file)) {
            message().writeTo(out);
        }
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }

    /** The message as a mail server would store it. */
    public MimeMessage message() throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.addFrom(InternetAddress.parse(from, true));
        message.setRecipients(jakarta.mail.Message.RecipientType.TO, "teacher@school.example");
        message.setSubject(subject, subjectCharset);
        MimeMultipart body = new MimeMultipart();
        MimeBodyPart text = new MimeBodyPart();
        text.setText("老师好，这是我的作业。", "UTF-8");
        body.addBodyPart(text);
        for (Map.Entry<String, byte[]> attachment : attachments.entrySet()) {
            MimeBodyPart part = new MimeBodyPart();
            part.setDataHandler(new DataHandler(new ByteArrayDataSource(attachment.getValue(), "application/octet-stream")));
            part.setFileName(MimeUtility.encodeText(attachment.getKey(), "UTF-8", "B"));
            body.addBodyPart(part);
        }
        for (int i = 0; i < rawDispositions.size(); i++) {
            MimeBodyPart part = new MimeBodyPart();
            part.setDataHandler(new DataHandler(new ByteArrayDataSource(rawBodies.get(i), "application/octet-stream")));
            part.setHeader("Content-Disposition", rawDispositions.get(i));
            body.addBodyPart(part);
        }
        message.setContent(body);
        message.saveChanges();
        // saveChanges() stamps a Date of its own; set the sender's date (forged or not) afterwards.
        message.removeHeader("Date");
        if (date != null) {
            message.setHeader("Date", RFC_5322.format(date.atOffset(ZoneOffset.UTC)));
        }
        // Each server puts its Received line on top of the ones before it (addHeader puts Received
        // lines first): add the oldest first.
        for (int i = received.size() - 1; i >= 0; i--) {
            message.addHeader("Received", received.get(i));
        }
        return message;
    }

    /** The message's bytes, as an mbox or a mail server keeps them. */
    byte[] bytes() throws Exception {
        var out = new java.io.ByteArrayOutputStream();
        message().writeTo(out);
        return out.toByteArray();
    }

    /** A zip, as java.util.zip writes it, of {@code name → bytes}. */
    public static byte[] zip(Map<String, byte[]> entries) {
        try (var bytes = new java.io.ByteArrayOutputStream(); ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
            zip.finish();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] zip(String name, String content) {
        return zip(Map.of(name, content.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
