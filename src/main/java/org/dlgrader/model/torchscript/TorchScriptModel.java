package org.dlgrader.model.torchscript;

import static org.dlgrader.i18n.Messages.tr;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dlgrader.model.InputLayouts;
import org.dlgrader.model.LoadedModel;
import org.dlgrader.model.LocalRunner;
import org.dlgrader.model.ModelRejected;
import org.dlgrader.model.ModelShape;
import org.dlgrader.model.NativeRows;

/**
 * A TorchScript file run by libtorch. Loaded with {@code mapLocation} so files saved on cuda or
 * mps load on the CPU. The input layout is found by trying the exercise's candidates once.
 */
public final class TorchScriptModel implements LoadedModel {

    private final String fileName;
    private final ZooModel<NDList, NDList> model;
    private final Predictor<NDList, NDList> predictor;
    private final List<String> notes = new ArrayList<>();
    private Shape layout;
    /** The per-example shapes to try, until one works; then {@link #layout} is it. */
    private final List<Shape> layouts;

    private TorchScriptModel(String fileName, ZooModel<NDList, NDList> model, List<Shape> layouts) {
        this.fileName = fileName;
        this.layouts = layouts;
        this.model = model;
        this.predictor = model.newPredictor();
    }

    static TorchScriptModel load(Path file, List<long[]> layouts) throws ModelRejected {
        // Not Criteria.loadModel: when libtorch refuses the file it leaves its half-made Model open.
        Model model = Model.newInstance(file.getFileName().toString(), Device.cpu(), "PyTorch");
        try {
            model.load(file, null, Map.of("mapLocation", "true"));
            return new TorchScriptModel(file.getFileName().toString(), new ZooModel<>(model, new NoopTranslator()),
                    layouts.stream().map(Shape::new).toList());
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            String first = LocalRunner.firstLine(e);
            java.util.regex.Matcher missing = java.util.regex.Pattern.compile("failed locating file (\\S+?):").matcher(first);
            if (missing.find()) {
                throw new ModelRejected(tr("model.torchScript.missingRecord", file.getFileName(), missing.group(1)), e);
            }
            throw new ModelRejected(tr("model.torchScript.notLoadable", file.getFileName(), LocalRunner.firstLine(e)), e);
        }
    }

    @Override
    public Output predict(float[] data, int firstRow, int count, int features) throws ModelRejected {
        List<Shape> candidates = layout != null ? List.of(layout) : layouts;
        String firstError = null;
        for (Shape perExample : candidates) {
            try (NDManager batch = model.getNDManager().newSubManager()) {
                long[] dims = new long[perExample.dimension() + 1];
                dims[0] = count;
                System.arraycopy(perExample.getShape(), 0, dims, 1, perExample.dimension());
                NDArray x = NativeRows.rows(batch, data, firstRow, count, features, true).reshape(new Shape(dims));
                NDList out = predictor.predict(new NDList(x));
                NDArray y = out.get(0);
                y.attach(batch);
                if (y.getShape().dimension() == 1 && count == y.getShape().get(0)) {
                    y = y.reshape(count, 1);
                }
                if (y.getShape().dimension() != 2 || y.getShape().get(0) != count) {
                    throw new ModelRejected(tr("model.torchScript.outputShape", fileName, y.getShape(), count));
                }
                if (layout == null) {
                    layout = perExample;
                    if (perExample != candidates.get(0) || layouts.size() > 1) {
                        String shape = InputLayouts.describe(perExample);
                        boolean flat = perExample.size() == features && perExample.dimension() == 1;
                        notes.add(flat ? tr("model.torchScript.note.layout", shape) : tr("model.torchScript.note.imageLayout", shape));
                    }
                }
                float[] values = y.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
                return new Output(values, count, (int) y.getShape().get(1));
            } catch (TranslateException | RuntimeException e) {
                if (firstError == null) {
                    firstError = LocalRunner.firstLine(e);
                }
                if (layout != null) {
                    break;
                }
            }
        }
        throw new ModelRejected(tr("model.torchScript.noLayout", fileName, layouts.stream().map(InputLayouts::describe).toList(),
                firstError));
    }

    @Override
    public List<String> notes() {
        return notes;
    }

    /**
     * The layers its parameters imply, read from libtorch's module (no forward pass needed); what
     * the code does between them is not read. Unknown when libtorch does not list them.
     */
    @Override
    public ModelShape shape() {
        try {
            Map<String, long[]> named = new LinkedHashMap<>();
            for (ai.djl.util.Pair<String, ai.djl.nn.Parameter> p : model.getBlock().getParameters()) {
                if (p.getValue().isInitialized()) {
                    named.put(p.getKey(), p.getValue().getArray().getShape().getShape());
                }
            }
            return ModelShape.ofParameters(named);
        } catch (RuntimeException e) {
            return ModelShape.UNKNOWN;
        }
    }

    @Override
    public String description() {
        return "TorchScript";
    }

    @Override
    public void close() {
        predictor.close();
        model.close();
    }
}
