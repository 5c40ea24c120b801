package org.dlgrader.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.dlgrader.engine.EngineSettings;
import org.dlgrader.data.FashionMnistLocator;
import org.dlgrader.grading.Assignment;
import org.dlgrader.grading.Grader;
import org.dlgrader.grading.Limits;
import org.dlgrader.run.ClassRun;
import org.dlgrader.grading.Score;
import org.dlgrader.grading.StudentResult;
import org.dlgrader.grading.Submissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * One worker running two models at once fails: each model that was running is evaluated again
 * alone, so the one that broke the worker is blamed with its own reason and its neighbour, a good
 * model that happened to share the worker, is graded as usual. The neighbour is a TorchScript line
 * that computes for a few seconds first, so it is certainly still running when the worker dies.
 */
@Tag("slow")
class SharedWorkerFailureTest {

    /** One worker, two models at a time. */
    private static final Limits SHARED = new Limits(true, 1, 60, 1200, 1, 5, 256, 2);
    private Path students;
    private WorkerPool pool;
    private Grader grader;

    @BeforeEach
    void oneWorkerForTwoModels() throws Exception {
        assumeTrue(FashionMnistLocator.isInstalled(), "FashionMNIST is not installed");
        EngineSettings.applyDefaults();
        Path root = Files.createTempDirectory(Files.createDirectories(Path.of("target", "shared")), "class");
        students = Files.createDirectories(root.resolve("submissions"));
        Path assignmentFile = HostileClass.assignment(root, SHARED);
        Assignment assignment = Assignment.load(assignmentFile);
        // Without the sandbox's one-model-per-worker rule for code: the slow line and the hog are
        // TorchScript only because that is the easiest way to make a slow or greedy model; what this
        // test is about is two models sharing a worker.
        pool = new WorkerPool(assignment.limits(), 1, new WorkerPool.Policy(false, null, false));
        grader = new Grader(assignment, pool, null);
    }

    @Test
    void theModelThatBrokeTheWorkerIsBlamedAloneAndItsNeighbourIsGraded() throws Exception {
        HostileClass.studentWith(students, "3001-slow", "slow_linear.pt", "linear.pt", List.of());
        HostileClass.studentWith(students, "3002-hog", "memory_hog.pt", "linear.pt", List.of());

        Map<String, StudentResult> results = grade();

        assertThat(results.get("3001").points()).as("the slow but good neighbour").isEqualTo(45);
        Score hog = results.get("3002").scores().stream().filter(s -> s.testName().equals("linear: model loads")).findFirst().orElseThrow();
        assertThat(hog.passed()).isFalse();
        assertThat(hog.message()).contains("linear.pt used more than 1200 MB of memory (limits.memoryMb) and was stopped");
        assertThat(results.get("3002").points()).as("the hog's other four exercises").isEqualTo(35);
        // Two when the slow line was still running as the hog broke the worker (both evaluated again
        // alone); none when it had already answered and the hog, alone in flight, was blamed at once.
        assertThat(pool.retriedAlone()).isIn(0, 2);
        assertThat(pool.replacedWorkers()).isEqualTo(1);
    }

    @Test
    void aWorkerKilledWithTwoModelsInFlightCostsNobodyAnything() throws Exception {
        HostileClass.studentWith(students, "3101-slow", "slow_linear.pt", "linear.pt", List.of());
        HostileClass.studentWith(students, "3102-slow", "slow_linear.pt", "linear.pt", List.of());
        CompletableFuture<Map<String, StudentResult>> run = CompletableFuture.supplyAsync(this::grade);
        long deadline = System.currentTimeMillis() + 60_000;
        while (pool.evaluations() < 2 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        // Both slow lines are sent; each computes for seconds before it can answer.
        Thread.sleep(300);
        ProcessHandle.of(pool.workerPids().get(0)).ifPresent(ProcessHandle::destroyForcibly);

        Map<String, StudentResult> results = run.get(5, TimeUnit.MINUTES);

        assertThat(results.values()).allSatisfy(r -> assertThat(r.points()).as(r.submission().studentId()).isEqualTo(45));
        assertThat(pool.retriedAlone()).isEqualTo(2);
        assertThat(pool.replacedWorkers()).isEqualTo(1);
    }

    private Map<String, StudentResult> grade() {
        try {
            return ClassRun.grade(grader, Submissions.discover(students).students(), 2, null).stream()
                    .collect(Collectors.toMap(r -> r.submission().studentId(), Function.identity()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            grader.close();
        }
    }
}
