package org.dlgrader.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.AbstractThrowableAssert;

/** The lesson's own assignment.json, changed as a teacher would change it, written to a test's folder. */
public final class LessonFile {

    /** A line at the file's first level: keys added after it are the assignment's own. */
    private static final String SEED = "\"seed\": 20261129,";

    private LessonFile() {
    }

    /** The lesson's text as it ships. */
    public static String text() throws IOException {
        return Files.readString(Assignment.DEFAULT, StandardCharsets.UTF_8);
    }

    /** The lesson with {@code from} replaced by {@code to}; the test fails when the lesson does not hold {@code from}. */
    public static Path replacing(Path dir, String from, String to) throws IOException {
        return replacing(dir, text(), from, to);
    }

    /** {@code text} (the lesson, already changed) with {@code keys} added at the file's first level. */
    public static Path withKeys(Path dir, String text, String keys) throws IOException {
        return replacing(dir, text, SEED, SEED + "\n  " + keys);
    }

    /** The lesson with {@code keys} added at the file's first level. */
    public static Path withKeys(Path dir, String keys) throws IOException {
        return withKeys(dir, text(), keys);
    }

    /** What reading {@code file} refuses it with, for the test to say which sentence the teacher sees. */
    public static AbstractThrowableAssert<?, ? extends Throwable> refused(Path file) {
        return assertThatThrownBy(() -> Assignment.load(file)).isInstanceOf(AssignmentError.class);
    }

    private static Path replacing(Path dir, String text, String from, String to) throws IOException {
        assertThat(text).as("the lesson's assignment holds " + from).contains(from);
        Path file = dir.resolve("assignment.json");
        Files.writeString(file, text.replace(from, to), StandardCharsets.UTF_8);
        return file;
    }
}
