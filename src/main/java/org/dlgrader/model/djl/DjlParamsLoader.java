package org.dlgrader.model.djl;

import static org.dlgrader.i18n.Messages.tr;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.dlgrader.model.InputSpec;
import org.dlgrader.model.LoadedModel;
import org.dlgrader.model.ModelFile;
import org.dlgrader.model.ModelLoader;
import org.dlgrader.model.ModelRejected;
import org.dlgrader.model.ModelShape;

/**
 * DJL's {@code model.save(...)}: parameters only, loaded into the exercise's own network
 * ({@link InputSpec#network()}), the architecture the reference trainer saves.
 */
public final class DjlParamsLoader implements ModelLoader {

    private static final byte[] MAGIC = "DJL@".getBytes(StandardCharsets.US_ASCII);

    @Override
    public String format() {
        return "DJL parameters";
    }

    @Override
    public String formatName() {
        return tr("model.format.djlParams");
    }

    @Override
    public List<String> extensions() {
        return List.of(".params");
    }

    @Override
    public String howToSave(String fileName) {
        return "model.save(folder, \"" + fileName.replaceAll("\\.params$", "") + "\") in DJL";
    }


    @Override
    public boolean accepts(ModelFile file) {
        return file.startsWith(MAGIC);
    }

    @Override
    public LoadedModel load(ModelFile file, InputSpec spec) throws ModelRejected {
        if (spec.network() == null) {
            // An exercise without a network of its own (the free example) has nothing to load parameters into.
            throw new ModelRejected(tr("model.djl.noNetwork", file.name()));
        }
        return DjlParamsModel.load(file.path(), spec.network().block(), "model",
                ModelShape.ofWidths(spec.network().widths()));
    }
}
