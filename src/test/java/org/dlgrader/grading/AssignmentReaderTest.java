package org.dlgrader.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import org.dlgrader.grading.rules.AtLeast;
import org.dlgrader.grading.rules.Within;
import org.dlgrader.i18n.Language;
import org.dlgrader.i18n.Messages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The lesson's own assignment.json, changed one mistake at a time as a teacher might: each is
 * refused when the file is read, with a sentence that names the exercise, the check and the key,
 * and the nearest valid name, before any student is graded.
 */
class AssignmentReaderTest {

    @TempDir
    Path dir;

    private Path lessonWith(String from, String to) throws IOException {
        return LessonFile.replacing(dir, from, to);
    }

    @Test
    void theLessonsAssignmentReadsIntoTypedRules() {
        Assignment lesson = Assignment.load(Assignment.DEFAULT);
        assertThat(lesson.exercises()).extracting(ExerciseSpec::id).containsExactly("linear", "fashion-mlp", "fashion-keras", "square", "pytorch-example",
                "screenshots");
        assertThat(lesson.exercises().get(1).checks().get(0).rule()).isEqualTo(new AtLeast(0.62, 0.30));
        assertThat(lesson.exercises().get(0).checks().get(0).rule()).isEqualTo(new Within(5.0, 0.15, 1.0));
        assertThat(lesson.maxPoints()).isEqualTo(55);
        assertThat(lesson.exercises().get(5).manual()).isTrue();
        assertThat(lesson.testSetChecks()).isEqualTo(new TestSetChecks(4_000, 0.04, 4_000, 0.10, false));
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', value = {
        "\"metric\": \"accuracy\", \"points\": 10, \"atLeast\": 0.62 | \"metric\": \"acuracy\", \"points\": 10, \"atLeast\": 0.62 | exercise 'fashion-mlp', check 'test accuracy': \"metric\": \"acuracy\" is not measured for task 'fashion-mlp' (did you mean 'accuracy'?); it measures accuracy, loss.",
        "\"atLeast\": 0.62, \"partialFrom\": 0.30 | \"atleast\": 0.62, \"partialFrom\": 0.30 | exercise 'fashion-mlp', check 'test accuracy': unknown key \"atleast\" (did you mean 'atLeast'?)",
        "\"task\": \"square\" | \"task\": \"sqaure\" | exercise 'square': \"task\": \"sqaure\" is not an exercise the grader knows (did you mean 'square'?)",
        "\"points\": 10, \"atMost\": 0.001 | \"points\": 0, \"atMost\": 0.001 | exercise 'square', check 'test MSE': \"points\" must be more than 0 (it is 0.000).",
        "\"atLeast\": 0.86, \"partialFrom\": 0.50 | \"atLeast\": 0.86, \"partialFrom\": 0.90 | exercise 'fashion-keras', check 'test accuracy': \"partialFrom\" (0.900) must be below \"atLeast\" (0.860)",
        "\"atMost\": 0.001, \"partialUpTo\": 0.05 | \"atMost\": 0.001, \"partialUpTo\": 0.05, \"atLeast\": 0.5 | exercise 'square', check 'test MSE' must have exactly one rule",
        "\"secondsPerModel\": 120, | \"secondsPerModle\": 120, | limits: unknown key \"secondsPerModle\" (did you mean 'secondsPerModel'?)",
        "\"memoryMb\": 2048, | \"memoryMb\": \"lots\", | limits: \"memoryMb\" must be a whole number of at least 256, not \"lots\".",
        "\"square.pt\", \"square.pth\" | \"square.tflite\", \"square.pth\" | exercise 'square': the file name 'square.tflite' ends in '.tflite', which no model format the grader reads is saved as",
        "\"sameWeights\": 0.6, \"sharedMistakes\": 0.99 | \"sameWeights\": 50, \"sharedMistakes\": 0.99 | exercise 'square', integrity: \"sameWeights\" must be a share above 0 and at most 1, not 50.0.",
        "\"integrity\": {\"identicalFile\": true} | \"integrity\": {\"identicalFile\": true, \"sharedMistakes\": 0.99} | exercise 'linear', integrity: \"sharedMistakes\" compares two models' mistakes, and task linear has no answer key",
        "\"integrity\": {\"identicalFile\": true} | \"integrity\": {\"identicalFiles\": true} | exercise 'linear', integrity: unknown key \"identicalFiles\" (did you mean 'identicalFile'?)",
        "\"linear.pt\", \"linear.pth\" | \"linear.pt\", \"square.pth\" | exercises 'linear' and 'square' both accept square.pth; one file would be graded twice.",
        "\"maxGap\": 0.04, | \"maxGapp\": 0.04, | testSetChecks: unknown key \"maxGapp\" (did you mean 'maxGap'?)",
        "\"maxPrivateDrop\": 0.10, | \"maxPrivateDrop\": 10, | testSetChecks: \"maxPrivateDrop\" is a difference in accuracy, between 0 and 1, not 10.000.",
        "\"trainingSample\": 4000, | \"trainingSample\": -1, | testSetChecks: \"trainingSample\" must be a whole number of at least 0, not -1.",
        "\"privateSample\": 4000, | \"privateSample\": 5000, | testSetChecks: \"privateSample\" must be a multiple of 2000, not 5000: models are fed images in batches of that size, all full for the test set, and a model that handles only full batches must not fail on these images.",
        "\"showStudents\": false | \"showStudents\": \"no\" | testSetChecks: \"showStudents\" must be true or false, not \"no\"."})
    void eachMistakeIsNamedWhereItIs(String from, String to, String message) throws IOException {
        Path file = lessonWith(from, to);
        LessonFile.refused(file).hasMessageStartingWith("assignment.json").hasMessageContaining(message);
    }

    @Test
    void anExerciseWithoutChecksCouldGiveNoPoints() throws IOException {
        Path file = lessonWith("\"checks\": [\n        {\"name\": {\"zh-CN\": \"测试集 MSE\", \"en\": \"test MSE\"}, \"metric\": \"mse\", \"points\": 10, \"atMost\": 0.001, "
                + "\"partialUpTo\": 0.05, \"reference\": 1.5e-5}\n      ]", "\"checks\": []");
        assertThatThrownBy(() -> Assignment.load(file)).hasMessage("assignment.json, exercise 'square' has no checks: it could give no points. Add at least one check.");
    }

    @Test
    void aFileThatIsNotJsonSaysWhere() throws IOException {
        Path file = lessonWith("\"seed\": 20261129,", "\"seed\": 20261129");
        assertThatThrownBy(() -> Assignment.load(file)).isInstanceOf(AssignmentError.class)
                .hasMessageContaining("Could not read the assignment file").hasMessageContaining("line");
    }

    @Test
    void aChineseClassesTeacherIsToldInChinese() throws IOException {
        // The lesson's file says "zh-CN"; the tests' -Dgrader.lang=en would win over it.
        String override = System.clearProperty(Language.PROPERTY);
        try {
            Path file = lessonWith("\"metric\": \"accuracy\", \"points\": 10, \"atLeast\": 0.62",
                    "\"metric\": \"acuracy\", \"points\": 10, \"atLeast\": 0.62");
            assertThatThrownBy(() -> Assignment.load(file)).hasMessage("assignment.json，练习 'fashion-mlp'，检查项 '测试集准确率'："
                    + "\"metric\"：任务 'fashion-mlp' 不测量 \"acuracy\"（是不是想写 'accuracy'？）；它测量的有：accuracy, loss。");
            // A check may not take a gate's name in any language: on a Chinese page it would read as the gate.
            Path gate = lessonWith("{\"zh-CN\": \"偏置 b\", \"en\": \"bias b\"}", "\"模型文件\"");
            assertThatThrownBy(() -> Assignment.load(gate)).hasMessageContaining("'模型文件' 是每个练习都有的前置检查的名字");
        } finally {
            if (override != null) {
                System.setProperty(Language.PROPERTY, override);
            }
            Messages.use(Language.EN);
        }
    }
}
