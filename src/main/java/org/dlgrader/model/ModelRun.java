package org.dlgrader.model;

import java.util.List;

/**
 * What running a model gave: its outputs; or the student's file refused (not a model, damaged,
 * unsupported, failing on the exercise's input); or the model broke a limit or crashed the process
 * that ran it; or the grader itself could not work (natives, memory of the machine), which is
 * nobody's score.
 */
public sealed interface ModelRun {

    /** One {@link LoadedModel.Output} per {@link InputRows} of the job, in its order. */
    record Outputs(String description, List<String> notes, boolean declaresSoftmax, List<LoadedModel.Output> outputs,
            ModelShape shape) implements ModelRun {

        public Outputs {
            shape = shape == null ? ModelShape.UNKNOWN : shape;
        }

        /** Outputs of a model whose layers are not known. */
        public Outputs(String description, List<String> notes, boolean declaresSoftmax, List<LoadedModel.Output> outputs) {
            this(description, notes, declaresSoftmax, outputs, ModelShape.UNKNOWN);
        }
    }

    /** The file cannot be graded, for a reason the student can fix; the message says which. */
    record Refused(String message) implements ModelRun {
    }

    /** The model broke a limit or crashed; it costs this student this exercise, nobody else. */
    record NotGradable(String reason) implements ModelRun {
    }

    /** The grader could not evaluate the model for a reason that is not the student's. */
    record GraderFault(String reason) implements ModelRun {
    }
}
