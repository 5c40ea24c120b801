package org.dlgrader.model.onnx;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dlgrader.model.ModelShape;
import org.dlgrader.model.onnx.Protobuf.Field;
import org.dlgrader.model.onnx.Protobuf.Malformed;

/**
 * What an ONNX file declares, read by the grader's own reader before ONNX Runtime sees it: the
 * operator domains it uses, the tensors it keeps in other files, and its inputs and outputs.
 *
 * @param domains every operator domain named by an opset import, a node or a local function ("" is ai.onnx)
 * @param inputs the graph's inputs that are fed (initializers listed as inputs by old exporters left out)
 * @param external the tensors whose bytes are in another file
 * @param shape the layers its nodes' weights show ({@link GraphLayers})
 */
record OnnxGraph(long irVersion, Map<String, Long> opsets, Set<String> domains, List<Value> inputs, List<Value> outputs,
        List<ExternalTensor> external, ModelShape shape) {

    /** One dimension: a fixed size, or -1 with the name a dynamic one was given ("batch"), or -1 and null when unknown. */
    record Dim(long size, String name) {

        boolean fixed() {
            return size >= 0;
        }

        @Override
        public String toString() {
            return fixed() ? Long.toString(size) : name == null || name.isEmpty() ? "?" : name;
        }
    }

    /** A graph input or output: its element type (onnx.TensorProto.DataType, 1 = float) and its shape, null when undeclared. */
    record Value(String name, int elementType, List<Dim> shape) {

        String shapeText() {
            return shape == null ? "?" : shape.toString().replace(" ", "");
        }
    }

    /** A tensor whose bytes are in the file {@code location} names, relative to the model's folder. */
    record ExternalTensor(String tensor, String location) {
    }

    static OnnxGraph read(byte[] data) throws Malformed {
        Reader reader = new Reader(data);
        reader.walk(0, data.length, Schema.MODEL, 0);
        if (reader.graph == null) {
            throw new Malformed("it has no graph");
        }
        return reader.result();
    }

    private static final class Reader {
        private final byte[] data;
        private long irVersion;
        private final Map<String, Long> opsets = new LinkedHashMap<>();
        private final Set<String> domains = new LinkedHashSet<>();
        private final List<ExternalTensor> external = new ArrayList<>();
        private Field graph;

        Reader(byte[] data) {
            this.data = data;
        }

        void walk(int from, int to, Schema kind, int depth) throws Malformed {
            if (depth > Schema.MAX_DEPTH) {
                throw new Malformed("graphs nested more than " + Schema.MAX_DEPTH + " deep");
            }
            List<Field> fields = Protobuf.fields(data, from, to);
            if (kind == Schema.TENSOR) {
                tensor(fields);
                return;
            }
            for (Field field : fields) {
                if (kind == Schema.MODEL && field.number() == Schema.MODEL_IR_VERSION && field.wire() == Protobuf.VARINT) {
                    irVersion = field.value();
                } else if (kind == Schema.MODEL && field.number() == Schema.MODEL_GRAPH && field.wire() == Protobuf.LENGTH) {
                    graph = field;
                }
                if ((kind == Schema.MODEL && field.number() == Schema.MODEL_OPSET_IMPORT)
                        || (kind == Schema.FUNCTION && field.number() == Schema.FUNCTION_OPSET_IMPORT)) {
                    opset(field, kind == Schema.MODEL);
                } else if ((kind == Schema.NODE && field.number() == Schema.NODE_DOMAIN)
                        || (kind == Schema.FUNCTION && field.number() == Schema.FUNCTION_DOMAIN)) {
                    domains.add(text(field));
                }
                Schema child = kind.child(field.number());
                if (child != null && field.wire() == Protobuf.LENGTH) {
                    walk(field.start(), field.end(), child, depth + 1);
                }
            }
        }

        private void opset(Field field, boolean model) throws Malformed {
            String domain = "";
            long version = 0;
            for (Field f : Protobuf.fields(data, field.start(), field.end())) {
                if (f.number() == 1 && f.wire() == Protobuf.LENGTH) {
                    domain = f.text(data);
                } else if (f.number() == 2 && f.wire() == Protobuf.VARINT) {
                    version = f.value();
                }
            }
            domains.add(domain);
            if (model) {
                opsets.put(domain, version);
            }
        }

        private void tensor(List<Field> fields) throws Malformed {
            boolean isExternal = false;
            String name = "";
            String location = null;
            for (Field f : fields) {
                if (f.number() == Schema.TENSOR_DATA_LOCATION && f.wire() == Protobuf.VARINT) {
                    isExternal = f.value() == Schema.DATA_LOCATION_EXTERNAL;
                } else if (f.number() == Schema.TENSOR_NAME && f.wire() == Protobuf.LENGTH) {
                    name = f.text(data);
                } else if (f.number() == Schema.TENSOR_EXTERNAL_DATA && f.wire() == Protobuf.LENGTH) {
                    Map<String, String> entry = entry(f);
                    if ("location".equals(entry.get("key"))) {
                        location = entry.get("value");
                    }
                }
            }
            if (isExternal) {
                external.add(new ExternalTensor(name, location == null ? "" : location));
            }
        }

        private String text(Field field) throws Malformed {
            if (field.wire() != Protobuf.LENGTH) {
                throw new Malformed("field " + field.number() + " should be text");
            }
            return field.text(data);
        }

        private Map<String, String> entry(Field field) throws Malformed {
            Map<String, String> entry = new LinkedHashMap<>();
            for (Field f : Protobuf.fields(data, field.start(), field.end())) {
                if (f.wire() == Protobuf.LENGTH) {
                    entry.put(f.number() == 1 ? "key" : "value", f.text(data));
                }
            }
            return entry;
        }

        OnnxGraph result() throws Malformed {
            List<Field> fields = Protobuf.fields(data, graph.start(), graph.end());
            Set<String> initializers = new HashSet<>();
            for (Field f : fields) {
                if (f.number() == Schema.GRAPH_INITIALIZER && f.wire() == Protobuf.LENGTH) {
                    for (Field t : Protobuf.fields(data, f.start(), f.end())) {
                        if (t.number() == Schema.TENSOR_NAME && t.wire() == Protobuf.LENGTH) {
                            initializers.add(t.text(data));
                        }
                    }
                }
            }
            List<Value> inputs = new ArrayList<>();
            List<Value> outputs = new ArrayList<>();
            for (Field f : fields) {
                if (f.wire() == Protobuf.LENGTH && (f.number() == Schema.GRAPH_INPUT || f.number() == Schema.GRAPH_OUTPUT)) {
                    Value value = value(f);
                    if (f.number() == Schema.GRAPH_OUTPUT) {
                        outputs.add(value);
                    } else if (!initializers.contains(value.name())) {
                        inputs.add(value);
                    }
                }
            }
            return new OnnxGraph(irVersion, opsets, domains, inputs, outputs, external, GraphLayers.read(data, fields));
        }

        /** ValueInfoProto: name 1, type 2 → TypeProto.tensor_type 1 → elem_type 1, shape 2 → dim 1 → dim_value 1 | dim_param 2. */
        private Value value(Field info) throws Malformed {
            String name = "";
            int elementType = 0;
            List<Dim> shape = null;
            for (Field f : Protobuf.fields(data, info.start(), info.end())) {
                if (f.number() == 1 && f.wire() == Protobuf.LENGTH) {
                    name = f.text(data);
                } else if (f.number() == 2 && f.wire() == Protobuf.LENGTH) {
                    for (Field type : Protobuf.fields(data, f.start(), f.end())) {
                        if (type.number() != 1 || type.wire() != Protobuf.LENGTH) {
                            continue;
                        }
                        for (Field tensor : Protobuf.fields(data, type.start(), type.end())) {
                            if (tensor.number() == 1 && tensor.wire() == Protobuf.VARINT) {
                                elementType = (int) tensor.value();
                            } else if (tensor.number() == 2 && tensor.wire() == Protobuf.LENGTH) {
                                shape = shape(tensor);
                            }
                        }
                    }
                }
            }
            return new Value(name, elementType, shape);
        }

        private List<Dim> shape(Field shapeField) throws Malformed {
            List<Dim> dims = new ArrayList<>();
            for (Field dim : Protobuf.fields(data, shapeField.start(), shapeField.end())) {
                if (dim.number() != 1 || dim.wire() != Protobuf.LENGTH) {
                    continue;
                }
                long size = -1;
                String name = null;
                for (Field d : Protobuf.fields(data, dim.start(), dim.end())) {
                    if (d.number() == 1 && d.wire() == Protobuf.VARINT) {
                        size = d.value();
                    } else if (d.number() == 2 && d.wire() == Protobuf.LENGTH) {
                        name = d.text(data);
                    }
                }
                dims.add(new Dim(size, name));
                if (dims.size() > Schema.MAX_RANK) {
                    throw new Malformed("an input or output has more than " + Schema.MAX_RANK + " dimensions");
                }
            }
            return dims;
        }
    }
}
