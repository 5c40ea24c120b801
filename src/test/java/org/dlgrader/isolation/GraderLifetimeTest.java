package org.dlgrader.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dlgrader.data.FashionMnistLocator;
import org.dlgrader.grading.Limits;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No worker outlives the grader, however the grader ends: a grading command is started as a
 * process, left to run into a model that never returns, and killed with SIGKILL (as {@code kill -9}
 * of {@code mvn verify} does to it) or SIGTERM. Every worker it had started must be gone soon after.
 */
@Tag("slow")
class GraderLifetimeTest {

    @ParameterizedTest(name = "killed with {0}")
    @ValueSource(strings = {"SIGKILL", "SIGTERM", "SIGKILL without the sandbox"})
    void workersDieWithTheirGrader(String signal) throws Exception {
        assumeTrue(FashionMnistLocator.isInstalled(), "FashionMNIST is not installed");
        Path root = Files.createTempDirectory(Files.createDirectories(Path.of("target", "lifetime")), "class");
        Path students = Files.createDirectories(root.resolve("submissions"));
        HostileClass.goodStudent(students, "5000-good");
        HostileClass.studentWith(students, "5001-hang", "hang.pt", "linear.pt", List.of("linear.pth"));
        Path assignment = HostileClass.assignment(root, new Limits(true, 1, 600, 1500, 1, 5, 256, 2));
        // Without the sandbox the worker has no bwrap to kill it with its parent: it halts when its
        // standard input, the parent's end of a pipe, closes.
        String sandbox = "-Dgrader.sandbox=" + (signal.contains("without") ? "off" : "auto");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), sandbox,
                "-cp", ClassPath.current(), "org.dlgrader.cli.Main", "grade", students.toString(),
                "--assignment", assignment.toString(), "--reports", root.resolve("reports").toString())
                .redirectErrorStream(true).redirectOutput(root.resolve("grade.log").toFile());
        builder.environment().put("LC_ALL", "C.UTF-8");
        Process grader = builder.start();
        try {
            List<ProcessHandle> workers = List.of();
            long deadline = System.currentTimeMillis() + 60_000;
            while (workers.isEmpty() && System.currentTimeMillis() < deadline && grader.isAlive()) {
                Thread.sleep(200);
                workers = grader.descendants().toList();
            }
            assertThat(workers).as("worker processes of the grader").isNotEmpty();
            // Long enough for the hang to be running in a worker.
            Thread.sleep(4000);
            workers = grader.descendants().toList();
            if (signal.startsWith("SIGKILL")) {
                grader.destroyForcibly();
            } else {
                grader.destroy();
            }
            grader.waitFor(30, TimeUnit.SECONDS);
            long gone = System.currentTimeMillis() + 15_000;
            while (workers.stream().anyMatch(ProcessHandle::isAlive) && System.currentTimeMillis() < gone) {
                Thread.sleep(100);
            }
            assertThat(workers.stream().filter(ProcessHandle::isAlive).map(p -> p.pid() + " " + p.info().commandLine().orElse("")))
                    .as("processes left behind after " + signal).isEmpty();
        } finally {
            grader.descendants().forEach(ProcessHandle::destroyForcibly);
            grader.destroyForcibly();
        }
    }
}
