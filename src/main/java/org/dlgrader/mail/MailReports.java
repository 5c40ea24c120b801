package org.dlgrader.mail;

import static org.dlgrader.i18n.Messages.tr;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dlgrader.intake.MailErrors;
import org.dlgrader.intake.Senders;
import org.dlgrader.report.StudentReports;

/**
 * {@code mail-reports}: each student's page and points to their address, through a {@link Delivery}.
 * A student whose message would be the one last sent to the same address is skipped; one without an
 * address, or with several that disagree, is listed and recorded, never skipped silently.
 */
public final class MailReports {

    /**
     * What became of one student: the outcome is a word scripts read ({@code written}, {@code sent},
     * {@code unchanged}, {@code no-address}, {@code addresses-disagree}, {@code failed}) and stays English; the detail is the
     * teacher's, in the class's language.
     */
    public record Line(String studentId, String outcome, String address, String detail) {
    }

    /** The lines of a run, and how many of each. */
    public record Result(List<Line> lines, int delivered, int unchanged, int noAddress, int failed, int disagree) {
    }

    /** The outcome of a student whose number emails from several addresses claimed: not sent, for the teacher to decide. */
    public static final String DISAGREE = "addresses-disagree";

    private MailReports() {
    }

    /** The sender: {@code user} (the SMTP user, or --from) when it is an address. */
    public static InternetAddress sender(String user) {
        try {
            InternetAddress address = new InternetAddress(user, true);
            if (address.getAddress().contains("@")) {
                return address;
            }
        } catch (AddressException e) {
            // Said below, with what to do.
        }
        throw new IllegalArgumentException(tr("mail.smtp.noSender", user));
    }

    /**
     * Sends (or writes) every report; the sent log is kept only when the delivery really sends.
     *
     * @throws SmtpServer.Unreachable when the server stops answering; what was sent before is recorded
     */
    public static Result run(List<StudentReports.Report> reports, String title, Recipients recipients, InternetAddress from,
            Delivery delivery, Path reportsFolder) throws IOException {
        SentLog log = SentLog.load(reportsFolder.resolve(SentLog.FILE));
        List<Line> lines = new ArrayList<>();
        int delivered = 0;
        int unchanged = 0;
        int noAddress = 0;
        int failed = 0;
        int disagree = 0;
        for (StudentReports.Report report : reports) {
            String id = report.studentId();
            Recipients.Found found = recipients.of(report);
            if (found instanceof Recipients.Disagree claims) {
                disagree++;
                String addresses = String.join(", ", claims.addresses());
                lines.add(new Line(id, DISAGREE, "", tr("mail.detail.addressesDisagree", addresses)));
                log.put(new SentLog.Row(id, addresses, "", "", now(), DISAGREE));
                continue;
            }
            if (!(found instanceof Recipients.Recipient recipient)) {
                noAddress++;
                lines.add(new Line(id, "no-address", "", tr("mail.detail.noAddress")));
                log.put(new SentLog.Row(id, "", "", "", now(), "no-address"));
                continue;
            }
            String address = recipient.address();
            ReportMessage message = new ReportMessage(report, title, recipient.name());
            String digest = message.digest();
            Optional<SentLog.Row> before = log.alreadySent(id, address, digest);
            if (before.isPresent()) {
                unchanged++;
                lines.add(new Line(id, "unchanged", address, tr("mail.detail.unchanged", before.get().time())));
                continue;
            }
            if (!Senders.plain(address)) {
                // A group, a list or a line break would reach more than this student; the roster is the only source left.
                failed++;
                lines.add(new Line(id, "failed", address, tr("mail.detail.badAddress", address, tr("mail.detail.notOneAddress"))));
                log.put(new SentLog.Row(id, address, digest, "", now(), "failed"));
                continue;
            }
            try {
                MimeMessage mime = message.build(delivery.session(), from, address, recipient.name());
                String detail = delivery.deliver(id, mime);
                delivered++;
                lines.add(new Line(id, delivery.sends() ? "sent" : "written", address, detail));
                log.put(new SentLog.Row(id, address, digest, mime.getMessageID(), now(), SentLog.SENT));
                if (delivery.sends()) {
                    log.write();
                }
            } catch (AddressException | SendFailedException e) {
                failed++;
                String why = e instanceof AddressException ? tr("mail.detail.badAddress", address, MailErrors.reason(e))
                        : tr("mail.detail.refused", MailErrors.reason(e));
                lines.add(new Line(id, "failed", address, why));
                log.put(new SentLog.Row(id, address, digest, "", now(), "failed"));
            } catch (MessagingException e) {
                if (delivery.sends()) {
                    log.write();
                }
                throw new SmtpServer.Unreachable(tr("mail.smtp.unreachable", server(delivery), MailErrors.reason(e),
                        tr("mail.sentSoFar", delivered, log.file())), e);
            }
        }
        if (delivery.sends()) {
            log.write();
        }
        return new Result(lines, delivered, unchanged, noAddress, failed, disagree);
    }

    private static String server(Delivery delivery) {
        return delivery instanceof SmtpServer server ? server.address().server() : "";
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** The sent log's file in {@code reports}. */
    public static Path sentLog(Path reports) {
        return reports.resolve(SentLog.FILE);
    }
}
