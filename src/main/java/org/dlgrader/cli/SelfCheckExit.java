package org.dlgrader.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The last step of a student's self-check build ({@code mvn verify -Dsubmission=…}): says the
 * verdict the grading left in its verdict file and ends the build with its status.
 *
 * <p>It runs inside Maven's own JVM ({@code exec:java}) and ends it with {@link System#exit}, on
 * purpose: a build that fails through Maven ends in eleven lines about MojoFailureException, the
 * -e switch and a wiki page, which tell a student nothing, after the block that tells them
 * everything. So the verdict is the last line they read, and the exit status (1 a check failed, 3
 * the grader could not grade) still fails a CI job. No verdict (the grading never ran, or died):
 * status 3, saying so.
 */
public final class SelfCheckExit {

    private SelfCheckExit() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        List<String> lines = Files.isRegularFile(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        if (lines.isEmpty()) {
            // The grading did not get as far as a verdict (its JVM died, or the tests were skipped):
            // a self-check that checked nothing must not end as if it had passed.
            System.out.println("✗ " + org.dlgrader.i18n.Messages.tr("cli.selfCheck.noVerdict", file));
            System.out.flush();
            System.exit(org.dlgrader.report.Verdict.GRADER_ERROR);
        }
        int status = Integer.parseInt(lines.get(0).trim());
        lines.subList(1, lines.size()).forEach(System.out::println);
        System.out.flush();
        if (status != 0) {
            System.exit(status);
        }
    }
}
