package org.dlgrader.model;

import static org.dlgrader.i18n.Messages.tr;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A chain of dense layers with activations, run with DJL: what a PyTorch state_dict of Linear
 * layers and a Keras Flatten/Dense model both come down to, so one evaluator serves both.
 */
public final class DenseStack implements LoadedModel {

    public enum Activation {
        LINEAR, RELU, SIGMOID, TANH, SOFTMAX;

        NDArray apply(NDArray x) {
            return switch (this) {
                case LINEAR -> x;
                case RELU -> ai.djl.nn.Activation.relu(x);
                case SIGMOID -> ai.djl.nn.Activation.sigmoid(x);
                case TANH -> ai.djl.nn.Activation.tanh(x);
                case SOFTMAX -> x.softmax(1);
            };
        }
    }

    /** One layer: weight in PyTorch's (out, in) orientation, row-major. */
    public record Layer(String name, int in, int out, float[] weight, float[] bias, Activation activation) {
        public Layer {
            if (weight.length != (long) in * out) {
                throw new IllegalArgumentException(name + ": weight has " + weight.length + " values, not " + in + "x" + out);
            }
            if (bias != null && bias.length != out) {
                throw new IllegalArgumentException(name + ": bias has " + bias.length + " values, not " + out);
            }
        }

        /** The same layer followed by {@code other} instead. */
        public Layer withActivation(Activation other) {
            return new Layer(name, in, out, weight, bias, other);
        }
    }

    private final List<Layer> layers;
    private final String format;
    private final List<String> notes;
    private NDManager manager;
    private final List<NDArray> weights = new ArrayList<>();
    private final List<NDArray> biases = new ArrayList<>();

    /**
     * Native memory is taken on the first {@link #predict}, not here: the grading process reads a data
     * file's layers for the integrity report without starting the engine.
     */
    public DenseStack(String format, List<Layer> layers, List<String> notes) {
        this.layers = List.copyOf(layers);
        this.format = format;
        this.notes = new ArrayList<>(notes);
    }

    private synchronized NDManager manager() {
        if (manager == null) {
            manager = NDManager.newBaseManager(Device.cpu());
            for (Layer layer : layers) {
                weights.add(manager.create(layer.weight(), new Shape(layer.out(), layer.in())));
                biases.add(layer.bias() == null ? null : manager.create(layer.bias()));
            }
        }
        return manager;
    }

    public List<Layer> layers() {
        return layers;
    }

    public int inputWidth() {
        return layers.get(0).in();
    }

    public int outputWidth() {
        return layers.get(layers.size() - 1).out();
    }

    @Override
    public Output predict(float[] data, int firstRow, int count, int features) throws ModelRejected {
        if (features != inputWidth()) {
            throw new ModelRejected(tr("model.dense.inputWidth", inputWidth(), features));
        }
        try (NDManager batch = manager().newSubManager()) {
            // Our own layers never write to their input, so a shared test set is read in place.
            NDArray x = NativeRows.rows(batch, data, firstRow, count, features, false);
            for (int i = 0; i < layers.size(); i++) {
                // One fused x·Wᵀ + b (torch's addmm) rather than a product and a separate sum.
                x = biases.get(i) == null
                        ? ai.djl.nn.core.Linear.linear(x, weights.get(i)).singletonOrThrow()
                        : ai.djl.nn.core.Linear.linear(x, weights.get(i), biases.get(i)).singletonOrThrow();
                x = layers.get(i).activation().apply(x);
            }
            return new Output(x.toFloatArray(), count, outputWidth());
        }
    }

    @Override
    public ModelShape shape() {
        return ModelShape.ofDense(layers);
    }

    @Override
    public boolean declaresSoftmax() {
        return layers.get(layers.size() - 1).activation() == Activation.SOFTMAX;
    }

    @Override
    public List<String> notes() {
        return notes;
    }

    @Override
    public String description() {
        return format + ": " + layers.stream()
                .map(l -> l.in() + "→" + l.out() + (l.activation() == Activation.LINEAR ? "" : " " + l.activation().name().toLowerCase()))
                .collect(Collectors.joining(", "));
    }

    @Override
    public synchronized void close() {
        if (manager != null) {
            manager.close();
        }
    }
}
