package org.dlgrader.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.dlgrader.engine.EngineSettings;
import org.dlgrader.data.FashionMnistLocator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The example class in {@code submissions/} graded against {@code assignment.json}: what a
 * newcomer's first {@code mvn verify} shows must stay what the README promises.
 */
@Tag("slow")
class ExampleClassTest {

    private static List<StudentResult> results;

    @BeforeAll
    static void grade() throws IOException {
        EngineSettings.applyDefaults();
        assumeTrue(FashionMnistLocator.isInstalled(), "FashionMNIST is not installed");
        Grader grader = new Grader(Assignment.load(Assignment.DEFAULT), new org.dlgrader.model.LocalRunner(), null);
        results = Submissions.discover(Path.of("submissions")).students().stream().map(grader::grade).toList();
    }

    private static StudentResult student(String id) {
        return results.stream().filter(r -> r.submission().studentId().equals(id)).findFirst().orElseThrow();
    }

    private static Score score(String id, String test) {
        return student(id).scores().stream().filter(s -> s.testName().equals(test)).findFirst().orElseThrow();
    }

    /** A state_dict that loads and then fails on the exercise's input once said "model loads ✔" and then "✘". */
    @Test
    void everyCheckHasOneNameAndOneVerdict() {
        for (StudentResult result : results) {
            for (ExerciseResult exercise : result.exercises()) {
                List<String> names = exercise.scores().stream().map(Score::check).toList();
                assertThat(names).as(result.submission().studentId() + " " + exercise.exercise().id()).doesNotHaveDuplicates();
            }
        }
    }

    @Test
    void theLessonsOwnRecipesEarnFullPoints() {
        assertThat(student("2024001").points()).isEqualTo(45);
        assertThat(student("2024001").submission().name()).isEqualTo("张三");
    }

    @Test
    void torchScriptAndAKeras3SoftmaxFileEarnFullPoints() {
        StudentResult wang = student("2024003");
        assertThat(wang.points()).isEqualTo(45);
        assertThat(wang.submission().name()).isEqualTo("王 小明");
        assertThat(wang.submission().email()).isEqualTo("xiaoming@example.edu");
        assertThat(wang.exercises().get(2).notes()).contains("outputs already sum to 1: softmax detected, scored as probabilities");
    }

    @Test
    void typicalMistakesLosePointsWithReasons() {
        assertThat(score("2024002", "linear: weight w").passed()).isFalse();
        assertThat(score("2024002", "linear: weight w").points()).isBetween(0.5, 4.9);
        assertThat(score("2024002", "fashion-mlp: test accuracy").message())
                .matches("accuracy 0\\.\\d{3} is below the required 0\\.620 \\(reference 0\\.642\\)");
        assertThat(score("2024002", "fashion-keras: model file").message())
                .isEqualTo("no model file for fashion-keras in 2024002-李四; accepted names: image_classify.h5, "
                        + "image_classify.keras, image_classify.pt, image_classify.params, image_classify.onnx");
        assertThat(score("2024002", "fashion-keras: test accuracy").points()).isZero();
        assertThat(score("2024002", "square: model loads").message())
                .startsWith("square.pth is not a state_dict: it asks Python to build torch.nn.modules.container.Sequential");
        assertThat(student("2024002").points()).isBetween(5.0, 25.0);
    }
}
