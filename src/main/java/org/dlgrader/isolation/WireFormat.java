package org.dlgrader.isolation;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dlgrader.grading.ExerciseResult;
import org.dlgrader.grading.ExerciseSpec;
import org.dlgrader.grading.Score;
import org.dlgrader.plot.Figure;

/**
 * An exercise result as one line of JSON: how it leaves a worker process and how it sits in the
 * result cache. Pictures travel as their PNG bytes.
 */
final class WireFormat {

    static final ObjectMapper JSON = new ObjectMapper();

    private WireFormat() {
    }

    static String write(ExerciseResult result) {
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("exercise", result.exercise().id());
        wire.put("file", result.file());
        wire.put("model", result.modelDescription());
        wire.put("scores", result.scores());
        wire.put("notes", result.notes());
        List<Map<String, String>> figures = new ArrayList<>();
        for (Figure figure : result.figures()) {
            figures.add(Map.of("title", figure.title(), "caption", figure.caption(), "type", figure.mediaType(),
                    "data", Base64.getEncoder().encodeToString(figure.bytes().get())));
        }
        wire.put("figures", figures);
        wire.put("confusion", result.confusion());
        wire.put("seconds", result.seconds());
        try {
            return JSON.writeValueAsString(wire);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ExerciseResult read(String line, ExerciseSpec exercise) throws IOException {
        Wire wire = JSON.readValue(line, Wire.class);
        if (!exercise.id().equals(wire.exercise)) {
            throw new IOException("result for " + wire.exercise + " where " + exercise.id() + " was asked");
        }
        List<Figure> figures = new ArrayList<>();
        for (Map<String, String> f : wire.figures) {
            byte[] bytes = Base64.getDecoder().decode(f.get("data"));
            figures.add(new Figure(f.get("title"), f.get("caption"), f.get("type"), () -> bytes));
        }
        return new ExerciseResult(exercise, wire.file, wire.model, wire.scores, wire.notes, figures, wire.confusion, wire.seconds);
    }

    /** The JSON shape, for Jackson. */
    static final class Wire {
        public String exercise;
        public String file;
        public String model;
        public List<Score> scores = List.of();
        public List<String> notes = List.of();
        public List<Map<String, String>> figures = List.of();
        public int[][] confusion;
        public double seconds;
    }
}
