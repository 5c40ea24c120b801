package org.dlgrader.cli;

import java.util.concurrent.Callable;
import org.dlgrader.exercise.Reference;
import org.dlgrader.exercise.References;
import picocli.CommandLine.Command;

/** {@code dl-grader list}: the exercises and their references. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "${bundle:cli.list.description}")
final class ListCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        for (Reference reference : References.all()) {
            System.out.printf("%-14s %s%n", reference.id(), reference.description());
        }
        return 0;
    }
}
