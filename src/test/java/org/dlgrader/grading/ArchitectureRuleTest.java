package org.dlgrader.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dlgrader.data.FashionMnistLocator;
import org.dlgrader.engine.EngineSettings;
import org.dlgrader.i18n.Language;
import org.dlgrader.i18n.Messages;
import org.dlgrader.i18n.RestoresLanguage;
import org.dlgrader.model.Fixtures;
import org.dlgrader.model.ModelShape;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which networks an exercise accepts ({@code "architecture"}): read and checked with the teacher's
 * mistakes named, and applied to real files graded as a student's are, in both languages.
 */
@ExtendWith(RestoresLanguage.class)
class ArchitectureRuleTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void engine() {
        EngineSettings.applyDefaults();
    }

    private Path lessonWith(String from, String to) throws IOException {
        return LessonFile.replacing(dir, from, to);
    }

    private ExerciseResult grade(Assignment assignment, String exercise, Path model, String name) throws IOException {
        return TestModels.graded(dir, assignment, exercise, model, name);
    }

    @Test
    void theLessonKeepsDenseStacksForTheDenseExercisesAndAcceptsAnyNetworkForKeras() {
        Assignment lesson = Assignment.load(Assignment.DEFAULT);
        assertThat(lesson.exercises()).extracting(ExerciseSpec::id, e -> e.manual() ? null : e.architecture())
                .containsExactly(
                        tuple("linear", Architecture.dense(List.of(1, Architecture.ANY_WIDTHS, 1))),
                        tuple("fashion-mlp", Architecture.dense(List.of(784, Architecture.ANY_WIDTHS, 10))),
                        tuple("fashion-keras", Architecture.ANY),
                        tuple("square", Architecture.dense(List.of(2, Architecture.ANY_WIDTHS, 1))),
                        tuple("pytorch-example", Architecture.ANY),
                        tuple("screenshots", null));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "\"architecture\": {\"dense\": [2, \"*\", 1]} | \"architecture\": \"ani\" | exercise 'square': \"architecture\": \"ani\" is not a rule (did you mean 'any'?); give \"any\" or an object such as {\"dense\": [784, \"*\", 10]}.",
        "\"architecture\": {\"dense\": [2, \"*\", 1]} | \"architecture\": {\"dens\": [2, 1]} | exercise 'square', architecture: unknown key \"dens\" (did you mean 'dense'?); the keys here are dense.",
        "\"architecture\": {\"dense\": [2, \"*\", 1]} | \"architecture\": {\"dense\": [2, \"any\", 1]} | exercise 'square', architecture: \"any\" is not a width: give whole numbers of at least 1, or \"*\" for any hidden layers.",
        "\"architecture\": {\"dense\": [2, \"*\", 1]} | \"architecture\": {\"dense\": [784, \"*\", 1]} | exercise 'square', architecture: the widths must start with the input width and end with the output width of task square (2 and 1).",
        "\"architecture\": {\"dense\": [2, \"*\", 1]} | \"architecture\": {\"dense\": []} | exercise 'square', architecture: \"dense\" must be a list of widths from the input to the output, such as [784, \"*\", 10].",
        "\"architecture\": {\"dense\": [2, \"*\", 1]} | \"architecture\": 7 | exercise 'square': \"architecture\" must be \"any\" or an object such as {\"dense\": [784, \"*\", 10]}, not 7.",
        "\"manual\": true, | \"manual\": true, \"architecture\": \"any\", | exercise 'screenshots' is graded by hand (\"manual\": true): remove \"architecture\""})
    void aTeachersMistakeIsNamedWhenTheFileIsRead(String from, String to, String message) throws IOException {
        Path file = lessonWith(from, to);
        LessonFile.refused(file).hasMessageStartingWith("assignment.json, " + message);
    }

    @Test
    void aStateDictWithinTheRuleIsGradedAndOneOutsideItIsRefusedWithBothShapes() throws IOException {
        ExerciseResult within = grade(Assignment.load(Assignment.DEFAULT), "square", Fixtures.file("square_state_dict.pth"), "square.pth");
        assertThat(within.outcome()).isEqualTo(Outcome.MEASURED);

        Assignment strict = Assignment.load(lessonWith("\"architecture\": {\"dense\": [2, \"*\", 1]}", "\"architecture\": {\"dense\": [2, 32, 1]}"));
        ExerciseResult outside = grade(strict, "square", Fixtures.file("square_state_dict.pth"), "square.pth");
        assertThat(outside.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(outside.points()).isZero();
        assertThat(outside.measurement().reason()).isEqualTo("square.pth is not a network this exercise accepts: expected dense "
                + "layers only, of widths 2 → 32 → 1; found dense 2→64, dense 64→64, dense 64→1.");
    }

    /** Three outputs where one is needed: the task's own words say so, not the rule's. */
    @Test
    void theWrongNumberOfOutputsIsTheShapeGatesToExplain() throws IOException {
        ExerciseResult result = grade(Assignment.load(Assignment.DEFAULT), "square", Fixtures.file("square_three_outputs.pth"), "square.pth");
        assertThat(result.outcome()).isEqualTo(Outcome.MEASURED);
        assertThat(result.scores()).anySatisfy(s -> assertThat(s.message()).contains("the model gives 3 outputs per point; y = x1² + x2² needs 1"));
    }

    @Test
    void theRefusalSpeaksTheClasssLanguage() throws IOException {
        Assignment strict = Assignment.load(lessonWith("\"architecture\": {\"dense\": [2, \"*\", 1]}", "\"architecture\": {\"dense\": [2, 32, 1]}"));
        Messages.use(Language.ZH_CN);
        ExerciseResult outside = grade(strict, "square", Fixtures.file("square_state_dict.pth"), "square.pth");
        assertThat(outside.measurement().reason()).isEqualTo("square.pth 不是这个练习接受的网络：要求 只能有全连接层（dense），各层宽度为 "
                + "2 → 32 → 1；实际是 dense 2→64, dense 64→64, dense 64→1。");
    }

    /** TorchScript is code, but its parameters show its layers: the rule holds for it too. */
    @Test
    void aTorchScriptFileIsCheckedByTheLayersItsParametersShow() throws IOException {
        ExerciseResult within = grade(Assignment.load(Assignment.DEFAULT), "square", Fixtures.file("square_traced.pt"), "square.pt");
        assertThat(within.outcome()).isEqualTo(Outcome.MEASURED);
        Assignment strict = Assignment.load(lessonWith("\"architecture\": {\"dense\": [2, \"*\", 1]}", "\"architecture\": {\"dense\": [2, 1]}"));
        ExerciseResult outside = grade(strict, "square", Fixtures.file("square_traced.pt"), "square.pt");
        assertThat(outside.measurement().reason()).isEqualTo("square.pt is not a network this exercise accepts: expected dense "
                + "layers only, of widths 2 → 1; found dense 2→64, dense 64→64, dense 64→1.");
    }

    @Test
    void aConvolutionalTorchScriptIsRefusedForTheQuickstartsDenseNetwork() throws IOException {
        assumeTrue(FashionMnistLocator.isInstalled(), "FashionMNIST is not installed");
        ExerciseResult result = grade(Assignment.load(Assignment.DEFAULT), "fashion-mlp", Fixtures.file("layer_zoo_scripted.pt"), "quickstart.pt");
        assertThat(result.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(result.measurement().reason()).startsWith("quickstart.pt is not a network this exercise accepts: expected dense "
                + "layers only, of widths 784 → * → 10 (* = any number of hidden layers of any width); found conv2d 1→");
    }

    @Test
    void aFormatThatShowsNoLayersIsNotRefusedButNoted() {
        Architecture dense = Architecture.dense(List.of(2, Architecture.ANY_WIDTHS, 1));
        assertThat(dense.refusal("square.pt", ModelShape.UNKNOWN)).isEmpty();
        assertThat(dense.unchecked(ModelShape.UNKNOWN)).isTrue();
        assertThat(Architecture.ANY.unchecked(ModelShape.UNKNOWN)).isFalse();
    }

    /** Named parameters as TorchScript lists them: a recurrent layer's weights are no dense layer's. */
    @Test
    void parametersThatAreNoLayersWeightAreOtherLayers() {
        Map<String, long[]> named = new LinkedHashMap<>();
        named.put("fc1.weight", new long[] {64, 784});
        named.put("fc1.bias", new long[] {64});
        named.put("rnn.weight_ih_l0", new long[] {256, 64});
        named.put("fc2.weight", new long[] {10, 64});
        ModelShape shape = ModelShape.ofParameters(named);
        assertThat(shape.parameters()).isEqualTo(64 * 784 + 64 + 256 * 64 + 640);
        assertThat(shape.describeLayers()).isEqualTo("dense 784→64, other 256×64, dense 64→10");
        assertThat(Architecture.dense(List.of(784, Architecture.ANY_WIDTHS, 10)).refusal("m.pt", shape)).isPresent();
    }

    @Test
    void aStarStandsForAnyNumberOfHiddenLayersNoneIncluded() {
        Architecture quickstart = Architecture.dense(List.of(784, Architecture.ANY_WIDTHS, 10));
        assertThat(quickstart.refusal("m", ModelShape.ofWidths(List.of(784, 10)))).isEmpty();
        assertThat(quickstart.refusal("m", ModelShape.ofWidths(List.of(784, 512, 512, 10)))).isEmpty();
        assertThat(quickstart.refusal("m", ModelShape.ofWidths(List.of(784, 512, 9)))).isPresent();
        Architecture exact = Architecture.dense(List.of(784, 512, 512, 10));
        assertThat(exact.refusal("m", ModelShape.ofWidths(List.of(784, 512, 512, 10)))).isEmpty();
        assertThat(exact.refusal("m", ModelShape.ofWidths(List.of(784, 128, 10)))).isPresent();
    }
}
