package org.dlgrader.cli;

import static org.dlgrader.i18n.Messages.tr;

import org.dlgrader.i18n.Language;
import org.dlgrader.i18n.Messages;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code dl-grader}: the command line. One class per command, parsed by picocli, which gives each
 * typed options, {@code --help} and error messages that name the option ("Invalid value for option
 * '--max-mb': 'lots' is not an int"). The help is the message bundle's ({@link HelpTexts}); picocli's
 * own error messages have no translation and stay English.
 */
@Command(name = "dl-grader", mixinStandardHelpOptions = true, version = "dl-grader",
        description = "${bundle:cli.main.description}",
        subcommands = {TrainCommand.class, GradeCommand.class, MergeCommand.class, CalibrateCommand.class, IntakeCommand.class, MailReportsCommand.class, ListCommand.class,
            BenchCommand.class, BenchGradingCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        int status = run(args);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs a command and returns its exit status: 0 done, 2 a wrong command line or input, 3 a grader error. */
    public static int run(String... args) {
        speakAsAsked();
        return new CommandLine(new Main())
                .setExecutionExceptionHandler((e, command, parsed) -> {
                    // A wrong value or file is the user's to fix and says so; anything else is a bug, with its trace.
                    if (e instanceof IllegalArgumentException || e instanceof org.dlgrader.grading.AssignmentError
                            || e instanceof org.dlgrader.data.DatasetException) {
                        command.getErr().println("dl-grader " + command.getCommandName() + ": " + e.getMessage());
                        return 2;
                    }
                    throw e;
                })
                // After the subcommands are in (the annotation put them there), so that each gets it.
                .setResourceBundle(new HelpTexts())
                .execute(args);
    }

    /**
     * The language -Dgrader.lang names, from the start: intake, list, train and every --help read no
     * assignment that would choose one. Grading commands then take the assignment's, which
     * -Dgrader.lang still overrides; a tag that is no language is left for the assignment reader,
     * which names the ones there are.
     */
    private static void speakAsAsked() {
        Language asked = Language.of(System.getProperty(Language.PROPERTY));
        if (asked != null) {
            Messages.use(asked);
        }
    }

    @Override
    public void run() {
        // No command: say what there is.
        spec.commandLine().usage(System.err);
        throw new CommandLine.ParameterException(spec.commandLine(), tr("cli.main.nameACommand"));
    }
}
