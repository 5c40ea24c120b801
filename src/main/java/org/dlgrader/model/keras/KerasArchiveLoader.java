package org.dlgrader.model.keras;

import static org.dlgrader.i18n.Messages.tr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.dlgrader.model.DenseStack;
import org.dlgrader.model.InputSpec;
import org.dlgrader.model.LoadedModel;
import org.dlgrader.model.ModelFile;
import org.dlgrader.model.ModelLoader;
import org.dlgrader.model.ModelRejected;

/**
 * Keras 3's {@code .keras} archive: {@code config.json} for the architecture and
 * {@code model.weights.h5}, where each layer's variables sit in a group {@code <layer>/vars}
 * as datasets {@code 0} (kernel) and {@code 1} (bias).
 */
public final class KerasArchiveLoader implements ModelLoader {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Far above any model of this lesson (the Keras tutorial's weights are 0.4 MB). */
    static final long MAX_ENTRY_BYTES = 256L << 20;

    @Override
    public String format() {
        return "Keras 3 .keras archive";
    }

    @Override
    public String formatName() {
        return tr("model.format.kerasArchive");
    }

    @Override
    public List<String> extensions() {
        return List.of(".keras");
    }

    @Override
    public String howToSave(String fileName) {
        return "model.save(\"" + fileName + "\")";
    }

    @Override
    public boolean accepts(ModelFile file) {
        return file.hasEntry("config.json"::equals) && file.hasEntry(n -> n.endsWith(".weights.h5"));
    }

    @Override
    public LoadedModel load(ModelFile file, InputSpec spec) throws ModelRejected {
        String name = file.name();
        try (ZipFile zip = new ZipFile(file.path().toFile())) {
            JsonNode config = JSON.readTree(read(zip, "config.json", name));
            List<String> notes = new ArrayList<>();
            notes.add(tr("model.kerasArchive.note", config.path("class_name").asText()));
            // Read from memory: the weights are bounded by MAX_ENTRY_BYTES, and no temporary file is left behind.
            byte[] weights = read(zip, "model.weights.h5", name);
            Hdf5Length.check(Arrays.copyOf(weights, Math.min(64, weights.length)), weights.length,
                    tr("model.kerasArchive.weightsOf", name));
            try (HdfFile hdf = HdfFile.fromBytes(weights)) {
                SavedArray.Allowance allowance = new SavedArray.Allowance(name, weights.length);
                return KerasH5Loader.build(name, config, layer -> vars(hdf, layer, allowance), spec, notes, "Keras .keras");
            }
        } catch (ModelRejected e) {
            throw e;
        } catch (Exception e) {
            throw new ModelRejected(tr("model.kerasArchive.unreadable", name, e.getMessage()), e);
        }
    }

    private static byte[] read(ZipFile zip, String entryName, String file) throws IOException, ModelRejected {
        ZipEntry entry = zip.getEntry(entryName);
        if (entry == null) {
            throw new ModelRejected(tr("model.kerasArchive.missingEntry", file, entryName));
        }
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] bytes = in.readNBytes((int) MAX_ENTRY_BYTES + 1);
            if (bytes.length > MAX_ENTRY_BYTES) {
                throw new ModelRejected(tr("model.kerasArchive.entryTooLarge", file, entryName, MAX_ENTRY_BYTES));
            }
            return bytes;
        }
    }

    /**
     * Groups looked into for one layer, and how deep: Keras nests a layer's variables a few groups
     * down. HDF5's hard links can make groups a cycle, and a chain of groups can be as deep as the
     * file is long; this search runs in the grading process, so each group is visited once, and few.
     */
    private static final int MAX_GROUPS = 10_000;
    private static final int MAX_GROUP_DEPTH = 32;

    private static List<SavedArray> vars(Group group, String layer, SavedArray.Allowance allowance) throws ModelRejected {
        return vars(group, layer, allowance, new java.util.HashSet<>(), 0);
    }

    /** The variables {@code vars/0, 1, ...} of the first group named {@code layer} anywhere in the file that has any. */
    private static List<SavedArray> vars(Group group, String layer, SavedArray.Allowance allowance, java.util.Set<Long> seen,
            int depth) throws ModelRejected {
        if (depth > MAX_GROUP_DEPTH) {
            return List.of();
        }
        for (Node child : group.getChildren().values()) {
            if (child instanceof Group inner && seen.size() < MAX_GROUPS && seen.add(inner.getAddress())) {
                if (inner.getName().equals(layer) && inner.getChildren().get("vars") instanceof Group vars
                        && vars.getChildren().get("0") instanceof Dataset) {
                    List<SavedArray> arrays = new ArrayList<>();
                    for (int i = 0; vars.getChildren().get(String.valueOf(i)) instanceof Dataset variable; i++) {
                        arrays.add(SavedArray.of(variable, allowance));
                    }
                    return arrays;
                }
                List<SavedArray> found = vars(inner, layer, allowance, seen, depth + 1);
                if (!found.isEmpty()) {
                    return found;
                }
            }
        }
        return List.of();
    }

    @Override
    public Optional<List<DenseStack.Layer>> denseLayers(ModelFile file, InputSpec spec) throws ModelRejected {
        return Optional.of(KerasH5Loader.denseLayers(load(file, spec)));
    }
}
