package org.dlgrader.model.onnx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dlgrader.model.ModelShape;
import org.dlgrader.model.onnx.Protobuf.Field;
import org.dlgrader.model.onnx.Protobuf.Malformed;

/**
 * An ONNX graph's layers as its nodes and their weights (initializers) show them, in the nodes'
 * order: what an exercise's architecture rule is checked against. Read from the graph's top level
 * only; the subgraphs of If and Loop are not a lesson's networks' layers.
 */
final class GraphLayers {

    /** onnx.TensorProto.DataType: the float types a network's weights are kept in. */
    private static final Set<Long> FLOATS = Set.of(1L, 10L, 11L, 16L);

    private record Tensor(List<Long> dims, boolean isFloat) {

        long size() {
            long size = 1;
            try {
                for (long d : dims) {
                    size = Math.multiplyExact(size, d);
                }
            } catch (ArithmeticException e) {
                // Dimensions a file claims without the bytes to hold them: counted as all there can be.
                return Long.MAX_VALUE;
            }
            return size;
        }

        /** A scalar or single value (x / 255, a Pow's exponent) is a constant of the computation, not a weight. */
        boolean weight() {
            return isFloat && size() > 1;
        }

        List<Integer> sizes() {
            return dims.stream().map(d -> (int) Math.min(d, Integer.MAX_VALUE)).toList();
        }
    }

    private record Node(String op, List<String> inputs, List<String> outputs, Map<String, Long> ints) {
    }

    private GraphLayers() {
    }

    /**
     * Initializers first, then each node in turn, kept only while its layer is decided and only
     * with the inputs that matter (weights, and outputs of an earlier MatMul): this runs in the
     * grading process, where a file of millions of three-byte node inputs must not become millions
     * of strings held at once.
     */
    static ModelShape read(byte[] data, List<Field> graph) throws Malformed {
        Map<String, Tensor> initializers = new LinkedHashMap<>();
        for (Field f : graph) {
            if (f.wire() == Protobuf.LENGTH && f.number() == Schema.GRAPH_INITIALIZER) {
                tensor(data, f, initializers);
            }
        }
        long parameters = 0;
        for (Tensor t : initializers.values()) {
            if (t.weight()) {
                parameters = t.size() > Long.MAX_VALUE - parameters ? Long.MAX_VALUE : parameters + t.size();
            }
        }
        List<ModelShape.Layer> layers = new ArrayList<>();
        // A MatMul's output, whose Add of a weight is that dense layer's bias (Linear on a batch of sequences).
        Set<String> denseOutputs = new HashSet<>();
        for (Field f : graph) {
            if (f.wire() != Protobuf.LENGTH || f.number() != Schema.GRAPH_NODE) {
                continue;
            }
            Node node = node(data, f, input -> initializers.containsKey(input) || denseOutputs.contains(input));
            List<Tensor> weights = new ArrayList<>();
            for (String input : node.inputs()) {
                Tensor t = initializers.get(input);
                if (t != null && t.weight()) {
                    weights.add(t);
                }
            }
            if (weights.isEmpty()) {
                continue;
            }
            ModelShape.Layer layer = layer(node, initializers);
            if (layer == null && node.op().equals("Add") && weights.size() == 1 && weights.get(0).dims().size() == 1
                    && node.inputs().stream().anyMatch(denseOutputs::contains)) {
                continue;
            }
            if (layer == null) {
                layer = new ModelShape.Layer(ModelShape.OTHER, weights.get(0).sizes());
            } else if (node.op().equals("MatMul")) {
                denseOutputs.addAll(node.outputs());
            }
            layers.add(layer);
        }
        return new ModelShape(layers, parameters);
    }

    /** The layer a node with weights is, or null when it is none the rule knows by name. */
    private static ModelShape.Layer layer(Node node, Map<String, Tensor> initializers) {
        Tensor weight = node.inputs().size() > 1 ? initializers.get(node.inputs().get(1)) : null;
        if (weight == null || !weight.weight()) {
            return null;
        }
        List<Integer> w = weight.sizes();
        switch (node.op()) {
            case "Gemm" -> {
                if (w.size() != 2) {
                    return null;
                }
                // Gemm computes A·B, B of [in, out]; torch.onnx.export writes nn.Linear's [out, in] with transB=1.
                boolean transposed = node.ints().getOrDefault("transB", 0L) != 0;
                return new ModelShape.Layer(ModelShape.DENSE, transposed ? List.of(w.get(1), w.get(0)) : w);
            }
            case "MatMul" -> {
                return w.size() == 2 ? new ModelShape.Layer(ModelShape.DENSE, w) : null;
            }
            case "Conv" -> {
                if (w.size() < 3 || w.size() > 5) {
                    return null;
                }
                // [out, in / groups, kernel...]: the rule's sizes are [in, out, kernel...].
                List<Integer> sizes = new ArrayList<>(List.of(w.get(1), w.get(0)));
                sizes.addAll(w.subList(2, w.size()));
                String kind = w.size() == 3 ? ModelShape.CONV1D : w.size() == 4 ? ModelShape.CONV2D : ModelShape.CONV3D;
                return new ModelShape.Layer(kind, sizes);
            }
            case "BatchNormalization" -> {
                return w.size() == 1 ? new ModelShape.Layer(ModelShape.NORM, w) : null;
            }
            default -> {
                return null;
            }
        }
    }

    /** TensorProto: dims 1 (packed or one field each), data_type 2, name 8. */
    private static void tensor(byte[] data, Field field, Map<String, Tensor> into) throws Malformed {
        List<Long> dims = new ArrayList<>();
        long type = 0;
        String name = "";
        for (Field f : Protobuf.fields(data, field.start(), field.end())) {
            if (f.number() == 1 && f.wire() == Protobuf.VARINT) {
                dims.add(f.value());
                if (dims.size() > Schema.MAX_RANK) {
                    throw new Malformed("an initializer has more than " + Schema.MAX_RANK + " dimensions");
                }
            } else if (f.number() == 1 && f.wire() == Protobuf.LENGTH) {
                dims.addAll(Protobuf.packedVarints(data, f.start(), f.end()));
            } else if (f.number() == 2 && f.wire() == Protobuf.VARINT) {
                type = f.value();
            } else if (f.number() == Schema.TENSOR_NAME && f.wire() == Protobuf.LENGTH) {
                name = f.text(data);
            }
        }
        if (dims.size() > Schema.MAX_RANK) {
            throw new Malformed("initializer " + name + " has more than " + Schema.MAX_RANK + " dimensions");
        }
        for (long d : dims) {
            if (d < 0) {
                throw new Malformed("initializer " + name + " has a negative dimension");
            }
        }
        into.putIfAbsent(name, new Tensor(List.copyOf(dims), FLOATS.contains(type)));
    }

    /** NodeProto: input 1, output 2, op_type 4, attribute 5 (AttributeProto: name 1, i 3). */
    private static Node node(byte[] data, Field field, java.util.function.Predicate<String> kept) throws Malformed {
        List<String> inputs = new ArrayList<>();
        int position = 0;
        List<String> outputs = new ArrayList<>();
        String op = "";
        Map<String, Long> ints = new HashMap<>();
        for (Field f : Protobuf.fields(data, field.start(), field.end())) {
            if (f.wire() != Protobuf.LENGTH) {
                continue;
            }
            switch (f.number()) {
                case 1 -> {
                    // The first two by position (layer() reads the weight at 1), the rest only when they matter.
                    String input = f.text(data);
                    if (position++ < 2 || kept.test(input)) {
                        inputs.add(input);
                    }
                }
                case 2 -> outputs.add(f.text(data));
                case Schema.NODE_OP_TYPE -> op = f.text(data);
                case 5 -> {
                    String name = null;
                    Long value = null;
                    for (Field a : Protobuf.fields(data, f.start(), f.end())) {
                        if (a.number() == 1 && a.wire() == Protobuf.LENGTH) {
                            name = a.text(data);
                        } else if (a.number() == 3 && a.wire() == Protobuf.VARINT) {
                            value = a.value();
                        }
                    }
                    if (name != null && value != null) {
                        ints.put(name, value);
                    }
                }
                default -> {
                }
            }
        }
        return new Node(op, inputs, outputs, ints);
    }
}
