package org.dlgrader.grading;

import java.util.List;
import org.dlgrader.exercise.Evaluation;

/**
 * What grading one exercise of one student established, before any points: which file, how it
 * ended, why, what the model was and what its outputs measured. Points are never stored: they are
 * computed from the current rules whenever a measurement is scored, so a stored measurement can
 * never give more than an exercise's maximum. The one shape of the result cache and of
 * {@code class-results.json}.
 *
 * @param reason the student's message for a refused, not gradable or grader-error outcome; else null
 * @param model the model in words ("PyTorch state_dict: 784→512 relu, ..."); null unless it loaded
 * @param modelNotes what the loader noticed ("loaded a state_dict saved on cuda:0")
 * @param evaluation what the task measured; null unless {@link Outcome#MEASURED}
 */
public record Measurement(String exercise, String file, Outcome outcome, String reason, String model,
        List<String> modelNotes, Evaluation evaluation, double seconds) {

    public Measurement {
        modelNotes = modelNotes == null ? List.of() : List.copyOf(modelNotes);
    }

    public static Measurement missing(String exercise) {
        return new Measurement(exercise, null, Outcome.MISSING, null, null, List.of(), null, 0);
    }

    public static Measurement of(String exercise, String file, Outcome outcome, String reason, double seconds) {
        return new Measurement(exercise, file, outcome, reason, null, List.of(), null, seconds);
    }

    public Measurement withReason(String value) {
        return new Measurement(exercise, file, outcome, value, model, modelNotes, evaluation, seconds);
    }

    public Measurement withSeconds(double value) {
        return new Measurement(exercise, file, outcome, reason, model, modelNotes, evaluation, value);
    }
}
