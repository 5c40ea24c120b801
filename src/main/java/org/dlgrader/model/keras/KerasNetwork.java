package org.dlgrader.model.keras;

import static org.dlgrader.i18n.Messages.tr;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.dlgrader.model.DenseStack;
import org.dlgrader.model.LoadedModel;
import org.dlgrader.model.ModelRejected;
import org.dlgrader.model.ModelShape;
import org.dlgrader.model.NativeRows;

/** A Keras model with image layers (Conv2D, pooling, BatchNormalization, ...), run with DJL's operators. */
public final class KerasNetwork implements LoadedModel {

    private final String format;
    private final List<Step> steps;
    private final int features;
    private final int outputs;
    private final boolean softmaxLast;
    private final List<String> notes;
    private final ModelShape shape;
    private NDManager manager;

    /**
     * @param steps from the grader's flat rows (the first reshapes them to the model's input) to the output
     */
    KerasNetwork(String format, List<Step> steps, int features, int outputs, boolean softmaxLast, List<String> notes,
            ModelShape shape) {
        this.format = format;
        this.steps = List.copyOf(steps);
        this.features = features;
        this.outputs = outputs;
        this.softmaxLast = softmaxLast;
        this.notes = new ArrayList<>(notes);
        this.shape = shape;
    }

    /** Native memory is taken on the first batch, as {@link DenseStack} does: reading the layers needs none. */
    private synchronized void upload() {
        if (manager == null) {
            manager = NDManager.newBaseManager(Device.cpu());
            for (Step step : steps) {
                step.upload(manager);
            }
        }
    }

    @Override
    public Output predict(float[] data, int firstRow, int count, int features) throws ModelRejected {
        if (features != this.features) {
            throw new ModelRejected(tr("model.dense.inputWidth", this.features, features));
        }
        upload();
        try (NDManager batch = manager.newSubManager()) {
            // Our own layers never write to their input, so a shared test set is read in place.
            NDArray x = NativeRows.rows(batch, data, firstRow, count, features, false);
            for (Step step : steps) {
                x = step.forward(x);
            }
            NDArray flat = Step.toKeras(x).reshape(new Shape(count, outputs));
            return new Output(flat.toFloatArray(), count, outputs);
        }
    }

    /** Its convolutions, norms and dense layers: a CNN handed in for a dense exercise is refused by what it shows. */
    @Override
    public ModelShape shape() {
        return shape;
    }

    @Override
    public boolean declaresSoftmax() {
        return softmaxLast;
    }

    /**
     * The dense layers that end the model, for comparing students' weights as a dense network's are
     * compared; none when an activation there has no dense-stack equivalent.
     */
    public List<DenseStack.Layer> denseHead() {
        List<DenseStack.Layer> head = new ArrayList<>();
        for (Step step : steps) {
            if (step instanceof Steps.Dense dense) {
                if (dense.activation.dense() == null) {
                    return List.of();
                }
                head.add(dense.asDenseLayer());
            } else if (step instanceof Steps.Activate activate && !head.isEmpty()) {
                if (activate.activation().dense() == null) {
                    return List.of();
                }
                head.set(head.size() - 1, head.get(head.size() - 1).withActivation(activate.activation().dense()));
            } else if (!step.keepsValues()) {
                head.clear();
            }
        }
        return head;
    }

    @Override
    public List<String> notes() {
        return notes;
    }

    @Override
    public String description() {
        return format + ": " + steps.stream().skip(1).map(Step::name).collect(Collectors.joining(", "));
    }

    @Override
    public synchronized void close() {
        if (manager != null) {
            manager.close();
        }
    }
}
