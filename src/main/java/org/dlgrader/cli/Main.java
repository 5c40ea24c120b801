package org.dlgrader.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code dl-grader}: the command line. One class per command, parsed by picocli, which gives each
 * typed options, {@code --help} and error messages that name the option ("Invalid value for option
 * '--max-mb': 'lots' is not an int").
 */
@Command(name = "dl-grader", mixinStandardHelpOptions = true, version = "dl-grader",
        description = "Reference implementations and an automated grader for lesson 04.",
        subcommands = {TrainCommand.class, GradeCommand.class, MergeCommand.class, IntakeCommand.class, ListCommand.class,
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
                .execute(args);
    }

    @Override
    public void run() {
        // No command: say what there is.
        spec.commandLine().usage(System.err);
        throw new CommandLine.ParameterException(spec.commandLine(), "Name a command.");
    }
}
