package org.dlgrader.run;

import static org.dlgrader.i18n.Messages.tr;

import org.dlgrader.data.DatasetException;
import org.dlgrader.grading.Assignment;
import org.dlgrader.grading.ExerciseSpec;
import org.dlgrader.grading.GraderError;
import org.dlgrader.model.ModelRunner;

/**
 * What a run needs before it grades anyone, checked once: the data every exercise is examined on,
 * and a runner that works (a worker that starts, with its engine and sandbox). A fault here would
 * otherwise be every student's zero; instead the run stops with one message that says what to do.
 */
final class Preflight {

    private Preflight() {
    }

    static void check(Assignment assignment, ModelRunner runner) {
        for (ExerciseSpec exercise : assignment.exercises()) {
            if (exercise.manual()) {
                continue;
            }
            try {
                // Also decodes the test set now, while the first worker starts.
                exercise.exercise().task().inputs(assignment.seed());
            } catch (DatasetException e) {
                throw new GraderError(tr("run.preflight.dataUnusable", exercise.id(), e.getMessage()), e);
            }
        }
        try {
            runner.ready();
        } catch (RuntimeException e) {
            throw new GraderError(tr("run.preflight.modelsCannotRun", e.getMessage()), e);
        }
    }
}
