package org.dlgrader.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The lesson's assignment.json with a deadline added as a teacher would write it, and with the
 * mistakes a teacher makes: each stops the run with a sentence naming the key and showing how to
 * write it.
 */
class DeadlineReaderTest {

    @TempDir
    Path dir;

    private Path lessonWith(String keys) throws IOException {
        return LessonFile.withKeys(dir, keys);
    }

    @Test
    void theLessonHasNoDeadline() {
        assertThat(Assignment.load(Assignment.DEFAULT).latePolicy()).isEmpty();
    }

    @Test
    void aDeadlineWithItsPolicyIsReadOnce() throws IOException {
        Assignment read = Assignment.load(lessonWith(
                "\"deadline\": \"2026-12-07T23:59:00+08:00\", \"late\": {\"graceMinutes\": 10, \"penaltyPerDay\": 0.1, \"maxPenalty\": 0.5},"));
        assertThat(read.latePolicy()).contains(new LatePolicy(OffsetDateTime.parse("2026-12-07T23:59:00+08:00"), 10, 0.1, 0.5, false));
        assertThat(read.only("square").latePolicy()).isEqualTo(read.latePolicy());
        assertThat(Assignment.load(lessonWith("\"deadline\": \"2026-12-07T23:59:00Z\", \"late\": {\"refuse\": true},")).latePolicy())
                .contains(new LatePolicy(OffsetDateTime.parse("2026-12-07T23:59:00Z"), 0, 0, 1, true));
        assertThat(Assignment.load(lessonWith("\"deadline\": \"2026-12-07T23:59:00Z\", \"late\": {\"penaltyPerDay\": 0.1, \"fileTimes\": true},"))
                .latePolicy()).contains(new LatePolicy(OffsetDateTime.parse("2026-12-07T23:59:00Z"), 0, 0.1, 1, false, true));
        // A deadline alone shows who was late and takes nothing off.
        assertThat(Assignment.load(lessonWith("\"deadline\": \"2026-12-07T23:59:00+08:00\",")).latePolicy().orElseThrow().penaltyPerDay())
                .isZero();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "\"deadline\": \"2026-12-07 23:59\", | assignment.json: \"deadline\" must be a date and time with its time zone, e.g. \"2026-12-07T23:59:00+08:00\" (+08:00 is China Standard Time), not \"2026-12-07 23:59\".",
        "\"deadline\": \"2026-12-07T23:59:00\", | assignment.json: \"deadline\" must be a date and time with its time zone, e.g. \"2026-12-07T23:59:00+08:00\" (+08:00 is China Standard Time), not \"2026-12-07T23:59:00\".",
        "\"deadline\": 20261207, | assignment.json: \"deadline\" must be a date and time with its time zone, e.g. \"2026-12-07T23:59:00+08:00\" (+08:00 is China Standard Time), not 20261207.",
        "\"dealine\": \"2026-12-07T23:59:00+08:00\", | assignment.json: unknown key \"dealine\" (did you mean 'deadline'?)",
        "\"deadline\": \"2026-12-07T23:59:00+08:00\"&#44; \"late\": {\"penaltyPerDya\": 0.1}, | assignment.json, late: unknown key \"penaltyPerDya\" (did you mean 'penaltyPerDay'?)",
        "\"late\": {\"penaltyPerDay\": 0.1}, | assignment.json: \"late\" says what late work costs, but there is no \"deadline\" to be late for; add one, e.g. \"deadline\": \"2026-12-07T23:59:00+08:00\".",
        "\"deadline\": \"2026-12-07T23:59:00+08:00\"&#44; \"late\": {\"penaltyPerDay\": 10}, | assignment.json, late: \"penaltyPerDay\" is a share of the student's points, from 0 to 1 (0.1 takes a tenth), not 10.000.",
        "\"deadline\": \"2026-12-07T23:59:00+08:00\"&#44; \"late\": {\"refuse\": true&#44; \"penaltyPerDay\": 0.1}, | assignment.json, late: with \"refuse\": true late work scores 0, so \"penaltyPerDay\" would never apply; keep one of them.",
        "\"deadline\": \"2026-12-07T23:59:00+08:00\"&#44; \"late\": {\"maxPenalty\": 0.5}, | assignment.json, late: \"maxPenalty\" caps \"penaltyPerDay\", which is not given; add it, e.g. \"penaltyPerDay\": 0.1.",
        "\"deadline\": \"2026-12-07T23:59:00+08:00\"&#44; \"late\": {\"graceMinutes\": -5}, | assignment.json, late: \"graceMinutes\" must be a whole number of at least 0, not -5.",
    })
    void aMistakeIsNamedWithAnExample(String keys, String message) throws IOException {
        Path file = lessonWith(keys.replace("&#44;", ","));
        LessonFile.refused(file).hasMessageStartingWith(message);
    }
}
