package org.dlgrader.cli;

import static org.dlgrader.i18n.Messages.tr;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.dlgrader.grading.Assignment;
import org.dlgrader.report.Merge;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dl-grader merge SHARD_REPORTS...}: one gradebook and class page from the reports of shards. */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = "${bundle:cli.merge.description}")
final class MergeCommand implements Callable<Integer> {

    @Parameters(paramLabel = "SHARD_REPORTS", arity = "1..*", descriptionKey = "cli.merge.param.shardReports")
    List<Path> shards;

    @Option(names = "--into", descriptionKey = "cli.merge.option.into")
    Path into = Path.of("reports");

    @Option(names = "--assignment", descriptionKey = "cli.merge.option.assignment")
    Path assignment = Assignment.DEFAULT;

    @Override
    public Integer call() throws Exception {
        java.util.List<org.dlgrader.grading.StudentResult> merged;
        try {
            merged = Merge.run(shards, into, Assignment.load(assignment));
        } catch (org.dlgrader.grading.GraderError e) {
            // The teacher's grades-manual.csv, read again here: its errors are said as a grading run says them.
            System.err.println("dl-grader: " + e.getMessage());
            return GradeCommand.GRADER_ERROR;
        }
        System.out.println(tr("cli.merge.done", merged.size(), shards.size(), into.toAbsolutePath()));
        return 0;
    }
}
