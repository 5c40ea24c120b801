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
import org.dlgrader.model.ModelShape;

/**
 * An ONNX model in an ONNX Runtime session, made from the model's bytes (never from a path: the
 * worker has only those, and ONNX Runtime must open no other file). Only its first output is read.
 * A model exported for a batch of one is given a free batch dimension and fed whole batches once
 * its answers to two rows together are seen to be its answers to each alone; otherwise it is run
 * as exported, one example at a time.
 */
final class OnnxModel implements LoadedModel {

    static final String ENGINE = "OnnxRuntime";
    /** How far a row's answer in a batch may be from its answer alone: the kernels' rounding, not a mixing of rows. */
    private static final float SAME = 1e-4f;

    private final String fileName;
    private final OnnxLoader.Signature signature;
    private final String description;
    private final ModelShape shape;
    private final List<String> notes = new ArrayList<>();
    /** The model as exported, kept while a freed batch dimension is still to be checked. */
    private byte[] asExported;
    private Session session;
    private boolean rowByRow;
    private long[] layout;

    /** A DJL model on an ONNX Runtime session, and the session options it was made with (DJL leaves them to the caller). */
    private record Session(Model model, OrtSession.SessionOptions options) implements AutoCloseable {

        static Session open(String fileName, byte[] bytes, int threads) throws ModelRejected {
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            Model model = null;
            try {
                options.setIntraOpNumThreads(threads);
                options.setInterOpNumThreads(1);
                options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
                // Idle threads sleep rather than spin, as OMP_WAIT_POLICY=PASSIVE makes libtorch's do.
                options.addConfigEntry("session.intra_op.allow_spinning", "0");
                model = Model.newInstance(fileName, Device.cpu(), ENGINE);
                model.load(new ByteArrayInputStream(bytes), Map.of("sessionOptions", options));
                forgetFolder(model.getModelPath());
                return new Session(model, options);
            } catch (OrtException | IOException | MalformedModelException | RuntimeException e) {
                if (model != null) {
                    model.close();
                }
                options.close();
                throw new ModelRejected(tr("model.onnx.notLoadable", fileName, LocalRunner.firstLine(e)), e);
            }
        }

        @Override
        public void close() {
            model.close();
            options.close();
        }
    }

    private OnnxModel(String fileName, OnnxLoader.Signature signature, String description, ModelShape shape) {
        this.fileName = fileName;
        this.shape = shape;
        this.signature = signature;
        this.description = description;
    }

    static OnnxModel load(String fileName, byte[] bytes, OnnxGraph graph, OnnxLoader.Signature signature) throws ModelRejected {
        OnnxModel loaded = new OnnxModel(fileName, signature, "ONNX (opset " + OnnxLoader.standardOpset(graph) + ")", graph.shape());
        byte[] freed = null;
        if (signature.fixedBatch() == 1) {
            try {
                freed = BatchAxis.free(bytes, graph.inputs().get(0).name());
            } catch (Protobuf.Malformed e) {
                freed = null;
            }
        }
        if (freed != null) {
            try {
                loaded.session = Session.open(fileName, freed, EngineSettings.threadsOfThisThread());
                loaded.asExported = bytes;
            } catch (ModelRejected e) {
                freed = null;
            }
        }
        if (freed == null) {
            // One example at a time is too little work to share: waking a second thread for each
            // costs more than the forward pass.
            loaded.session = Session.open(fileName, bytes, signature.fixedBatch() == 1 ? 1 : EngineSettings.threadsOfThisThread());
            loaded.rowByRow = signature.fixedBatch() == 1;
            if (loaded.rowByRow) {
                loaded.notes.add(tr("model.onnx.note.batchOfOne", fileName, signature.inputShape()));
            }
        }
        if (graph.outputs().size() > 1) {
            loaded.notes.add(tr("model.onnx.note.outputs", fileName, graph.outputs().size(), graph.outputs().get(0).name()));
        }
        return loaded;
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
        if (asExported != null && count >= 2) {
            checkFreedBatch(data, firstRow, features);
        }
        if (!rowByRow || count == 1) {
            return run(data, firstRow, count, features);
        }
        float[] values = null;
        int width = 0;
        for (int row = 0; row < count; row++) {
            Output one = run(data, firstRow + row, 1, features);
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

    /**
     * Two rows together must give what each gives alone, or the freed batch dimension is not the
     * model's batch (a reshape to [1, -1] inside, rows mixed): then the model is run as exported.
     */
    private void checkFreedBatch(float[] data, int firstRow, int features) throws ModelRejected {
        boolean same;
        try {
            Output both = run(data, firstRow, 2, features);
            Output first = run(data, firstRow, 1, features);
            Output second = run(data, firstRow + 1, 1, features);
            same = both.width() == first.width() && both.width() == second.width();
            for (int i = 0; same && i < both.width(); i++) {
                same = close(both.values()[i], first.values()[i]) && close(both.values()[both.width() + i], second.values()[i]);
            }
        } catch (ModelRejected | RuntimeException e) {
            same = false;
        }
        byte[] exported = asExported;
        asExported = null;
        if (same) {
            notes.add(tr("model.onnx.note.batchFreed", fileName, signature.inputShape()));
            return;
        }
        session.close();
        session = null;
        layout = null;
        session = Session.open(fileName, exported, 1);
        rowByRow = true;
        notes.add(tr("model.onnx.note.batchOfOne", fileName, signature.inputShape()));
    }

    private static boolean close(float a, float b) {
        return Math.abs(a - b) <= SAME * Math.max(1, Math.max(Math.abs(a), Math.abs(b))) || (Float.isNaN(a) && Float.isNaN(b));
    }

    private Output run(float[] data, int firstRow, int count, int features) throws ModelRejected {
        List<long[]> candidates = layout != null ? List.of(layout) : signature.layouts();
        String firstError = null;
        for (long[] perExample : candidates) {
            try (NDManager batch = session.model().getNDManager().newSubManager()) {
                long[] dims = new long[perExample.length + 1];
                dims[0] = count;
                System.arraycopy(perExample, 0, dims, 1, perExample.length);
                FloatBuffer rows = FloatBuffer.wrap(data, firstRow * features, count * features).slice();
                NDArray x = batch.create(rows, new Shape(dims));
                // The block itself, not a Predictor: a model exported for one example at a time may
                // be run 10,000 times, and a Predictor's context per call cost twice the forward pass.
                NDList out = session.model().getBlock().forward(new ParameterStore(batch, false), new NDList(x), false);
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

    /** The layers its graph's weights show, read before ONNX Runtime saw the file. */
    @Override
    public ModelShape shape() {
        return shape;
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
        if (session != null) {
            session.close();
        }
    }
}
