package org.dlgrader.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dlgrader.engine.EngineSettings;
import org.dlgrader.grading.Assignment;
import org.dlgrader.grading.ExerciseResult;
import org.dlgrader.grading.ExerciseSpec;
import org.dlgrader.grading.Grader;
import org.dlgrader.grading.Outcome;
import org.dlgrader.grading.Submission;
import org.dlgrader.model.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The free exercise graded as a class run grades it: each shape tried is a job for a worker process
 * (in the sandbox where the machine has one), which sends back outputs and the layers it saw, never
 * a verdict.
 */
class ExampleInWorkerTest {

    @TempDir
    Path dir;

    @Test
    void aWorkerRunsTheExampleOnEachShapeAndReportsItsLayers() throws IOException {
        EngineSettings.applyDefaults();
        Assignment lesson = Assignment.load(Assignment.DEFAULT);
        ExerciseSpec example = lesson.exercises().stream().filter(e -> e.id().equals("pytorch-example")).findFirst().orElseThrow();
        Path found = Files.createDirectories(dir.resolve("2024998-found"));
        Files.copy(Fixtures.file("example/cifar_net_scripted.pt"), found.resolve("example.pt"));
        Path declared = Files.createDirectories(dir.resolve("2024999-declared"));
        Files.copy(Fixtures.file("example/lenet_scripted.pt"), declared.resolve("example.pt"));
        Files.writeString(declared.resolve("submission.properties"), "input.shape=1,1,32,32\n", StandardCharsets.UTF_8);

        WorkerPool pool = new WorkerPool(lesson.limits(), 1, new WorkerPool.Policy(Sandbox.status().available(), null, false));
        try (Grader grader = new Grader(lesson, pool, null)) {
            ExerciseResult tried = grader.grade(new Submission("2024998", "found", null, found), example);
            assertThat(tried.outcome()).isEqualTo(Outcome.MEASURED);
            assertThat(tried.points()).isEqualTo(5);
            assertThat(tried.notes()).contains("output shape [1, 10]", "62,006 parameters",
                    "layers: conv2d 3→6 5×5, conv2d 6→16 5×5, dense 400→120, dense 120→84, dense 84→10");

            ExerciseResult told = grader.grade(new Submission("2024999", "declared", null, declared), example);
            assertThat(told.points()).isEqualTo(5);
            assertThat(told.notes()).contains("ran on input of shape 1×1×32×32, as submission.properties declares", "61,706 parameters");
        }
    }
}
