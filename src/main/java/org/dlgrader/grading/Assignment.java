package org.dlgrader.grading;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.dlgrader.exercise.Exercises;

/**
 * The assignment file a teacher edits ({@code assignment.json}): exercises, accepted file names,
 * data, checks, thresholds, points and partial credit, and the seed of the fresh regression data.
 */
public record Assignment(String title, long seed, Limits limits, List<ExerciseSpec> exercises) {

    public Assignment {
        limits = limits == null ? Limits.DEFAULTS : limits.orDefaults();
    }

    public static final Path DEFAULT = Path.of("assignment.json");

    public static Assignment load(Path file) {
        ObjectMapper json = new ObjectMapper()
                .enable(JsonParser.Feature.ALLOW_COMMENTS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        Assignment assignment;
        try {
            assignment = json.readValue(file.toFile(), Assignment.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("Could not read the assignment file " + file + ": " + e.getMessage(), e);
        }
        assignment.validate(file);
        return assignment;
    }

    private void validate(Path file) {
        if (exercises == null || exercises.isEmpty()) {
            throw new IllegalArgumentException(file + " lists no exercises");
        }
        Set<String> ids = new HashSet<>();
        for (ExerciseSpec exercise : exercises) {
            if (!ids.add(exercise.id())) {
                throw new IllegalArgumentException(file + " lists exercise '" + exercise.id() + "' twice");
            }
            Exercises.byId(exercise.task());
            if (exercise.files() == null || exercise.files().isEmpty()) {
                throw new IllegalArgumentException(file + ": exercise '" + exercise.id() + "' accepts no file names");
            }
            exercise.checks().forEach(check -> check.validate(exercise.id()));
        }
    }

    public double maxPoints() {
        return exercises.stream().mapToDouble(ExerciseSpec::maxPoints).sum();
    }
}
