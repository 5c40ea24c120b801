package org.dlgrader.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The lesson's assignment.json with {@code "handedIn"} as a teacher would write it: a key left out
 * keeps its default, and each mistake stops the run with a sentence naming the key.
 */
class HandedInLimitsReaderTest {

    /** The lesson's "handedIn" block: its keys, then its closing brace at the file's first level. */
    static final String LESSONS_BLOCK = "(?s)\"handedIn\": \\{.*?\n  \\},";

    @TempDir
    Path dir;

    private Path lessonWith(String keys) throws IOException {
        // The lesson's own block, with its defaults, goes: a second one would be read over the test's.
        return LessonFile.withKeys(dir, LessonFile.text().replaceFirst(LESSONS_BLOCK, ""), keys);
    }

    @Test
    void theLessonWritesTheDefaultsOutAndWithoutTheBlockTheyHold() throws IOException {
        assertThat(Assignment.load(Assignment.DEFAULT).handedIn()).isEqualTo(HandedInLimits.DEFAULTS)
                .isEqualTo(new HandedInLimits(12, 10, 8, 5, 5, 200, 10_000, 200_000, 10, 200, 50_000));
        assertThat(Files.readString(lessonWith(""), StandardCharsets.UTF_8)).doesNotContain("handedIn");
        assertThat(Assignment.load(lessonWith("")).handedIn()).isEqualTo(HandedInLimits.DEFAULTS);
    }

    @Test
    void aKeyLeftOutKeepsItsDefaultAndOneExerciseKeepsTheLimits() throws IOException {
        Assignment read = Assignment.load(lessonWith("\"handedIn\": {\"maxPictures\": 20, \"maxPicturesMbPerPage\": 15, \"maxScripts\": 0},"));
        assertThat(read.handedIn()).isEqualTo(new HandedInLimits(20, 10, 15, 5, 5, 200, 10_000, 200_000, 0, 200, 50_000));
        assertThat(read.only("square").handedIn()).isEqualTo(read.handedIn());
        assertThat(read.withManualGrades(ManualGrades.NONE).handedIn()).isEqualTo(read.handedIn());
        assertThat(read.handedIn().picturesBytesPerPage()).isEqualTo(15L << 20);
        assertThat(read.handedIn().scriptFileBytes()).isEqualTo(200L << 10);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "\"handedIn\": {\"maxPicture\": 20}, | assignment.json, handedIn: unknown key \"maxPicture\" (did you mean 'maxPictures'?)",
        "\"handedin\": {\"maxPictures\": 20}, | assignment.json: unknown key \"handedin\" (did you mean 'handedIn'?)",
        "\"handedIn\": {\"maxPictures\": -1}, | assignment.json, handedIn: \"maxPictures\" must be a whole number of at least 0, not -1.",
        "\"handedIn\": {\"maxPictureFileMb\": 0}, | assignment.json, handedIn: \"maxPictureFileMb\" must be a whole number of at least 1, not 0.",
        "\"handedIn\": {\"maxPicturesMbPerPage\": 2.5}, | assignment.json, handedIn: \"maxPicturesMbPerPage\" must be a whole number of at least 1, not 2.5.",
        "\"handedIn\": {\"maxScriptChars\": \"50000\"}, | assignment.json, handedIn: \"maxScriptChars\" must be a whole number of at least 1, not \"50000\".",
        "\"handedIn\": {\"maxNotebookCells\": 99999999999}, | assignment.json, handedIn: \"maxNotebookCells\" must be a whole number of at least 0, not 99999999999.",
        "\"handedIn\": 12, | assignment.json: \"handedIn\" must be an object",
    })
    void aMistakeIsNamed(String keys, String message) throws IOException {
        Path file = lessonWith(keys);
        LessonFile.refused(file).hasMessageStartingWith(message);
    }
}
