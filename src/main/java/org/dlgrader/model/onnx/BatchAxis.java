package org.dlgrader.model.onnx;

import java.io.ByteArrayOutputStream;
import org.dlgrader.model.onnx.Protobuf.Field;
import org.dlgrader.model.onnx.Protobuf.Malformed;

/**
 * A model exported for a batch of exactly one (torch.onnx.export without dynamic_axes, the usual
 * first try) declares its first input and output dimension as 1. Declared free instead, most such
 * models (an MLP's Flatten and Gemm) run on whole batches; whether this one does is checked on real
 * rows before it is trusted ({@link OnnxModel}).
 */
final class BatchAxis {

    private static final String NAME = "N";

    private BatchAxis() {
    }

    /** {@code model} with the first dimension of input {@code input} and of every output free; null when there was nothing to free. */
    static byte[] free(byte[] model, String input) throws Malformed {
        return Protobuf.edit(model, 0, model.length, graph -> graph.number() != Schema.MODEL_GRAPH ? null
                : Protobuf.edit(model, graph.start(), graph.end(), value -> {
                    boolean wanted = value.number() == Schema.GRAPH_OUTPUT
                            || (value.number() == Schema.GRAPH_INPUT && input.equals(name(model, value)));
                    return wanted ? valueInfo(model, value) : null;
                }));
    }

    private static String name(byte[] data, Field valueInfo) throws Malformed {
        for (Field f : Protobuf.fields(data, valueInfo.start(), valueInfo.end())) {
            if (f.number() == 1 && f.wire() == Protobuf.LENGTH) {
                return f.text(data);
            }
        }
        return "";
    }

    /** ValueInfoProto.type (2) → TypeProto.tensor_type (1) → shape (2) → its first dim. */
    private static byte[] valueInfo(byte[] data, Field valueInfo) throws Malformed {
        return Protobuf.edit(data, valueInfo.start(), valueInfo.end(), type -> type.number() != 2 ? null
                : Protobuf.edit(data, type.start(), type.end(), tensor -> tensor.number() != 1 ? null
                        : Protobuf.edit(data, tensor.start(), tensor.end(), shape -> shape.number() != 2 ? null
                                : firstDim(data, shape))));
    }

    private static byte[] firstDim(byte[] data, Field shape) throws Malformed {
        boolean[] first = {true};
        return Protobuf.edit(data, shape.start(), shape.end(), dim -> {
            if (dim.number() != 1 || !first[0]) {
                return null;
            }
            first[0] = false;
            for (Field d : Protobuf.fields(data, dim.start(), dim.end())) {
                if (d.number() == 1 && d.wire() == Protobuf.VARINT && d.value() == 1) {
                    ByteArrayOutputStream free = new ByteArrayOutputStream();
                    Protobuf.writeBytes(free, 2, NAME.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    return free.toByteArray();
                }
            }
            return null;
        });
    }
}
