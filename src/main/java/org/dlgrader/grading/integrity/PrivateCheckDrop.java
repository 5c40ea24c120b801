package org.dlgrader.grading.integrity;

import static org.dlgrader.i18n.Messages.tr;

import java.util.ArrayList;
import java.util.List;
import org.dlgrader.exercise.Probe;
import org.dlgrader.grading.ExerciseResult;
import org.dlgrader.grading.StudentResult;
import org.dlgrader.grading.TestSetChecks;

/**
 * Models that lose far more than honest ones when every test image is moved by a pixel and made a
 * little brighter or darker, from a secret no student knows: a model that learnt clothes barely
 * notices, one that learnt the public test images by heart meets images it has never seen.
 */
public final class PrivateCheckDrop {

    public static final String KIND = "private-check-drop";

    private PrivateCheckDrop() {
    }

    /** One finding per exercise whose accuracy falls by more than {@code maxPrivateDrop} on the perturbed test set. */
    public static List<Finding> findings(List<StudentResult> results, TestSetChecks checks) {
        List<Finding> findings = new ArrayList<>();
        for (StudentResult student : results) {
            for (ExerciseResult exercise : student.exercises()) {
                // The same test images unperturbed when the check used a sample of them, else the whole test set.
                Double baseline = TestSetTraining.metric(exercise, Probe.BASELINE);
                Double test = baseline != null ? baseline : TestSetTraining.metric(exercise, "accuracy");
                Double perturbed = TestSetTraining.metric(exercise, Probe.PRIVATE);
                if (test != null && perturbed != null && test - perturbed > checks.maxPrivateDrop()) {
                    findings.add(new Finding(KIND, exercise.exercise().id(), student.submission().studentId(), "",
                            tr("integrity.privateCheck.evidence", test, perturbed, test - perturbed),
                            tr("integrity.privateCheck.threshold", checks.maxPrivateDrop())));
                }
            }
        }
        return findings;
    }
}
