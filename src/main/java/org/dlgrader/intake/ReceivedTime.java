package org.dlgrader.intake;

import static org.dlgrader.i18n.Messages.tr;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import org.dlgrader.grading.SubmissionTime;

/**
 * When an email arrived, which decides which of a student's submissions is the newest. The
 * {@code Date:} header is never used: the sender writes it, and a forged later date would win.
 * The top-most {@code Received:} header is the stamp of the last server, the one that delivered
 * the email to the teacher (each server puts its own line on top: a sender can add lines below,
 * never above). Its time follows the last ';'. Without one (an email saved by hand) the file's
 * modification time is used, as for a zip put in the inbox.
 */
record ReceivedTime(Instant instant, String source) {

    /**
     * {@code serverReceived}, when the mailbox's server says when it stored the message, stands in for
     * an unreadable or missing stamp: the server wrote it too, and the student cannot (GreenMail, for
     * one, writes its Received time in Java's {@code Date.toString()}, which no mail parser reads; the
     * sender's Date header must not win then).
     */
    static ReceivedTime of(MimeMessage message, Path file, Instant serverReceived) throws IOException {
        String[] received;
        try {
            received = message.getHeader("Received");
        } catch (MessagingException e) {
            received = null;
        }
        if (received != null && received.length > 0) {
            String top = MimeUtility.unfold(received[0]);
            int semicolon = top.lastIndexOf(';');
            if (semicolon >= 0) {
                try {
                    return new ReceivedTime(new MailDateFormat().parse(top.substring(semicolon + 1).trim()).toInstant(), "received");
                } catch (ParseException | RuntimeException unreadable) {
                    // Fall through: a stamp that cannot be read is no better than none.
                }
            }
        }
        return serverReceived != null ? new ReceivedTime(serverReceived, "received") : ofFile(file);
    }

    /**
     * The time the student is graded by ({@link SubmissionTime}): this stamp when a server wrote it;
     * else the email's {@code Date:} header, which the student writes but which is the only time the
     * email itself carries (its file time is when the teacher saved it, often after the deadline); else,
     * for a zip or an email without either, the file's time.
     */
    SubmissionTime submissionTime(MimeMessage message) {
        if ("received".equals(source)) {
            return new SubmissionTime(instant, SubmissionTime.Source.RECEIVED);
        }
        if (message != null) {
            try {
                Date sent = message.getSentDate();
                if (sent != null) {
                    return new SubmissionTime(sent.toInstant(), SubmissionTime.Source.DATE_HEADER);
                }
            } catch (MessagingException | RuntimeException unreadable) {
                // A Date header no one can read: the file's time, as for an email without one.
            }
        }
        return new SubmissionTime(instant, SubmissionTime.Source.FILE_TIME);
    }

    static ReceivedTime ofFile(Path file) throws IOException {
        return new ReceivedTime(Files.getLastModifiedTime(file).toInstant(), "file time");
    }

    /** For the log: "received 2026-11-27T10:00:03Z" in the run's language; {@code source} stays the word it is. */
    @Override
    public String toString() {
        return "received".equals(source) ? tr("intake.receivedTime.received", instant) : tr("intake.receivedTime.fileTime", instant);
    }
}
