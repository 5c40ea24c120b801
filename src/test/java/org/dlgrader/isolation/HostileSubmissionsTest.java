package org.dlgrader.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.dlgrader.engine.EngineSettings;
import org.dlgrader.data.FashionMnistLocator;
import org.dlgrader.grading.Assignment;
import org.dlgrader.grading.Grader;
import org.dlgrader.grading.Limits;
import org.dlgrader.grading.MeasurementCache;
import org.dlgrader.run.ClassRun;
import org.dlgrader.run.Runners;
import org.dlgrader.grading.Score;
import org.dlgrader.grading.StudentResult;
import org.dlgrader.grading.Submissions;
import org.dlgrader.report.Reports;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * A class of hostile and broken submissions graded in worker processes. Each hostile student is
 * the good student with one file swapped: that exercise scores zero with its own message, their
 * other four exercises and every other student keep full points.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileSubmissionsTest {

    static final Limits LIMITS = new Limits(true, 2, 15, 1200, 1, 5, 256, 2);
    private final Map<String, StudentResult> results = new LinkedHashMap<>();
    private Path root;
    private WorkerPool pool;

    @BeforeAll
    void gradeTheHostileClass() throws IOException, InterruptedException {
        assumeTrue(FashionMnistLocator.isInstalled(), "FashionMNIST is not installed");
        EngineSettings.applyDefaults();
        Path work = Files.createDirectories(Path.of("target", "hostile"));
        root = Files.createTempDirectory(work, "class");
        Path assignmentFile = HostileClass.assignment(root, LIMITS);
        Path students = Files.createDirectories(root.resolve("submissions"));

        HostileClass.goodStudent(students, "1000-good");
        HostileClass.studentWith(students, "1001-hang", "hang.pt", "linear.pt", List.of());
        HostileClass.studentWith(students, "1002-memory", "memory_hog.pt", "square.pt", List.of());
        HostileClass.studentWith(students, "1003-bomb", "bomb.pth", "model.pth", List.of());
        HostileClass.studentWith(students, "1004-kerasbomb", "bomb.keras", "image_classify.keras", List.of("image_classify.h5"));
        HostileClass.studentWith(students, "1005-cuth5", "square_truncated.h5", "square.h5", List.of("square.pth"));
        HostileClass.studentWith(students, "1006-empty", "empty.pth", "linear.pth", List.of());
        HostileClass.studentWith(students, "1007-random", "random.pth", "model.pth", List.of());
        HostileClass.studentWith(students, "1008-lfs", "lfs_pointer.pth", "square.pth", List.of());
        HostileClass.studentWith(students, "1009-cutzip", "square_truncated.pth", "square.pth", List.of());
        HostileClass.studentWith(students, "1010-pickle", "square_full_module.pth", "square.pth", List.of());
        HostileClass.studentWith(students, "1011-nan", "square_nan.pth", "square.pth", List.of());
        HostileClass.studentWith(students, "1012-shape", "square_three_outputs.pth", "square.pth", List.of());
        Path big = HostileClass.goodStudent(students, "1013-big");
        byte[] junk = new byte[6 << 20];
        new Random(1).nextBytes(junk);
        Files.write(big.resolve("model.pth"), junk);
        Path link = HostileClass.goodStudent(students, "1014-link");
        Files.delete(link.resolve("linear.pth"));
        Files.createSymbolicLink(link.resolve("linear.pth"), Path.of("/etc/passwd"));
        Path many = HostileClass.goodStudent(students, "1015-many");
        for (int i = 0; i < 500; i++) {
            Files.writeString(many.resolve("notes-" + i + ".txt"), "epoch " + i);
        }
        Path oddName = HostileClass.goodStudent(students, "1016-oddname");
        // A file name that is not UTF-8 (Latin-1 "é"), as old zip tools leave them; made by the shell
        // because Java cannot spell it.
        new ProcessBuilder("/bin/sh", "-c", "printf x > \"$1/caf$(printf '\\351').pth\"", "sh", oddName.toString())
                .inheritIO().start().waitFor();

        Assignment assignment = Assignment.load(assignmentFile);
        pool = new WorkerPool(assignment.limits(), 2, Runners.policy(false));
        Reports reports = new Reports(root.resolve("reports"), assignment);
        try (Grader grader = new Grader(assignment, pool, new MeasurementCache(root.resolve("reports/.cache"), assignment))) {
            List<StudentResult> graded = ClassRun.grade(grader, Submissions.discover(students).students(), 3, reports);
            graded.forEach(r -> results.put(r.submission().studentId(), r));
            reports.wholeClass(graded, List.of(), List.of());
        }
    }

    private Score score(String student, String test) {
        return results.get(student).scores().stream().filter(s -> s.testName().equals(test)).findFirst().orElseThrow();
    }

    @Test
    void theGoodStudentAndTheHarmlessOddOnesKeepFullPoints() {
        assertThat(results).hasSize(17);
        for (String id : List.of("1000", "1015", "1016")) {
            assertThat(results.get(id).points()).as(id).isEqualTo(45);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "1001 | linear: model loads | took longer than 15 s to load and evaluate (limits.secondsPerModel)",
        "1002 | square: model loads | used more than 1200 MB of memory (limits.memoryMb) and was stopped",
        "1003 | fashion-mlp: model loads | looks like a zip bomb and was not unpacked",
        "1004 | fashion-keras: model loads | looks like a zip bomb and was not unpacked",
        "1005 | square: model loads | square.h5 is cut off: it has 11,320 bytes, but the file itself says it is 33,960 bytes long",
        "1006 | linear: model loads | linear.pth is empty (0 bytes)",
        "1007 | fashion-mlp: model loads | model.pth is not a model file the grader knows",
        "1008 | square: model loads | it is a Git LFS pointer, not the model: run `git lfs pull`",
        "1009 | square: model loads | square.pth is a zip archive (the container of torch.save, TorchScript and .keras files) but it is damaged or cut off",
        "1010 | square: model loads | square.pth is not a state_dict: it asks Python to build torch.nn.modules.container.Sequential",
        "1011 | square: outputs finite | square.pth gives NaN or infinite outputs",
        "1012 | square: output shape | the model gives 3 outputs per point; y = x1² + x2² needs 1",
        "1013 | fashion-mlp: model loads | model.pth is 6 MB, over the 5 MB limit for one model (limits.maxFileMb)",
        "1014 | linear: model loads | linear.pth is a symbolic link. The grader reads only real files inside your folder"})
    void eachBadFileFailsAloneWithItsReason(String student, String test, String message) {
        Score score = score(student, test);
        assertThat(score.passed()).isFalse();
        assertThat(score.message()).contains(message);
        assertThat(results.get(student).points()).as("the other four exercises of " + student).isEqualTo(35);
    }

    @Test
    void workersThatHungOrBloatedWereReplaced() {
        // The hang and the hog are TorchScript: each ran in a worker of its own, and each cost that worker.
        assertThat(pool.replacedWorkers()).isEqualTo(2);
        assertThat(pool.retriedAlone()).isZero();
    }

    @Test
    void theClassReportListsWhoCouldNotBeGraded() throws IOException {
        String page = Files.readString(root.resolve("reports/index.html"));
        assertThat(page).contains("1001").contains("not gradable").contains("limits.secondsPerModel");
    }
}
