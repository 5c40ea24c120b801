package org.dlgrader.exercise;

import java.util.List;
import org.dlgrader.model.DenseNetwork;
import org.dlgrader.model.InputSpec;

/**
 * One exercise of the lesson as the grader knows it: its id (what {@code "task"} names in the
 * assignment file), the task that examines a model of it, and the network the lesson builds for it
 * (what its reference trainer trains and what a DJL {@code .params} file must fit; null for an
 * exercise without one, the free example).
 */
public record Exercise(String id, String description, Task task, DenseNetwork network) {

    public InputSpec inputSpec() {
        return new InputSpec(task.features(), task.outputs(), task.layouts(), network);
    }

    public List<String> classNames() {
        return task.classNames();
    }
}
