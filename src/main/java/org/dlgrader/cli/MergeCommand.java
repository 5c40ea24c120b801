package org.dlgrader.cli;

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
        description = "Combines the reports of shards into one gradebook and class page.")
final class MergeCommand implements Callable<Integer> {

    @Parameters(paramLabel = "SHARD_REPORTS", arity = "1..*", description = "the reports folders of finished shards")
    List<Path> shards;

    @Option(names = "--into", description = "where the merged reports go (default ${DEFAULT-VALUE})")
    Path into = Path.of("reports");

    @Option(names = "--assignment", description = "the assignment file (default ${DEFAULT-VALUE})")
    Path assignment = Assignment.DEFAULT;

    @Override
    public Integer call() throws Exception {
        var merged = Merge.run(shards, into, Assignment.load(assignment));
        System.out.println("Merged " + merged.size() + " students from " + shards.size() + " shard(s) into " + into.toAbsolutePath());
        return 0;
    }
}
