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
        var merged = Merge.run(shards, into, Assignment.load(assignment));
        System.out.println(tr("cli.merge.done", merged.size(), shards.size(), into.toAbsolutePath()));
        return 0;
    }
}
