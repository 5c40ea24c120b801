package org.dlgrader.grading.integrity;

import static org.dlgrader.i18n.Messages.tr;

import java.util.ArrayList;
import java.util.List;
import org.dlgrader.exercise.Probe;
import org.dlgrader.grading.ExerciseResult;
import org.dlgrader.grading.StudentResult;
import org.dlgrader.grading.TestSetChecks;

/**
 * Models that do better on the public test set than on training images: an honest model learns
 * from the training set and does as well there as on the test set or better (the lesson's models:
 * test − training sample between −0.03 and +0.01), one fitted to the test set does clearly better
 * on the images it was fitted to (the quickstart network trained on them: +0.10).
 */
public final class TestSetTraining {

    public static final String KIND = "test-set-training";

    private TestSetTraining() {
    }

    /** One finding per exercise whose test accuracy exceeds its training-sample accuracy by more than {@code maxGap}. */
    public static List<Finding> findings(List<StudentResult> results, TestSetChecks checks) {
        List<Finding> findings = new ArrayList<>();
        for (StudentResult student : results) {
            for (ExerciseResult exercise : student.exercises()) {
                Double test = metric(exercise, "accuracy");
                Double training = metric(exercise, Probe.TRAINING);
                if (test != null && training != null && test - training > checks.maxGap()) {
                    findings.add(new Finding(KIND, exercise.exercise().id(), student.submission().studentId(), "",
                            tr("integrity.testSetTraining.evidence", test, training, test - training),
                            tr("integrity.testSetTraining.threshold", checks.maxGap())));
                }
            }
        }
        return findings;
    }

    /** A metric the measurement holds, or null when the exercise was not measured or has no such metric. */
    static Double metric(ExerciseResult exercise, String name) {
        return exercise.measurement().evaluation() == null ? null : exercise.measurement().evaluation().metrics().get(name);
    }
}
