package org.dlgrader.model.keras;

import static org.dlgrader.i18n.Messages.tr;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.dlgrader.model.DenseStack;
import org.dlgrader.model.ModelRejected;

/** What a model config's list of layers says about how they connect and which runner they need. */
final class LayerChain {

    private static final Set<String> LESSON_LAYERS = Set.of("InputLayer", "Flatten", "Reshape", "Dropout", "Dense",
            "Activation", "Softmax", "ReLU");
    private static final Set<String> DENSE_ACTIVATIONS = Set.of("", "linear", "relu", "sigmoid", "tanh", "softmax");

    private LayerChain() {
    }

    /**
     * A functional model is run layer after layer in the order listed, which is its computation only
     * when each layer takes the one before it: a branch or a merge would be run as something else.
     */
    static void check(String file, JsonNode layers) throws ModelRejected {
        String previous = null;
        for (JsonNode layer : layers) {
            String name = layer.path("config").path("name").asText(layer.path("name").asText());
            Set<String> inputs = new LinkedHashSet<>();
            inbound(layer.path("inbound_nodes"), inputs);
            if (previous != null && !inputs.isEmpty() && !inputs.equals(Set.of(previous))) {
                throw new ModelRejected(tr("model.keras.notAChain", file, name, String.join(", ", inputs), previous));
            }
            previous = name;
        }
    }

    /** The layers named in inbound_nodes: Keras 3's keras_history, Keras 2's [name, node, tensor, kwargs]. */
    private static void inbound(JsonNode node, Set<String> names) {
        if (node.isObject()) {
            if (node.path("keras_history").isArray()) {
                names.add(node.path("keras_history").path(0).asText());
                return;
            }
            node.forEach(child -> inbound(child, names));
        } else if (node.isArray()) {
            if (node.size() >= 3 && node.get(0).isTextual() && node.get(1).isInt()) {
                names.add(node.get(0).asText());
                return;
            }
            node.forEach(child -> inbound(child, names));
        }
    }

    /**
     * Whether the model has the lesson's layers only (Flatten, Dense, ...), with activations a dense
     * stack has: such a model runs as a {@link DenseStack}, as it always has.
     */
    static boolean denseOnly(JsonNode layers) {
        for (JsonNode layer : layers) {
            JsonNode cfg = layer.path("config");
            String type = layer.path("class_name").asText();
            if (!LESSON_LAYERS.contains(type)) {
                return false;
            }
            JsonNode activation = cfg.path("activation");
            if (!activation.isMissingNode() && !activation.isNull() && (!activation.isTextual() || !DENSE_ACTIVATIONS.contains(activation.asText().toLowerCase(Locale.ROOT)))) {
                return false;
            }
            boolean plainRelu = cfg.path("max_value").isNull() || cfg.path("max_value").isMissingNode();
            plainRelu &= cfg.path("negative_slope").asDouble(0) == 0 && cfg.path("threshold").asDouble(0) == 0;
            if (type.equals("ReLU") && !plainRelu) {
                return false;
            }
        }
        return true;
    }
}
