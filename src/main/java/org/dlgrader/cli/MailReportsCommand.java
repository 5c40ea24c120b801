package org.dlgrader.cli;

import static org.dlgrader.i18n.Messages.tr;

import jakarta.mail.internet.InternetAddress;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import javax.net.ssl.SSLSocketFactory;
import org.dlgrader.grading.Assignment;
import org.dlgrader.intake.Roster;
import org.dlgrader.intake.Senders;
import org.dlgrader.intake.TrustedCertificate;
import org.dlgrader.mail.Delivery;
import org.dlgrader.mail.MailReports;
import org.dlgrader.mail.Outbox;
import org.dlgrader.mail.Recipients;
import org.dlgrader.mail.SmtpAddress;
import org.dlgrader.mail.SmtpPassword;
import org.dlgrader.mail.SmtpServer;
import org.dlgrader.report.StudentReports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dl-grader mail-reports --smtp smtps://USER@HOST[:PORT] [--send]}: each student's page and
 * points, emailed to them. A dry run unless {@code --send}: the messages are written to
 * {@code reports/outbox/} for the teacher to open first.
 */
@Command(name = "mail-reports", mixinStandardHelpOptions = true,
        description = "${bundle:cli.mail-reports.description}")
final class MailReportsCommand implements Callable<Integer> {

    @Option(names = "--smtp", paramLabel = "URL", required = true, descriptionKey = "cli.mail-reports.option.smtp")
    String smtp;

    @Option(names = "--send", descriptionKey = "cli.mail-reports.option.send")
    boolean send;

    @Option(names = "--dry-run", descriptionKey = "cli.mail-reports.option.dryRun")
    boolean dryRun;

    @Option(names = "--starttls", descriptionKey = "cli.mail-reports.option.starttls")
    boolean starttls;

    @Option(names = "--trust-cert", paramLabel = "FILE", descriptionKey = "cli.mail-reports.option.trustCert")
    Path trustCert;

    @Option(names = "--from", paramLabel = "ADDRESS", descriptionKey = "cli.mail-reports.option.from")
    String from;

    @Option(names = "--reports", descriptionKey = "cli.mail-reports.option.reports")
    Path reports = Path.of("reports");

    @Option(names = "--roster", descriptionKey = "cli.mail-reports.option.roster")
    Path rosterFile;

    @Option(names = "--assignment", descriptionKey = "cli.mail-reports.option.assignment")
    Path assignmentFile = Assignment.DEFAULT;

    @Option(names = "--smtp-timeout", paramLabel = "SECONDS", descriptionKey = "cli.mail-reports.option.timeout")
    int timeout = 30;

    @Override
    public Integer call() throws Exception {
        // First: the class's language (and title) for everything said below, errors included.
        Assignment assignment = Assignment.load(assignmentFile);
        if (send && dryRun) {
            throw new IllegalArgumentException(tr("mail.sendOrDryRun"));
        }
        // Checked before anything is read and before a password is asked for: a wrong address is said at once.
        SmtpAddress address = SmtpAddress.parse(smtp, starttls);
        SSLSocketFactory trust = TrustedCertificate.socketFactory(trustCert, System.getenv());
        InternetAddress sender = MailReports.sender(from != null ? from : address.user());
        List<StudentReports.Report> found = StudentReports.in(reports);
        if (found.isEmpty()) {
            System.err.println("dl-grader mail-reports: " + tr("mail.noReports", reports.toAbsolutePath()));
            return 2;
        }
        Path chosen = IntakeCommand.rosterFile(rosterFile);
        Roster roster = null;
        if (chosen != null) {
            try {
                roster = Roster.load(chosen);
            } catch (NoSuchFileException e) {
                System.err.println(tr("mail.noRosterFile", chosen.toAbsolutePath()));
                return 2;
            } catch (Roster.Invalid e) {
                System.err.println(tr("mail.rosterInvalid", e.getMessage()));
                return 2;
            }
        }
        Path sendersFile = reports.resolve(Senders.FILE);
        System.out.println(roster != null ? tr("mail.addresses.roster", chosen.toAbsolutePath(), sendersFile.toAbsolutePath())
                : tr("mail.addresses.noRoster", sendersFile.toAbsolutePath()));
        Recipients recipients = new Recipients(roster, Senders.load(sendersFile));
        MailReports.Result result;
        if (send) {
            char[] password = SmtpPassword.from(System.getenv(), System.console(), address);
            try (Delivery server = SmtpServer.open(address, password, timeout * 1000, trust)) {
                result = MailReports.run(found, assignment.title(), recipients, sender, server, reports);
            } catch (SmtpServer.Unreachable e) {
                System.err.println("dl-grader mail-reports: " + e.getMessage());
                return 2;
            } finally {
                Arrays.fill(password, '\0');
            }
        } else {
            try (Outbox outbox = Outbox.in(reports)) {
                result = MailReports.run(found, assignment.title(), recipients, sender, outbox, reports);
            }
        }
        result.lines().forEach(l -> System.out.printf("%-10s %-12s %-32s %s%n", l.outcome(), l.studentId(), l.address(), l.detail()));
        List<String> noAddress = result.lines().stream().filter(l -> l.outcome().equals("no-address")).map(MailReports.Line::studentId).toList();
        if (!noAddress.isEmpty()) {
            System.out.println(tr("mail.noAddressList", String.join(", ", noAddress)));
        }
        List<String> disagree = result.lines().stream().filter(l -> l.outcome().equals(MailReports.DISAGREE))
                .map(MailReports.Line::studentId).toList();
        if (!disagree.isEmpty()) {
            System.out.println(tr("mail.disagreeList", String.join(", ", disagree)));
        }
        System.out.println(send
                ? tr("mail.summary.sent", result.delivered(), result.unchanged(), result.noAddress(), result.failed(),
                        MailReports.sentLog(reports).toAbsolutePath())
                : tr("mail.summary.dryRun", result.delivered(), reports.resolve(Outbox.FOLDER).toAbsolutePath(), result.unchanged(),
                        result.noAddress()));
        return result.failed() > 0 ? 1 : 0;
    }
}
