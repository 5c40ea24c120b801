package org.dlgrader.model.keras;

import static org.dlgrader.i18n.Messages.tr;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import java.util.Locale;
import org.dlgrader.model.DenseStack;
import org.dlgrader.model.ModelRejected;

/** An activation of an image model, as a layer's {@code activation} option or an activation layer names it. */
record KerasActivation(Kind kind, float alpha) {

    enum Kind { LINEAR, RELU, RELU6, SIGMOID, TANH, SOFTMAX, ELU, LEAKY_RELU, SELU, SOFTPLUS, SWISH }

    static final KerasActivation LINEAR = new KerasActivation(Kind.LINEAR, 0);

    static KerasActivation of(Kind kind) {
        return new KerasActivation(kind, 0);
    }

    /** The {@code activation} option of a layer's config; Keras's own defaults for the parameterised ones. */
    static KerasActivation named(String activation, String file, String layer) throws ModelRejected {
        String name = activation == null ? "linear" : activation.toLowerCase(Locale.ROOT);
        return switch (name) {
            case "linear", "", "null" -> LINEAR;
            case "relu" -> of(Kind.RELU);
            case "relu6" -> of(Kind.RELU6);
            case "sigmoid" -> of(Kind.SIGMOID);
            case "tanh" -> of(Kind.TANH);
            case "softmax" -> of(Kind.SOFTMAX);
            case "elu" -> new KerasActivation(Kind.ELU, 1f);
            // keras.activations.leaky_relu's default slope; the LeakyReLU layer's is 0.3.
            case "leaky_relu" -> new KerasActivation(Kind.LEAKY_RELU, 0.2f);
            case "selu" -> of(Kind.SELU);
            case "softplus" -> of(Kind.SOFTPLUS);
            case "swish", "silu" -> of(Kind.SWISH);
            default -> throw new ModelRejected(tr("model.keras.unsupportedActivation", file, layer, name));
        };
    }

    /**
     * @param channelAxis where Keras's last axis is in the array: softmax normalises over it
     */
    NDArray apply(NDArray x, int channelAxis) {
        return switch (kind) {
            case LINEAR -> x;
            case RELU -> Activation.relu(x);
            case RELU6 -> Activation.relu6(x);
            case SIGMOID -> Activation.sigmoid(x);
            case TANH -> Activation.tanh(x);
            case SOFTMAX -> x.softmax(channelAxis);
            case ELU -> Activation.elu(x, alpha);
            case LEAKY_RELU -> Activation.leakyRelu(x, alpha);
            case SELU -> Activation.selu(x);
            case SOFTPLUS -> Activation.softPlus(x);
            case SWISH -> Activation.swish(x, 1f);
        };
    }

    /** The dense stack's activation of the same meaning, or null when it has none. */
    DenseStack.Activation dense() {
        return switch (kind) {
            case LINEAR -> DenseStack.Activation.LINEAR;
            case RELU -> DenseStack.Activation.RELU;
            case SIGMOID -> DenseStack.Activation.SIGMOID;
            case TANH -> DenseStack.Activation.TANH;
            case SOFTMAX -> DenseStack.Activation.SOFTMAX;
            default -> null;
        };
    }

    String text() {
        return kind.name().toLowerCase(Locale.ROOT);
    }
}
