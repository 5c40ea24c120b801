package org.dlgrader.cli;

import static org.dlgrader.i18n.Messages.tr;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.dlgrader.intake.Intake;
import org.dlgrader.intake.Roster;
import org.dlgrader.io.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dl-grader intake INBOX}: emailed homework (.zip files, .eml emails) into {@code submissions/<id>-<name>/}. */
@Command(name = "intake", mixinStandardHelpOptions = true,
        description = "${bundle:cli.intake.description}")
final class IntakeCommand implements Callable<Integer> {

    @Parameters(paramLabel = "INBOX", descriptionKey = "cli.intake.param.inbox")
    Path inbox;

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
        // The class list is who a submission may be: used when the teacher keeps one where intake runs.
        Path chosen = rosterFile != null ? rosterFile : Files.isRegularFile(Path.of("roster.csv")) ? Path.of("roster.csv") : null;
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
        List<Intake.Entry> entries = new Intake(into, maxFiles, (long) maxMb << 20, roster).run(inbox);
        entries.forEach(e -> System.out.printf("%-10s %-32s %-10s %s%n", e.outcome(), e.source(), e.student(), e.detail()));
        AtomicFiles.write(log, Intake.csv(entries));
        System.out.println(tr("cli.intake.log", log.toAbsolutePath()));
        return 0;
    }
}
