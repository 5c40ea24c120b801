package org.dlgrader.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.dlgrader.data.FashionMnistLocator;
import org.dlgrader.engine.EngineSettings;
import org.dlgrader.exercise.Probe;
import org.dlgrader.grading.Assignment;
import org.dlgrader.grading.ExerciseResult;
import org.dlgrader.grading.Limits;
import org.dlgrader.grading.PrivateSeed;
import org.dlgrader.grading.Shard;
import org.dlgrader.grading.StudentResult;
import org.dlgrader.grading.integrity.Finding;
import org.dlgrader.model.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A class graded as a teacher grades it, models in worker processes: the quickstart network trained
 * on the test set (TorchScript, python/make_fixtures.py testset) beside the example class's honest
 * one. The workers get the training images and the perturbed test set as rows like the test set,
 * never a label; the findings name only the student who trained on the test set, and no points change.
 */
@Tag("slow")
class TestSetFindingsRunTest {

    @TempDir
    Path dir;
    private Path assignment;
    private Path submissions;

    @BeforeEach
    void aClassOfTwo() throws IOException {
        EngineSettings.applyDefaults();
        assumeTrue(FashionMnistLocator.isInstalled(), "FashionMNIST is not installed");
        submissions = dir.resolve("submissions");
        Files.copy(Fixtures.DIR.resolve("test-set/test_trained.pt"), Files.createDirectories(submissions.resolve("3001-cheat"))
                .resolve("quickstart.pt"));
        Files.copy(Path.of("submissions", "2024001-张三", "model.pth"), Files.createDirectories(submissions.resolve("3002-honest"))
                .resolve("model.pth"));
        assignment = Assignment.copyWithLimits(Assignment.DEFAULT, new Limits(true, 1, 120, 2048, 1, 100, 512, 2),
                dir.resolve("assignment.json"));
    }

    @AfterEach
    void noSecret() {
        System.clearProperty(PrivateSeed.PROPERTY);
    }

    /** What the class's integrity report says of models that know the test set. */
    private static java.util.List<Finding> testSetFindings(ClassRun.Graded graded, Path reports) {
        return org.dlgrader.grading.integrity.Findings.gather(graded.assignment(), graded.results(), reports).stream()
                .filter(f -> f.kind().equals(org.dlgrader.grading.integrity.TestSetTraining.KIND)
                        || f.kind().equals(org.dlgrader.grading.integrity.PrivateCheckDrop.KIND))
                .toList();
    }

    private static ExerciseResult mlp(ClassRun.Graded graded, String student) {
        StudentResult result = graded.results().stream().filter(r -> r.submission().studentId().equals(student)).findFirst().orElseThrow();
        return result.exercises().stream().filter(e -> e.exercise().id().equals("fashion-mlp")).findFirst().orElseThrow();
    }

    @Test
    void theStudentWhoTrainedOnTheTestSetIsFoundTwiceAndKeepsThePoints() throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "a phrase no student knows", StandardCharsets.UTF_8);
        System.setProperty(PrivateSeed.PROPERTY, secret.toString());

        ClassRun.Graded graded = ClassRun.gradeFolder(assignment, submissions, dir.resolve("reports"), Shard.ALL);

        Map<String, Double> cheat = mlp(graded, "3001").measurement().evaluation().metrics();
        assertThat(cheat.get("accuracy")).isGreaterThan(0.95);
        assertThat(cheat.get(Probe.TRAINING)).isBetween(0.85, 0.89);
        assertThat(cheat.get(Probe.PRIVATE)).isBetween(0.75, 0.88);
        assertThat(mlp(graded, "3002").measurement().evaluation().metrics()).containsKeys(Probe.TRAINING, Probe.PRIVATE);
        assertThat(testSetFindings(graded, dir.resolve("reports"))).extracting(Finding::kind, Finding::studentA, Finding::exercise).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("test-set-training", "3001", "fashion-mlp"),
                org.assertj.core.groups.Tuple.tuple("private-check-drop", "3001", "fashion-mlp"));
        assertThat(mlp(graded, "3001").points()).isEqualTo(10);
        assertThat(graded.notices()).noneMatch(n -> n.contains("private check"));
        // The teacher reads them where the copies are: integrity.csv and the class page.
        String csv = Files.readString(dir.resolve("reports").resolve("integrity.csv"), StandardCharsets.UTF_8);
        assertThat(csv).contains("test-set-training,fashion-mlp,3001,,").contains("private-check-drop,fashion-mlp,3001,,");
        assertThat(Files.readString(dir.resolve("reports").resolve("index.html"), StandardCharsets.UTF_8))
                .contains("trained on the test set").contains("fails the private check");
    }

    /** The second run replays both models from the cache: the findings must survive it. */
    @Test
    void withoutASecretThePrivateCheckIsSkippedAndTheClassPageSaysSo() throws IOException {
        Path reports = dir.resolve("reports");
        ClassRun.Graded graded = ClassRun.gradeFolder(assignment, submissions, reports, Shard.ALL);
        ClassRun.Graded again = ClassRun.gradeFolder(assignment, submissions, reports, Shard.ALL);

        for (ClassRun.Graded run : java.util.List.of(graded, again)) {
            assertThat(mlp(run, "3001").measurement().evaluation().metrics()).containsKey(Probe.TRAINING).doesNotContainKey(Probe.PRIVATE);
            assertThat(testSetFindings(run, reports)).extracting(Finding::kind, Finding::studentA)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("test-set-training", "3001"));
            assertThat(run.notices()).contains("The private check was skipped: no secret is configured (set GRADER_PRIVATE_SEED or "
                    + "-Dgrader.privateSeedFile to a file outside submissions/).");
        }
        assertThat(Files.readString(reports.resolve("index.html"))).contains("The private check was skipped");
    }

    /**
     * Only the test set where the grader looks (what a student's self-check downloads): the check is
     * skipped without downloading 26 MB, and the teacher's class run says so.
     */
    @Test
    void withoutTheTrainingSetTheCheckIsSkippedAndSaidNotDownloaded() throws IOException {
        Path data = Files.createDirectories(dir.resolve("only-test-set"));
        for (String name : java.util.List.of("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz")) {
            Files.copy(FashionMnistLocator.locate().resolve(name), data.resolve(name));
        }
        // Another sample size than the other tests: samples are kept for the whole run by size and seed.
        Files.writeString(assignment, Files.readString(assignment, StandardCharsets.UTF_8)
                .replaceFirst("\"trainingSample\"\\s*:\\s*\\d+", "\"trainingSample\": 2000"), StandardCharsets.UTF_8);
        System.setProperty(FashionMnistLocator.PROPERTY, data.toString());
        System.setProperty(FashionMnistLocator.DOWNLOAD_PROPERTY, "true");
        try {
            ClassRun.Graded graded = ClassRun.gradeFolder(assignment, submissions, dir.resolve("reports"), Shard.ALL);

            assertThat(mlp(graded, "3001").measurement().evaluation().metrics()).containsKey("accuracy").doesNotContainKey(Probe.TRAINING);
            assertThat(graded.notices()).anyMatch(n -> n.startsWith("The test-set-training check was skipped: the FashionMNIST training set"));
            try (java.util.stream.Stream<Path> files = Files.list(data)) {
                assertThat(files.map(f -> f.getFileName().toString())).doesNotContain("train-images-idx3-ubyte.gz");
            }
        } finally {
            System.clearProperty(FashionMnistLocator.PROPERTY);
            System.clearProperty(FashionMnistLocator.DOWNLOAD_PROPERTY);
        }
    }
}
