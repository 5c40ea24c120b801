package org.dlgrader.grading;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dlgrader.exercise.Reference;
import org.dlgrader.model.LoadedModel;
import org.dlgrader.model.ModelFormat;
import org.dlgrader.model.ModelRejected;
import org.dlgrader.model.djl.DjlParamsModel;
import org.dlgrader.model.keras.KerasH5Loader;
import org.dlgrader.model.keras.KerasZipLoader;
import org.dlgrader.model.pytorch.StateDictLoader;
import org.dlgrader.model.torchscript.TorchScriptModel;

/** Picks the loader by the file's content. A new model format is one more case here. */
public final class ModelLoaders {

    private ModelLoaders() {
    }

    public static LoadedModel load(Path file, Reference exercise) throws ModelRejected {
        return load(file, exercise, Limits.DEFAULTS);
    }

    public static LoadedModel load(Path file, Reference exercise, Limits limits) throws ModelRejected {
        String name = file.getFileName().toString();
        ModelFormat format;
        try {
            if (Files.size(file) == 0) {
                throw new ModelRejected(name + " is empty (0 bytes). Save the model again and attach the saved file.");
            }
            format = ModelFormat.detect(file);
            if (format == ModelFormat.TORCHSCRIPT || format == ModelFormat.PYTORCH_ZIP || format == ModelFormat.KERAS_ZIP) {
                ZipGuard.check(file, limits.maxUnpackedMb());
            }
        } catch (IOException e) {
            throw new ModelRejected(name + " could not be read: " + e.getMessage(), e);
        }
        return switch (format) {
            case TORCHSCRIPT -> TorchScriptModel.load(file);
            case PYTORCH_ZIP -> StateDictLoader.load(file, false);
            case PYTORCH_LEGACY -> StateDictLoader.load(file, true);
            case KERAS_H5 -> KerasH5Loader.load(file, exercise.task().inputFeatures());
            case DJL_PARAMS -> DjlParamsModel.load(file, exercise.network(), exercise.id());
            case KERAS_ZIP -> KerasZipLoader.load(file, exercise.task().inputFeatures());
            case DAMAGED_ZIP -> throw new ModelRejected(name + " is a zip archive (the container of torch.save, TorchScript "
                    + "and .keras files) but it is damaged or cut off, probably while it was copied or attached. Save and send it again.");
            case UNKNOWN -> throw new ModelRejected(name + " is not a model file the grader knows (" + head(file)
                    + "). Accepted: TorchScript (torch.jit.save), torch.save(model.state_dict()), Keras model.save(\"....h5\"), DJL .params.");
        };
    }

    private static String head(Path file) {
        try {
            byte[] bytes;
            try (var in = Files.newInputStream(file)) {
                bytes = in.readNBytes(60);
            }
            String start = new String(bytes, 0, Math.min(bytes.length, 60), java.nio.charset.StandardCharsets.ISO_8859_1);
            if (start.startsWith("version https://git-lfs")) {
                return "it is a Git LFS pointer, not the model: run `git lfs pull` and attach the real file";
            }
            return "it starts with bytes that match no model format";
        } catch (IOException e) {
            return "unreadable";
        }
    }
}
