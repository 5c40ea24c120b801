package org.dlgrader.model.onnx;

import static org.dlgrader.i18n.Messages.tr;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dlgrader.engine.EngineSettings;
import org.dlgrader.model.InputLayouts;
import org.dlgrader.model.LoadedModel;
import org.dlgrader.model.LocalRunner;
import org.dlgrader.model.ModelRejected;

/**
 * An ONNX model in an ONNX Runtime session, made from the model's bytes (never from a path: the
 * worker has only those, and ONNX Runtime must open no other file). Only its first output is read.
 */
final class OnnxModel implements LoadedModel {

    static final String ENGINE = "OnnxRuntime";

    private final String fileName;
    private final Model model;
    private final OrtSession.SessionOptions options;
    private final OnnxLoader.Signature signature;
    private final String description;
    private final List<String> notes = new ArrayList<>();
    private long[] layout;

    private OnnxModel(String fileName, Model model, OrtSession.SessionOptions options, OnnxLoader.Signature signature,
            String description) {
        this.fileName = fileName;
        this.model = model;
        this.options = options;
        this.signature = signature;
        this.description = description;
    }

    static OnnxModel load(String fileName, byte[] bytes, OnnxGraph graph, OnnxLoader.Signature signature) throws ModelRejected {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        Model model = null;
        try {
            // One example at a time is too little work to share: waking a second thread for each
            // costs more than the forward pass.
            int threads = signature.fixedBatch() == 1 ? 1 : EngineSettings.threadsOfThisThread();
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            // Idle threads sleep rather than spin, as OMP_WAIT_POLICY=PASSIVE makes libtorch's do.
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            model = Model.newInstance(fileName, Device.cpu(), ENGINE);
            model.load(new ByteArrayInputStream(bytes), Map.of("sessionOptions", options));
            forgetFolder(model.getModelPath());
            OnnxModel loaded = new OnnxModel(fileName, model, options, signature,
                    "ONNX (opset " + OnnxLoader.standardOpset(graph) + ")");
            if (graph.outputs().size() > 1) {
                loaded.notes.add(tr("model.onnx.note.outputs", fileName, graph.outputs().size(), graph.outputs().get(0).name()));
            }
            if (signature.fixedBatch() == 1) {
                loaded.notes.add(tr("model.onnx.note.batchOfOne", fileName, signature.inputShape()));
            }
            return loaded;
        } catch (OrtException | IOException | MalformedModelException | RuntimeException e) {
            if (model != null) {
                model.close();
            }
            options.close();
            throw new ModelRejected(tr("model.onnx.notLoadable", fileName, LocalRunner.firstLine(e)), e);
        }
    }

    /** DJL makes an empty folder for a model loaded from bytes; nothing is ever put in it. */
    private static void forgetFolder(Path folder) {
        try {
            if (folder != null) {
                Files.deleteIfExists(folder);
            }
        } catch (IOException e) {
            // A folder left in the worker's own /tmp goes with it.
        }
    }

    @Override
    public Output predict(float[] data, int firstRow, int count, int features) throws ModelRejected {
        if (signature.fixedBatch() == 1 && count > 1) {
            float[] values = null;
            int width = 0;
            for (int row = 0; row < count; row++) {
                Output one = predict(data, firstRow + row, 1, features);
                if (values == null) {
                    width = one.width();
                    values = new float[count * width];
                }
                if (one.width() != width) {
                    throw new ModelRejected(tr("model.run.widthChanged", fileName, width, one.width()));
                }
                System.arraycopy(one.values(), 0, values, row * width, width);
            }
            return new Output(values, count, width);
        }
        List<long[]> candidates = layout != null ? List.of(layout) : signature.layouts();
        String firstError = null;
        for (long[] perExample : candidates) {
            try (NDManager batch = model.getNDManager().newSubManager()) {
                long[] dims = new long[perExample.length + 1];
                dims[0] = count;
                System.arraycopy(perExample, 0, dims, 1, perExample.length);
                FloatBuffer rows = FloatBuffer.wrap(data, firstRow * features, count * features).slice();
                NDArray x = batch.create(rows, new Shape(dims));
                // The block itself, not a Predictor: a model exported for one example at a time is run
                // 10,000 times, and a Predictor's context per call cost twice the forward pass.
                NDList out = model.getBlock().forward(new ParameterStore(batch, false), new NDList(x), false);
                out.attach(batch);
                Output output = output(out.get(0), count);
                layout = perExample;
                return output;
            } catch (RuntimeException e) {
                if (firstError == null) {
                    firstError = LocalRunner.firstLine(e);
                }
                if (layout != null) {
                    break;
                }
            }
        }
        throw new ModelRejected(tr("model.onnx.failed", fileName, signature.inputShape(),
                signature.layouts().stream().map(l -> InputLayouts.describe(new Shape(l))).toList(), firstError));
    }

    private Output output(NDArray y, int count) throws ModelRejected {
        Shape shape = y.getShape();
        int width;
        if (shape.dimension() == 1 && shape.get(0) == count) {
            width = 1;
        } else if (shape.dimension() == 2 && shape.get(0) == count) {
            width = Math.toIntExact(shape.get(1));
        } else {
            throw new ModelRejected(tr("model.onnx.outputShape", fileName, shape, count));
        }
        float[] values;
        if (y.getDataType() == DataType.FLOAT32) {
            values = y.toFloatArray();
        } else if (y.getDataType() == DataType.FLOAT64) {
            double[] wide = y.toDoubleArray();
            values = new float[wide.length];
            for (int i = 0; i < wide.length; i++) {
                values[i] = (float) wide[i];
            }
        } else {
            throw new ModelRejected(tr("model.onnx.outputType", fileName, y.getDataType()));
        }
        return new Output(values, count, width);
    }

    @Override
    public List<String> notes() {
        return notes;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void close() {
        model.close();
        options.close();
    }
}
