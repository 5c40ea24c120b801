package org.dlgrader.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dlgrader.data.FashionMnistLocator;
import org.dlgrader.engine.EngineSettings;
import org.dlgrader.grading.ExerciseResult;
import org.dlgrader.grading.Outcome;
import org.dlgrader.grading.Shard;
import org.dlgrader.grading.StudentResult;
import org.dlgrader.report.Chromium;
import org.dlgrader.run.ClassRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The attacks of {@code fixtures/attacks}, each handed in beside good students and graded by the
 * real grading run. Graded as a teacher grades, every attack is refused before it runs (the
 * TorchScript operator check). With that check turned off, the sandbox and the worker's idle check
 * hold on their own: nothing outside the sandbox is read or changed, nothing forged is believed,
 * nothing outlives its job, and only the attacker loses points.
 */
@Tag("slow")
class SandboxAttacksTest {

    private static final String SKIP_CHECK = "-D" + org.dlgrader.model.torchscript.TorchScriptLoaderAccess.SKIP_CHECK_PROPERTY + "=true";

    /** What one grading run of the attack class left behind. */
    abstract static class Graded {
        final Map<String, StudentResult> results = new LinkedHashMap<>();
        Map<String, String> submissionsBefore;
        Map<String, String> submissionsAfter;

        void gradeTheClass() throws Exception {
            assumeTrue(FashionMnistLocator.isInstalled(), "FashionMNIST is not installed");
            assumeTrue(Sandbox.status().available(), "no sandbox here: " + Sandbox.status().reason());
            EngineSettings.applyDefaults();
            Path assignment = AttackClass.build();
            submissionsBefore = AttackClass.checksums(AttackClass.SUBMISSIONS);
            ClassRun.Graded graded = ClassRun.gradeFolder(assignment, AttackClass.SUBMISSIONS, AttackClass.REPORTS, Shard.ALL);
            graded.results().forEach(r -> results.put(r.submission().studentId(), r));
            submissionsAfter = AttackClass.checksums(AttackClass.SUBMISSIONS);
        }

        ExerciseResult exercise(String student, String exercise) {
            return results.get(student).exercises().stream().filter(e -> e.exercise().id().equals(exercise)).findFirst().orElseThrow();
        }

        String loadsMessage(String student, String exercise) {
            return exercise(student, exercise).scores().stream().filter(s -> s.check().equals("model loads")).findFirst()
                    .orElseThrow().message();
        }

        @Test
        void theVictimAndEveryAttackersOtherExercisesKeepFullPoints() {
            assertThat(results).hasSize(10);
            assertThat(results.get("2100").points()).as("the victim").isEqualTo(45);
            for (AttackClass.Attacker attacker : AttackClass.ATTACKERS) {
                StudentResult result = results.get(attacker.id());
                assertThat(exercise(attacker.id(), attacker.exercise()).points()).as(attacker.folder() + " from its attack").isZero();
                assertThat(result.points()).as(attacker.folder() + "'s four other exercises").isEqualTo(35);
            }
        }

        @Test
        void noFileOutsideTheSandboxWasReadWrittenOrMade() throws IOException {
            assertThat(submissionsAfter).as("checksums of every file in submissions/").isEqualTo(submissionsBefore);
            for (Path write : AttackClass.WRITES) {
                assertThat(write).as("made by a model").doesNotExist();
            }
            // What students and the class page read; class-results.json keeps the folders for merging shards.
            for (Path page : Files.walk(AttackClass.REPORTS).filter(p -> p.toString().endsWith(".html")
                    || p.getFileName().toString().equals("results.json")).toList()) {
                String text = Files.readString(page, StandardCharsets.UTF_8);
                assertThat(text).as(page.toString()).doesNotContain("root:x:0:0").doesNotContain("LEAKED passwd")
                        .doesNotContain(AttackClass.ROOT.toString() + "/submissions");
            }
        }

        @Test
        void noPageCarriesTheForgersMarkupEvenInABrowser() throws Exception {
            Path page = AttackClass.REPORTS.resolve("2104/index.html");
            assertThat(Files.readString(page)).doesNotContain("onerror").doesNotContain("pwned");
            assumeTrue(Chromium.installed(), "apt-get install chromium for the browser half");
            Chromium.Page seen = Chromium.load(page);
            assertThat(seen.dom()).contains("<title>forger (2104)").doesNotContain("pwned");
        }

        @Test
        void aSixteenMegabyteErrorMessageIsCutToAFewKilobytes() throws IOException {
            assertThat(Files.size(AttackClass.REPORTS.resolve("2109/index.html"))).isLessThan(400_000);
            assertThat(Files.size(AttackClass.REPORTS.resolve("index.html"))).isLessThan(400_000);
            assertThat(loadsMessage("2109", "linear").length()).isLessThan(2200);
        }

        @Test
        void noWorkerOutlivesTheRun() throws InterruptedException {
            long deadline = System.currentTimeMillis() + 10_000;
            while (workers() > 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            assertThat(workers()).isZero();
        }

        private static long workers() {
            return ProcessHandle.current().descendants()
                    .filter(p -> p.info().commandLine().orElse("").contains(WorkerMain.class.getName())).count();
        }
    }

    /** The teacher's run: every attack is refused by the operator check, with what it called. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class AsGraded extends Graded {

        @BeforeAll
        void grade() throws Exception {
            gradeTheClass();
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
            "2101 | linear | torch.from_file",
            "2102 | fashion-mlp | torch.from_file",
            "2103 | square | torch.save",
            "2104 | square | print",
            "2105 | linear | print",
            "2106 | linear | fork",
            "2107 | square | fork",
            "2108 | linear | torch.from_file"})
        void eachAttackIsRefusedBeforeItRuns(String student, String exercise, String operator) {
            assertThat(exercise(student, exercise).outcome()).isEqualTo(Outcome.REFUSED);
            assertThat(loadsMessage(student, exercise)).contains("runs code that a model does not need, so the grader did not run it")
                    .contains(operator);
        }
    }

    /** The operator check off: the sandbox and the idle check alone. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class TheSandboxAlone extends Graded {

        @BeforeAll
        void grade() throws Exception {
            System.setProperty("grader.workerJvmArgs", SKIP_CHECK);
            try {
                gradeTheClass();
            } finally {
                System.clearProperty("grader.workerJvmArgs");
            }
        }

        @Test
        void filesOutsideTheSandboxDoNotExistForAModel() {
            // The leak and the label cheat find neither /etc/passwd's contents nor the test labels.
            assertThat(loadsMessage("2101", "linear")).doesNotContain("root:").doesNotContain("LEAKED");
            assertThat(exercise("2102", "fashion-mlp").outcome()).isIn(Outcome.REFUSED, Outcome.NOT_GRADABLE);
            assertThat(exercise("2103", "square").outcome()).isIn(Outcome.REFUSED, Outcome.NOT_GRADABLE);
        }

        @Test
        void printedAnswersAreOnlyLogLines() {
            // The forger's own outputs (zeros) are what it is measured on; its printed full marks are ignored.
            ExerciseResult forger = exercise("2104", "square");
            assertThat(forger.outcome()).isEqualTo(Outcome.MEASURED);
            assertThat(forger.measurement().evaluation().metrics().get("mse")).isGreaterThan(0.3);
        }

        @Test
        void workLeftRunningCostsOnlyItsOwnStudent() {
            assertThat(exercise("2105", "linear").outcome()).isEqualTo(Outcome.NOT_GRADABLE);
            assertThat(loadsMessage("2105", "linear")).contains("took longer than 10 s");
            for (String student : new String[] {"2106", "2107"}) {
                String exercise = student.equals("2106") ? "linear" : "square";
                assertThat(exercise(student, exercise).outcome()).as(student).isEqualTo(Outcome.NOT_GRADABLE);
                assertThat(loadsMessage(student, exercise)).as(student).contains("kept its worker busy after it had answered");
            }
        }

        @Test
        void fillingSharedMemoryCrashesOnlyTheFillersWorker() {
            assertThat(exercise("2108", "linear").outcome()).isEqualTo(Outcome.NOT_GRADABLE);
            assertThat(Path.of("/dev/shm/dl-grader-attack-fill")).doesNotExist();
        }
    }

    @AfterAll
    static void cleanUp() throws IOException {
        org.dlgrader.io.Folders.delete(AttackClass.ROOT);
    }
}
