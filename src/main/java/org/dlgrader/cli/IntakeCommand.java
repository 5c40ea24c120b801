package org.dlgrader.cli;

import static org.dlgrader.i18n.Messages.tr;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import javax.net.ssl.SSLSocketFactory;
import org.dlgrader.intake.ImapAddress;
import org.dlgrader.intake.ImapMailbox;
import org.dlgrader.intake.ImapPassword;
import org.dlgrader.intake.Intake;
import org.dlgrader.intake.MboxFile;
import org.dlgrader.intake.Roster;
import org.dlgrader.intake.Senders;
import org.dlgrader.intake.TakenMail;
import org.dlgrader.intake.TrustedCertificate;
import org.dlgrader.io.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dl-grader intake INBOX | --mbox FILE | --imap URL}: emailed homework (.zip files, .eml emails, a mailbox) into {@code submissions/<id>-<name>/}. */
@Command(name = "intake", mixinStandardHelpOptions = true,
        description = "${bundle:cli.intake.description}")
final class IntakeCommand implements Callable<Integer> {

    @Parameters(paramLabel = "INBOX", arity = "0..1", descriptionKey = "cli.intake.param.inbox")
    Path inbox;

    @Option(names = "--mbox", paramLabel = "FILE", descriptionKey = "cli.intake.option.mbox")
    Path mbox;

    @Option(names = "--imap", paramLabel = "URL", descriptionKey = "cli.intake.option.imap")
    String imap;

    @Option(names = "--since", paramLabel = "DATE", descriptionKey = "cli.intake.option.since")
    String since;

    @Option(names = "--trust-cert", paramLabel = "FILE", descriptionKey = "cli.intake.option.trustCert")
    Path trustCert;

    @Option(names = "--imap-timeout", paramLabel = "SECONDS", descriptionKey = "cli.intake.option.imapTimeout")
    int imapTimeout = 30;

    @Option(names = "--into", descriptionKey = "cli.intake.option.into")
    Path into = Path.of("submissions");

    @Option(names = "--log", descriptionKey = "cli.intake.option.log")
    Path log = Path.of("reports", "intake-log.csv");

    @Option(names = "--max-mb", descriptionKey = "cli.intake.option.maxMb")
    int maxMb = 200;

    @Option(names = "--max-files", descriptionKey = "cli.intake.option.maxFiles")
    int maxFiles = 200;

    @Option(names = "--roster", descriptionKey = "cli.intake.option.roster")
    Path rosterFile;

    @Override
    public Integer call() throws Exception {
        int sources = (inbox != null ? 1 : 0) + (mbox != null ? 1 : 0) + (imap != null ? 1 : 0);
        if (sources != 1) {
            throw new IllegalArgumentException(tr("cli.intake.oneSource"));
        }
        if (since != null && imap == null) {
            throw new IllegalArgumentException(tr("cli.intake.sinceOnlyImap"));
        }
        if (trustCert != null && imap == null) {
            throw new IllegalArgumentException(tr("cli.intake.trustCertOnlyImap"));
        }
        LocalDate sinceDate = since == null ? null : parseSince(since);
        // Checked before the roster and before a password is asked for: a wrong address is said at once.
        ImapAddress address = imap == null ? null : ImapAddress.parse(imap);
        SSLSocketFactory trust = TrustedCertificate.socketFactory(trustCert, System.getenv());
        MboxFile mboxFile = null;
        if (mbox != null) {
            try {
                mboxFile = MboxFile.open(mbox, 2 * ((long) maxMb << 20));
            } catch (NoSuchFileException e) {
                throw new IllegalArgumentException(e.getReason(), e);
            }
        }
        // The class list is who a submission may be: used when the teacher keeps one where intake runs.
        Path chosen = rosterFile(rosterFile);
        Roster roster = null;
        if (chosen != null) {
            try {
                roster = Roster.load(chosen);
            } catch (NoSuchFileException e) {
                System.err.println(tr("cli.intake.noRosterFile", chosen.toAbsolutePath()));
                return 2;
            } catch (Roster.Invalid e) {
                System.err.println(tr("cli.intake.rosterInvalid", e.getMessage()));
                return 2;
            }
            System.out.println(tr("cli.intake.roster", chosen.toAbsolutePath(), roster.size()));
        } else {
            System.out.println(tr("cli.intake.noRoster"));
        }
        Intake intake = new Intake(into, maxFiles, (long) maxMb << 20, roster);
        List<Intake.Entry> entries;
        TakenMail taken = null;
        List<TakenMail.Key> delivered = List.of();
        if (address != null) {
            char[] password = ImapPassword.from(System.getenv(), System.console(), address);
            Path record = (log.toAbsolutePath().getParent()).resolve("imap-taken.tsv");
            taken = TakenMail.load(record);
            try (ImapMailbox mailbox = ImapMailbox.open(address, password, sinceDate, taken, intake.emailLimit(), imapTimeout * 1000, trust)) {
                entries = intake.run(mailbox);
                // A held message waits for the teacher (a roster to fix, a student to ask): the next run reads it again.
                java.util.Set<String> held = entries.stream().filter(e -> e.outcome().equals("held")).map(Intake.Entry::source)
                        .collect(java.util.stream.Collectors.toSet());
                delivered = mailbox.delivered().stream().filter(key -> !held.contains(mailbox.source(key))).toList();
                System.out.println(mailbox.summary());
            } catch (ImapMailbox.Unreachable e) {
                System.err.println("dl-grader intake: " + e.getMessage());
                return 2;
            } finally {
                java.util.Arrays.fill(password, '\0');
            }
        } else if (mboxFile != null) {
            entries = intake.run(mboxFile);
        } else {
            entries = intake.run(inbox);
        }
        entries.forEach(e -> System.out.printf("%-10s %-32s %-10s %s%n", e.outcome(), e.source(), e.student(), e.detail()));
        AtomicFiles.write(log, Intake.csv(entries));
        System.out.println(tr("cli.intake.log", log.toAbsolutePath()));
        // Where mail-reports sends each report: kept across runs, as the log is not.
        Senders.load(log.toAbsolutePath().getParent().resolve(Senders.FILE)).record(intake.senders());
        if (taken != null) {
            // After the log: a message is recorded as taken only once what became of it is written down.
            taken.add(delivered);
            System.out.println(tr("cli.intake.imapRecord", taken.file().toAbsolutePath()));
        }
        return 0;
    }

    /** The roster asked for, else roster.csv where the command runs when there is one, else null. */
    static Path rosterFile(Path asked) {
        return asked != null ? asked : Files.isRegularFile(Path.of("roster.csv")) ? Path.of("roster.csv") : null;
    }

    private static LocalDate parseSince(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(tr("cli.intake.badSince", text));
        }
    }
}
