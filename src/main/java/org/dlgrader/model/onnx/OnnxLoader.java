package org.dlgrader.model.onnx;

import static org.dlgrader.i18n.Messages.tr;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.dlgrader.model.InputLayouts;
import org.dlgrader.model.InputSpec;
import org.dlgrader.model.LoadedModel;
import org.dlgrader.model.ModelFile;
import org.dlgrader.model.ModelLoader;
import org.dlgrader.model.ModelRejected;

/**
 * {@code torch.onnx.export}, tf2onnx, skl2onnx...: an ONNX ModelProto, run by ONNX Runtime through
 * DJL. It carries no code of its own once its operators are the standard ones: those are checked
 * here, with the input signature and the external data, by the grader's own reader, before ONNX
 * Runtime parses a byte.
 */
public final class OnnxLoader implements ModelLoader {

    /** ai.onnx (written as "" or by name) and ai.onnx.ml: ONNX Runtime's own kernels. Any other domain is a custom library's. */
    static final Set<String> STANDARD_DOMAINS = Set.of("", "ai.onnx", "ai.onnx.ml");
    /** The ModelProto fields that may lead a file; anything else in the head is not ONNX. */
    private static final Set<Integer> MODEL_FIELDS = Set.of(1, 2, 3, 4, 5, 6, 7, 8, 14, 20, 25, 26);

    @Override
    public String format() {
        return "ONNX";
    }

    @Override
    public List<String> extensions() {
        return List.of(".onnx");
    }

    @Override
    public String howToSave(String fileName) {
        // X: the lesson's name for a batch of inputs; its first dimension is made dynamic so any batch size runs.
        return "torch.onnx.export(model, X, \"" + fileName + "\", input_names=[\"X\"], dynamic_axes={\"X\": {0: \"batch\"}})";
    }

    @Override
    public String readBy() {
        return "ONNX Runtime, after the grader's own reader checks it uses only standard operators";
    }

    @Override
    public boolean accepts(ModelFile file) {
        return looksLikeOnnx(file.head());
    }

    @Override
    public byte[] withSideCars(Path path, byte[] bytes, long maxBytes) {
        return ExternalData.foldIn(path, bytes, maxBytes);
    }

    /**
     * A ModelProto opens with ir_version (field 1, a small number), and every field the head holds is
     * one of ModelProto's with its wire type: a protobuf of another schema, or bytes of another
     * format, fail one of these within a few bytes. Lengths are not held to the file's size, so that
     * a file cut off in transit is still named ONNX, and refused as damaged.
     */
    static boolean looksLikeOnnx(byte[] head) {
        if (head.length < 4 || head[0] != 0x08 || head[1] < 1 || head[1] > 30) {
            return false;
        }
        int at = 0;
        int seen = 0;
        while (at >= 0 && at < head.length) {
            int key = head[at] & 0xFF;
            if (key >= 0x80) {
                return seen >= 2;
            }
            int number = key >>> 3;
            int wire = key & 7;
            boolean varint = number == 1 || number == 5;
            if (!MODEL_FIELDS.contains(number) || (varint ? wire != Protobuf.VARINT : wire != Protobuf.LENGTH)) {
                return false;
            }
            at++;
            long value = 0;
            int shift = 0;
            while (at < head.length && (head[at] & 0x80) != 0 && shift < 63) {
                value |= (long) (head[at++] & 0x7F) << shift;
                shift += 7;
            }
            if (at >= head.length) {
                return seen >= 1;
            }
            value |= (long) (head[at++] & 0x7F) << shift;
            seen++;
            if (!varint) {
                at += (int) Math.min(value, Integer.MAX_VALUE);
            }
        }
        return seen >= 2;
    }

    @Override
    public LoadedModel load(ModelFile file, InputSpec spec) throws ModelRejected {
        String name = file.name();
        byte[] bytes;
        OnnxGraph graph;
        try {
            bytes = file.bytes();
            graph = OnnxGraph.read(bytes);
        } catch (IOException | Protobuf.Malformed e) {
            throw new ModelRejected(tr("model.onnx.damaged", name, e.getMessage(), howToSave(name)), e);
        }
        for (String domain : graph.domains()) {
            if (!STANDARD_DOMAINS.contains(domain)) {
                throw new ModelRejected(tr("model.onnx.customDomain", name, domain));
            }
        }
        for (OnnxGraph.ExternalTensor tensor : graph.external()) {
            String problem = Locations.problem(tensor.location());
            throw new ModelRejected(problem == null ? tr("model.onnx.sideCarMissing", name, tensor.location(), tensor.tensor())
                    : tr("model.onnx.sideCarOutside", name, tensor.location(), tensor.tensor()));
        }
        Signature signature = Signature.of(name, graph, spec);
        return OnnxModel.load(name, bytes, graph, signature);
    }

    /** The graph's one input, when its every dimension but the batch is fixed; a free batch is given as 1. */
    @Override
    public Optional<long[]> declaredInputShape(ModelFile file) {
        OnnxGraph graph;
        try {
            graph = OnnxGraph.read(file.bytes());
        } catch (IOException | Protobuf.Malformed | RuntimeException e) {
            // Loading it says what is wrong with it, in the student's words; here it only has no shape to offer.
            return Optional.empty();
        }
        if (graph.inputs().size() != 1 || graph.inputs().get(0).shape() == null || graph.inputs().get(0).shape().size() < 2) {
            return Optional.empty();
        }
        List<OnnxGraph.Dim> dims = graph.inputs().get(0).shape();
        long[] shape = new long[dims.size()];
        shape[0] = 1;
        for (int i = 1; i < dims.size(); i++) {
            if (!dims.get(i).fixed() || dims.get(i).size() < 1) {
                return Optional.empty();
            }
            shape[i] = dims.get(i).size();
        }
        return Optional.of(shape);
    }

    /**
     * How the exercise's rows are fed: the per-example layouts that fit the model's declared input
     * (tried in order, like TorchScript's when the declaration leaves a choice), and the batch size
     * the model insists on, 0 when any.
     */
    record Signature(List<long[]> layouts, long fixedBatch, String inputShape) {

        static Signature of(String name, OnnxGraph graph, InputSpec spec) throws ModelRejected {
            if (graph.inputs().size() != 1) {
                throw new ModelRejected(tr("model.onnx.inputs", name, graph.inputs().size(),
                        graph.inputs().stream().map(v -> v.name() + " " + v.shapeText()).toList()));
            }
            OnnxGraph.Value input = graph.inputs().get(0);
            if (input.elementType() != 0 && input.elementType() != 1) {
                throw new ModelRejected(tr("model.onnx.inputType", name, elementType(input.elementType())));
            }
            String wanted = wanted(spec);
            if (input.shape() == null) {
                return new Signature(spec.layouts(), 0, input.shapeText());
            }
            List<OnnxGraph.Dim> dims = input.shape();
            if (dims.size() < 2) {
                boolean oneExample = dims.size() == 1 && dims.get(0).size() == spec.features() && spec.features() > 1;
                throw new ModelRejected(oneExample ? tr("model.onnx.unbatched", name, input.shapeText(), outputShape(graph), wanted)
                        : tr("model.onnx.inputShape", name, input.shapeText(), wanted));
            }
            List<long[]> fitting = new ArrayList<>();
            for (long[] layout : spec.layouts()) {
                if (fits(dims.subList(1, dims.size()), layout)) {
                    fitting.add(layout);
                }
            }
            if (fitting.isEmpty()) {
                throw new ModelRejected(tr("model.onnx.inputShape", name, input.shapeText(), wanted));
            }
            OnnxGraph.Dim batch = dims.get(0);
            if (batch.fixed()) {
                List<OnnxGraph.Dim> out = graph.outputs().isEmpty() ? null : graph.outputs().get(0).shape();
                if (out != null && out.size() == 1 && out.get(0).fixed() && out.get(0).size() != batch.size()) {
                    throw new ModelRejected(tr("model.onnx.unbatched", name, input.shapeText(), outputShape(graph), wanted));
                }
                if (batch.size() != 1) {
                    throw new ModelRejected(tr("model.onnx.fixedBatch", name, batch.size(), input.shapeText()));
                }
            }
            return new Signature(fitting, batch.fixed() ? batch.size() : 0, input.shapeText());
        }

        private static boolean fits(List<OnnxGraph.Dim> perExample, long[] layout) {
            if (perExample.size() != layout.length) {
                return false;
            }
            for (int i = 0; i < layout.length; i++) {
                if (perExample.get(i).fixed() && perExample.get(i).size() != layout[i]) {
                    return false;
                }
            }
            return true;
        }

        /** "[N,1,28,28], [N,784], ...": the inputs the grader can feed, as ONNX shapes. */
        private static String wanted(InputSpec spec) {
            return String.join(", ", spec.layouts().stream()
                    .map(l -> "[N," + InputLayouts.describe(new ai.djl.ndarray.types.Shape(l)).replace("×", ",") + "]").toList());
        }

        private static String outputShape(OnnxGraph graph) {
            return graph.outputs().isEmpty() ? "?" : graph.outputs().get(0).shapeText();
        }

        private static String elementType(int type) {
            return switch (type) {
                case 2 -> "uint8";
                case 3 -> "int8";
                case 6 -> "int32";
                case 7 -> "int64";
                case 9 -> "bool";
                case 10 -> "float16";
                case 11 -> "float64";
                case 16 -> "bfloat16";
                default -> "type " + type;
            };
        }
    }

    /** The opset of the standard domain, for the description a report shows ("ONNX opset 13"). */
    static long standardOpset(OnnxGraph graph) {
        return graph.opsets().getOrDefault("", graph.opsets().getOrDefault("ai.onnx", 0L));
    }
}
