package org.dlgrader.cli;

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
        description = "Unpacks emailed homework (.zip files, .eml emails) from INBOX into submissions/<id>-<name>/.")
final class IntakeCommand implements Callable<Integer> {

    @Parameters(paramLabel = "INBOX", description = "a folder of .zip and .eml files")
    Path inbox;

    @Option(names = "--into", description = "the class folder (default ${DEFAULT-VALUE})")
    Path into = Path.of("submissions");

    @Option(names = "--log", description = "what was taken, held, refused (default ${DEFAULT-VALUE})")
    Path log = Path.of("reports", "intake-log.csv");

    @Option(names = "--max-mb", description = "most megabytes taken from one email or zip (default ${DEFAULT-VALUE})")
    int maxMb = 200;

    @Option(names = "--max-files", description = "most files taken from one email or zip (default ${DEFAULT-VALUE})")
    int maxFiles = 200;

    @Option(names = "--roster", description = "the class list (id,name,email); default roster.csv where intake runs, when there is one")
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
                System.err.println("No roster at " + chosen.toAbsolutePath() + "; nothing was taken.");
                return 2;
            } catch (Roster.Invalid e) {
                System.err.println(e.getMessage() + "; nothing was taken.");
                return 2;
            }
            System.out.println("Roster: " + chosen.toAbsolutePath() + " (" + roster.size() + " student(s)); "
                    + "submissions it does not confirm are held for you to check.");
        } else {
            System.out.println("No roster (roster.csv or --roster FILE): student numbers are taken as the students wrote them.");
        }
        List<Intake.Entry> entries = new Intake(into, maxFiles, (long) maxMb << 20, roster).run(inbox);
        entries.forEach(e -> System.out.printf("%-10s %-32s %-10s %s%n", e.outcome(), e.source(), e.student(), e.detail()));
        AtomicFiles.write(log, Intake.csv(entries));
        System.out.println("Log: " + log.toAbsolutePath());
        return 0;
    }
}
