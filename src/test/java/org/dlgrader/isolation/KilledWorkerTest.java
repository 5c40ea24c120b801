package org.dlgrader.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.dlgrader.data.FashionMnistLocator;
import org.dlgrader.engine.EngineSettings;
import org.dlgrader.grading.Assignment;
import org.dlgrader.grading.Grader;
import org.dlgrader.grading.Limits;
import org.dlgrader.grading.MeasurementCache;
import org.dlgrader.grading.Outcome;
import org.dlgrader.grading.StudentResult;
import org.dlgrader.grading.Submission;
import org.dlgrader.grading.Submissions;
import org.dlgrader.report.Reports;
import org.dlgrader.run.ClassRun;
import org.dlgrader.run.Runners;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A worker killed in the middle of a run: one exercise is lost, the run finishes, a rerun mends it. */
@Tag("slow")
class KilledWorkerTest {

    @Test
    void aKilledWorkerCostsOneExerciseAndTheRerunGradesOnlyThat() throws Exception {
        assumeTrue(FashionMnistLocator.isInstalled(), "FashionMNIST is not installed");
        EngineSettings.applyDefaults();
        Path root = Files.createTempDirectory(Files.createDirectories(Path.of("target", "killed")), "class");
        Path students = Files.createDirectories(root.resolve("submissions"));
        for (int i = 0; i < 8; i++) {
            HostileClass.goodStudent(students, "20" + i + "-good");
        }
        // One model per worker: the killed worker was running exactly one, which is lost (with two,
        // both would be evaluated again alone: SharedWorkerFailureTest).
        Path assignmentFile = HostileClass.assignment(root, new Limits(true, 2, 15, 1200, 1, 5, 256, 1));
        Assignment assignment = Assignment.load(assignmentFile);
        Path cache = root.resolve("reports/.cache");
        List<Submission> everyone = Submissions.discover(students).students();

        WorkerPool first = new WorkerPool(assignment.limits(), 2, Runners.policy(false));
        Grader grader = new Grader(assignment, first, new MeasurementCache(cache, assignment));
        CompletableFuture<List<StudentResult>> run = CompletableFuture.supplyAsync(
                () -> ClassRun.grade(grader, everyone, 2, new Reports(root.resolve("reports"), assignment)));
        long deadline = System.currentTimeMillis() + 60_000;
        while (first.evaluations() < 3 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        long victim = first.workerPids().get(0);
        ProcessHandle.of(victim).ifPresent(ProcessHandle::destroyForcibly);
        List<StudentResult> results = run.get(5, TimeUnit.MINUTES);
        grader.close();

        List<String> lost = results.stream().flatMap(r -> r.exercises().stream())
                .filter(e -> e.outcome() == Outcome.NOT_GRADABLE).map(e -> e.scores().get(1).message()).toList();
        assertThat(lost).hasSize(1);
        assertThat(lost.get(0)).startsWith("not gradable: the grader's worker crashed with signal 9");
        assertThat(results).hasSize(8);
        // The lost exercise may be the free example (5 points) or any of the lesson's (10).
        double lostPoints = results.stream().flatMap(r -> r.exercises().stream()).filter(e -> e.outcome() == Outcome.NOT_GRADABLE)
                .mapToDouble(e -> e.exercise().maxPoints()).sum();
        assertThat(results.stream().mapToDouble(StudentResult::points).sum()).isEqualTo(8 * 45 - lostPoints);
        assertThat(first.replacedWorkers()).isEqualTo(1);

        WorkerPool second = new WorkerPool(assignment.limits(), 2, Runners.policy(false));
        try (Grader rerun = new Grader(assignment, second, new MeasurementCache(cache, assignment))) {
            List<StudentResult> again = ClassRun.grade(rerun, everyone, 2, null);
            assertThat(again).allSatisfy(r -> assertThat(r.points()).isEqualTo(45));
        }
        assertThat(second.evaluations()).as("models graded again: only the one the kill cost").isEqualTo(1);
    }
}
