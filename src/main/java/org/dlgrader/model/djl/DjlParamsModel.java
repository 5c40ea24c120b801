package org.dlgrader.model.djl;

import static org.dlgrader.i18n.Messages.tr;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dlgrader.model.LoadedModel;
import org.dlgrader.model.ModelRejected;
import org.dlgrader.model.ModelShape;
import org.dlgrader.model.NativeRows;

/** DJL's {@code .params}, loaded into the exercise's fixed architecture. */
final class DjlParamsModel implements LoadedModel {

    private final Model model;
    private final ModelShape shape;

    private DjlParamsModel(Model model, ModelShape shape) {
        this.model = model;
        this.shape = shape;
    }

    /** @param shape the network's layers: the file holds parameters only, which loaded only if they fit it */
    static DjlParamsModel load(Path file, Block network, String exercise, ModelShape shape) throws ModelRejected {
        // Named, not left to DJL: with ONNX Runtime on the class path there are two engines to choose from.
        Model model = Model.newInstance(exercise, Device.cpu(), "PyTorch");
        Path folder = null;
        try {
            model.setBlock(network);
            // Model.load wants <prefix>-NNNN.params in a folder; a student's file may have any name.
            folder = Files.createTempDirectory("djl-params");
            Files.copy(file, folder.resolve("model-0000.params"));
            model.load(folder, "model");
            return new DjlParamsModel(model, shape);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new ModelRejected(tr("model.djl.mismatch", file.getFileName(), e.getMessage()), e);
        } finally {
            if (folder != null) {
                try (var files = Files.list(folder)) {
                    for (Path p : (Iterable<Path>) files::iterator) {
                        Files.deleteIfExists(p);
                    }
                    Files.deleteIfExists(folder);
                } catch (IOException ignored) {
                    // A temp folder left behind is harmless.
                }
            }
        }
    }

    @Override
    public Output predict(float[] data, int firstRow, int count, int features) {
        try (NDManager batch = model.getNDManager().newSubManager()) {
            NDArray x = NativeRows.rows(batch, data, firstRow, count, features, false);
            NDArray y = model.getBlock().forward(new ParameterStore(batch, false), new NDList(x), false).singletonOrThrow();
            return new Output(y.toFloatArray(), count, (int) (y.size() / count));
        }
    }

    @Override
    public ModelShape shape() {
        return shape;
    }

    @Override
    public List<String> notes() {
        // The parameters loaded into the exercise's own network or not at all: nothing to remark on.
        return List.of();
    }

    @Override
    public String description() {
        return tr("model.format.djlParams");
    }

    @Override
    public void close() {
        model.close();
    }
}
