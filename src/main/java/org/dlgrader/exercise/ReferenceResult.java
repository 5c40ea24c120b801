package org.dlgrader.exercise;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dlgrader.io.AtomicFiles;
import org.dlgrader.train.TrainingOptions;

/**
 * What a reference run measured, in the order it appears in {@code metrics.json}. Metric names
 * are shared with the grader's assignment file: {@code accuracy}, {@code loss}, {@code mse},
 * {@code w}, {@code b}.
 */
public final class ReferenceResult {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Map<String, Object> metrics = new LinkedHashMap<>();
    private final List<Double> epochLosses;

    public ReferenceResult(String exercise, List<Double> epochLosses) {
        this.epochLosses = List.copyOf(epochLosses);
        metrics.put("exercise", exercise);
    }

    public ReferenceResult put(String name, Object value) {
        metrics.put(name, value);
        return this;
    }

    /** What every reference records about its run: epochs, timings, device, seed and versions. */
    public ReferenceResult withRun(TrainingOptions options, int epochs, double seconds, double trainSeconds) {
        return put("epochs", epochs)
                .put("seconds", seconds)
                .put("seconds_per_epoch", trainSeconds / epochs)
                .put("device", options.device().toString())
                .put("seed", options.seed())
                .put("versions", org.dlgrader.engine.Versions.current());
    }

    public double number(String name) {
        Object value = metrics.get(name);
        if (!(value instanceof Number number)) {
            throw new IllegalArgumentException("metric '" + name + "' is not a number in " + metrics.keySet());
        }
        return number.doubleValue();
    }

    public Map<String, Object> metrics() {
        return metrics;
    }

    public List<Double> epochLosses() {
        return epochLosses;
    }

    /** Writes {@code metrics.json} atomically, with the loss per epoch at the end. */
    public void write(Path folder) throws IOException {
        Map<String, Object> all = new LinkedHashMap<>(metrics);
        all.put("epoch_losses", epochLosses.stream().map(Double::floatValue).toList());
        AtomicFiles.write(folder.resolve("metrics.json"), JSON.writeValueAsBytes(all));
    }

    /** Reads a {@code metrics.json} written by {@link #write}. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> read(Path metricsFile) throws IOException {
        return JSON.readValue(metricsFile.toFile(), LinkedHashMap.class);
    }
}
