package org.dlgrader.grading.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.dlgrader.data.FashionMnistLocator;
import org.dlgrader.engine.EngineSettings;
import org.dlgrader.exercise.Probe;
import org.dlgrader.grading.Assignment;
import org.dlgrader.grading.ExerciseResult;
import org.dlgrader.grading.ExerciseSpec;
import org.dlgrader.grading.Grader;
import org.dlgrader.grading.StudentResult;
import org.dlgrader.grading.Submission;
import org.dlgrader.grading.Submissions;
import org.dlgrader.grading.TestSetChecks;
import org.dlgrader.model.Fixtures;
import org.dlgrader.model.LocalRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every honest FashionMNIST model at hand (the example class, other people's real quickstart and
 * Keras files, the Java references) and the quickstart network trained on the test set
 * ({@code python/make_fixtures.py testset}), graded with the lesson's assignment: only the latter
 * is a test-set-training finding, and only it falls far on the privately perturbed test set.
 * Prints each model's accuracies, the figures {@code assignment.json}'s thresholds were set from.
 */
@Tag("slow")
class TestSetTrainingTest {

    @TempDir
    static Path classFolder;
    private static Assignment assignment;
    private static List<StudentResult> results;
    private static final Map<String, String> MODELS = new LinkedHashMap<>();

    @BeforeAll
    static void gradeEveryFashionModel() throws IOException {
        EngineSettings.applyDefaults();
        assumeTrue(FashionMnistLocator.isInstalled(), "FashionMNIST is not installed");
        Path test = Fixtures.DIR.resolve("test-set");
        add("9000001-cheat", test.resolve("test_trained.pth"), "model.pth");
        add("9000002-cheatts", test.resolve("test_trained.pt"), "quickstart.pt");
        add("9000011-zhang", Path.of("submissions", "2024001-张三", "model.pth"), "model.pth");
        add("9000011-zhang", Path.of("submissions", "2024001-张三", "image_classify.h5"), "image_classify.h5");
        add("9000012-li", Path.of("submissions", "2024002-李四", "model.pth"), "model.pth");
        add("9000013-wang", Path.of("submissions", "2024003-王 小明", "quickstart.pt"), "quickstart.pt");
        add("9000013-wang", Path.of("submissions", "2024003-王 小明", "image_classify.h5"), "image_classify.h5");
        add("9000014-reference", Path.of("reference", "fashion-mlp", "fashion-mlp-0000.params"), "quickstart.params");
        add("9000014-reference", Path.of("reference", "fashion-keras", "fashion-keras-0000.params"), "image_classify.params");
        Path real = realWorld();
        if (real != null) {
            add("9000021-timogden", real.resolve("keras-timogden/fashion_mnist.h5"), "image_classify.h5");
            add("9000022-ntu", real.resolve("keras-ntu-cminusbool/fashion_mnist.h5"), "image_classify.h5");
            add("9000023-tomcha", real.resolve("pth-3tomcha/quickstart_model_f3f6993.pth"), "model.pth");
            add("9000024-abirdey", real.resolve("pth-abirdey/model.pth"), "model.pth");
        }
        assignment = Assignment.load(Assignment.DEFAULT);
        try (Grader grader = new Grader(assignment, new LocalRunner(), null, OptionalLong.of(0x7e57_5eedL))) {
            results = new ArrayList<>();
            for (Submission student : Submissions.discover(classFolder).students()) {
                List<ExerciseResult> graded = new ArrayList<>();
                for (ExerciseSpec spec : assignment.exercises()) {
                    if (spec.id().startsWith("fashion")) {
                        graded.add(grader.grade(student, spec));
                    }
                }
                results.add(new StudentResult(student, graded));
            }
        }
        for (StudentResult student : results) {
            for (ExerciseResult exercise : student.exercises()) {
                if (exercise.measurement().evaluation() != null) {
                    Map<String, Double> m = exercise.measurement().evaluation().metrics();
                    System.out.printf("%-20s %-14s test %.4f  training sample %.4f  test-train %+.4f  same test images %.4f"
                            + "  perturbed %.4f  drop %+.4f%n", student.submission().studentId() + " " + student.submission().name(),
                            exercise.exercise().id(), m.get("accuracy"), m.get(Probe.TRAINING), m.get("accuracy") - m.get(Probe.TRAINING),
                            m.get(Probe.BASELINE), m.get(Probe.PRIVATE), m.get(Probe.BASELINE) - m.get(Probe.PRIVATE));
                }
            }
        }
    }

    @AfterAll
    static void forget() {
        results = null;
    }

    private static void add(String student, Path file, String name) throws IOException {
        Path folder = Files.createDirectories(classFolder.resolve(student));
        Files.copy(file, folder.resolve(name));
        MODELS.put(student + "/" + name, file.toString());
    }

    /** {@link Fixtures#REAL_WORLD}, or the shared folder one level further up where worktrees sit in a folder of their own. */
    private static Path realWorld() {
        for (Path p : List.of(Fixtures.REAL_WORLD, Path.of("..", "..", "shared", "fixtures", "real-world"))) {
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        return null;
    }

    @Test
    void everyModelWasMeasuredOnTheTrainingSampleAndThePerturbedTestSet() {
        int measured = 0;
        for (StudentResult student : results) {
            for (ExerciseResult exercise : student.exercises()) {
                if (exercise.file() != null) {
                    Map<String, Double> metrics = exercise.measurement().evaluation().metrics();
                    assertThat(metrics).as(student.submission().studentId() + " " + exercise.exercise().id())
                            .containsKeys(Probe.TRAINING, Probe.PRIVATE, Probe.BASELINE);
                    measured++;
                }
            }
        }
        assertThat(measured).isEqualTo(MODELS.size());
    }

    @Test
    void onlyTheModelsTrainedOnTheTestSetAreFlagged() {
        List<Finding> findings = TestSetTraining.findings(results, assignment.testSetChecks());

        assertThat(findings).extracting(Finding::studentA).containsExactlyInAnyOrder("9000001", "9000002");
        assertThat(findings).allSatisfy(f -> {
            assertThat(f.kind()).isEqualTo("test-set-training");
            assertThat(f.exercise()).isEqualTo("fashion-mlp");
            assertThat(f.studentB()).isEmpty();
            assertThat(f.evidence()).matches("test accuracy 0\\.9\\d\\d, training-sample accuracy 0\\.8\\d\\d: 0\\.\\d\\d\\d higher on the test set");
            assertThat(f.threshold()).isEqualTo("test accuracy more than 0.040 above the training sample's");
        });
    }

    @Test
    void onlyTheModelsTrainedOnTheTestSetFallOnThePrivateCheck() {
        List<Finding> findings = PrivateCheckDrop.findings(results, assignment.testSetChecks());

        assertThat(findings).extracting(Finding::studentA).containsExactlyInAnyOrder("9000001", "9000002");
        assertThat(findings).allSatisfy(f -> assertThat(f.kind()).isEqualTo("private-check-drop"));
    }

    @Test
    void findingsNeverChangePoints() {
        StudentResult cheat = results.stream().filter(r -> r.submission().studentId().equals("9000001")).findFirst().orElseThrow();
        assertThat(cheat.exercises().get(0).points()).isEqualTo(10);
    }

    @Test
    void studentsSeeTheirPrivateCheckOnlyWhenTheAssignmentSaysSo() throws IOException {
        String line = "accuracy on a copy of the test set changed slightly by the teacher (images moved by a pixel, a little brighter or darker): ";
        assertThat(results).allSatisfy(r -> assertThat(r.exercises()).allSatisfy(e -> assertThat(e.notes()).noneMatch(n -> n.startsWith(line))));

        TestSetChecks shown = new TestSetChecks(4_000, 0.04, 4_000, 0.10, true);
        Assignment showing = new Assignment(assignment.title(), assignment.language(), assignment.seed(), assignment.limits(),
                assignment.exercises(), shown);
        Submission honest = Submissions.discover(classFolder).students().stream().filter(s -> s.studentId().equals("9000011"))
                .findFirst().orElseThrow();
        try (Grader grader = new Grader(showing, new LocalRunner(), null, OptionalLong.of(0x7e57_5eedL))) {
            ExerciseResult mlp = grader.grade(honest, showing.exercises().get(1));
            assertThat(mlp.notes()).containsOnlyOnce(line + String.format(java.util.Locale.ROOT, "%.3f",
                    mlp.measurement().evaluation().metrics().get(Probe.PRIVATE)));
        }
    }
}
