package org.dlgrader.grading;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dlgrader.plot.Figure;

/**
 * An exercise result as JSON, in the one shape every stored copy uses: the line a worker process
 * answers with, an entry of the result cache, and a student's exercise in {@code class-results.json}
 * (there without pictures). Jackson reads it into the public fields; {@link #of} and
 * {@link #toResult} convert.
 */
public final class StoredResult {

    public String exercise;
    public String file;
    public String model;
    public List<Score> scores = List.of();
    public List<String> notes = List.of();
    /** Each with title, caption, type (the media type) and data (base64). */
    public List<Map<String, String>> figures = List.of();
    public int[][] confusion;
    public double seconds;

    /** The stored form of {@code result}; pictures are encoded only when {@code withPictures}. */
    public static StoredResult of(ExerciseResult result, boolean withPictures) {
        StoredResult stored = new StoredResult();
        stored.exercise = result.exercise().id();
        stored.file = result.file();
        stored.model = result.modelDescription();
        stored.scores = result.scores();
        stored.notes = result.notes();
        if (withPictures) {
            List<Map<String, String>> figures = new ArrayList<>();
            for (Figure figure : result.figures()) {
                Map<String, String> f = new LinkedHashMap<>();
                f.put("title", figure.title());
                f.put("caption", figure.caption());
                f.put("type", figure.mediaType());
                f.put("data", Base64.getEncoder().encodeToString(figure.bytes().get()));
                figures.add(f);
            }
            stored.figures = figures;
        }
        stored.confusion = result.confusion();
        stored.seconds = result.seconds();
        return stored;
    }

    /** The result again, for {@code spec}, whose id this must carry. */
    public ExerciseResult toResult(ExerciseSpec spec) {
        if (!spec.id().equals(exercise)) {
            throw new IllegalArgumentException("a result for " + exercise + " where one for " + spec.id() + " was expected");
        }
        List<Figure> pictures = new ArrayList<>();
        for (Map<String, String> f : figures) {
            byte[] bytes = Base64.getDecoder().decode(f.get("data"));
            pictures.add(new Figure(f.get("title"), f.get("caption"), f.get("type"), () -> bytes));
        }
        return new ExerciseResult(spec, file, model, scores, notes, pictures, confusion, seconds);
    }
}
