package org.dlgrader.isolation;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.dlgrader.grading.ExerciseResult;
import org.dlgrader.grading.ExerciseSpec;
import org.dlgrader.grading.StoredResult;

/**
 * An exercise result as one line of JSON ({@link StoredResult}, pictures included): how it leaves a
 * worker process and how it sits in the result cache.
 */
final class WireFormat {

    static final ObjectMapper JSON = new ObjectMapper();

    private WireFormat() {
    }

    static String write(ExerciseResult result) {
        try {
            return JSON.writeValueAsString(StoredResult.of(result, true));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ExerciseResult read(String line, ExerciseSpec exercise) throws IOException {
        try {
            return JSON.readValue(line, StoredResult.class).toResult(exercise);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
