package org.dlgrader.model.keras;

import static org.dlgrader.i18n.Messages.tr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.dlgrader.model.DenseStack;
import org.dlgrader.model.InputSpec;
import org.dlgrader.model.LoadedModel;
import org.dlgrader.model.ModelFile;
import org.dlgrader.model.ModelLoader;
import org.dlgrader.model.ModelRejected;

/**
 * {@code model.save("image_classify.h5")} from Keras 2 or Keras 3: the architecture from the
 * root attribute {@code model_config}, the weights from {@code model_weights/<layer>/} as each
 * layer group's {@code weight_names} lists them. Kernels are (in, out), the transpose of PyTorch's.
 */
public final class KerasH5Loader implements ModelLoader {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] HDF5 = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    @Override
    public String format() {
        return "Keras HDF5";
    }

    @Override
    public List<String> extensions() {
        return List.of(".h5", ".hdf5");
    }

    @Override
    public String howToSave(String fileName) {
        return "model.save(\"" + fileName + "\")";
    }


    @Override
    public boolean accepts(ModelFile file) {
        return file.startsWith(HDF5);
    }

    @Override
    public LoadedModel load(ModelFile file, InputSpec spec) throws ModelRejected {
        String name = file.name();
        Hdf5Length.check(file.head(), file.size(), name);
        try (HdfFile hdf = new HdfFile(file.path())) {
            Attribute config = hdf.getAttribute("model_config");
            if (config == null) {
                throw new ModelRejected(tr("model.kerasH5.weightsOnly", name));
            }
            JsonNode model = JSON.readTree(String.valueOf(config.getData()));
            List<String> notes = new ArrayList<>();
            notes.add(tr("model.kerasH5.note", attribute(hdf, "keras_version"), model.path("class_name").asText()));
            SavedArray.Allowance allowance = new SavedArray.Allowance(name, file.size());
            return build(name, model, layerName -> legacyWeights(hdf, layerName, allowance), spec, notes, "Keras HDF5");
        } catch (ModelRejected e) {
            throw e;
        } catch (Exception e) {
            throw new ModelRejected(tr("model.kerasH5.unreadable", name, e.getMessage()), e);
        }
    }

    /** Where a layer's saved arrays come from, in Keras's order (kernel, bias; gamma, beta, mean, variance); empty when it saved none. */
    interface Weights {
        List<SavedArray> of(String layerName) throws Exception;
    }

    private static List<SavedArray> legacyWeights(HdfFile hdf, String layerName, SavedArray.Allowance allowance)
            throws ModelRejected {
        Group group = (Group) hdf.getByPath("model_weights/" + layerName);
        List<SavedArray> arrays = new ArrayList<>();
        for (String weightName : weightNames(group)) {
            arrays.add(SavedArray.of((Dataset) group.getByPath(weightName), allowance));
        }
        return arrays;
    }

    /**
     * A model of the lesson's layers only runs as a dense stack, as it always has; one with image
     * layers, or activations a dense stack does not have, as a {@link KerasNetwork}.
     */
    static LoadedModel build(String name, JsonNode model, Weights source, InputSpec spec, List<String> notes, String format)
            throws Exception {
        JsonNode layers = model.path("config").path("layers");
        if (!layers.isArray()) {
            throw new ModelRejected(tr("model.keras.noLayers", name));
        }
        LayerChain.check(name, layers);
        if (LayerChain.denseOnly(layers)) {
            return build(name, model, source, spec.features(), notes, format);
        }
        return ImageLayers.build(name, layers, source, spec, notes, format);
    }

    /** Maps a Sequential (or chain-shaped functional) model config of the lesson's layers onto a dense stack. */
    private static DenseStack build(String name, JsonNode model, Weights source, int features, List<String> notes, String format)
            throws Exception {
        JsonNode layers = model.path("config").path("layers");
        if (!layers.isArray()) {
            throw new ModelRejected(tr("model.keras.noLayers", name));
        }
        List<DenseStack.Layer> dense = new ArrayList<>();
        int width = -1;
        for (JsonNode layer : layers) {
            String type = layer.path("class_name").asText();
            JsonNode cfg = layer.path("config");
            String layerName = cfg.path("name").asText();
            int declared = inputSize(cfg);
            if (declared > 0) {
                if (declared != features) {
                    throw new ModelRejected(tr("model.keras.inputShape", name, layerName, shapeText(cfg), declared, features));
                }
                width = declared;
            }
            switch (type) {
                case "InputLayer", "Flatten", "Reshape", "Dropout" -> {
                }
                case "Dense" -> {
                    List<SavedArray> saved = source.of(layerName);
                    if (saved.isEmpty() || saved.get(0) == null || saved.get(0).rank() != 2) {
                        throw new ModelRejected(tr("model.keras.noWeights", name, layerName));
                    }
                    float[] kernel = saved.get(0).values();
                    float[] bias = saved.size() > 1 && saved.get(1) != null ? saved.get(1).values() : null;
                    int in = saved.get(0).shape()[0];
                    int out = saved.get(0).shape()[1];
                    if (width > 0 && in != width) {
                        throw new ModelRejected(tr("model.keras.widthMismatch", name, layerName, in, width));
                    }
                    float[] weight = new float[in * out];
                    for (int i = 0; i < in; i++) {
                        for (int o = 0; o < out; o++) {
                            weight[o * in + i] = kernel[i * out + o];
                        }
                    }
                    dense.add(new DenseStack.Layer(layerName, in, out, weight, bias, activation(cfg, name, layerName)));
                    width = out;
                }
                case "Activation", "Softmax", "ReLU" -> {
                    if (dense.isEmpty()) {
                        throw new ModelRejected(tr("model.keras.activationFirst", name, layerName));
                    }
                    DenseStack.Layer last = dense.remove(dense.size() - 1);
                    DenseStack.Activation act = type.equals("Softmax") ? DenseStack.Activation.SOFTMAX
                            : type.equals("ReLU") ? DenseStack.Activation.RELU : activation(cfg, name, layerName);
                    if (last.activation() != DenseStack.Activation.LINEAR) {
                        throw new ModelRejected(tr("model.keras.twoActivations", name, last.name()));
                    }
                    dense.add(last.withActivation(act));
                }
                default -> throw new ModelRejected(tr("model.keras.unsupportedLayer", name, type, layerName));
            }
        }
        if (dense.isEmpty()) {
            throw new ModelRejected(tr("model.keras.noDense", name));
        }
        return new DenseStack(format, dense, notes);
    }

    private static String attribute(HdfFile hdf, String key) {
        Attribute attribute = hdf.getAttribute(key);
        return attribute == null ? "?" : String.valueOf(attribute.getData());
    }

    private static String[] weightNames(Group group) {
        Attribute attribute = group.getAttribute("weight_names");
        if (attribute == null || !(attribute.getData() instanceof String[] names)) {
            return new String[0];
        }
        return names;
    }

    private static DenseStack.Activation activation(JsonNode cfg, String file, String layer) throws ModelRejected {
        String activation = cfg.path("activation").asText("linear").toLowerCase(Locale.ROOT);
        return switch (activation) {
            case "linear", "", "null" -> DenseStack.Activation.LINEAR;
            case "relu" -> DenseStack.Activation.RELU;
            case "sigmoid" -> DenseStack.Activation.SIGMOID;
            case "tanh" -> DenseStack.Activation.TANH;
            case "softmax" -> DenseStack.Activation.SOFTMAX;
            default -> throw new ModelRejected(tr("model.keras.unsupportedActivation", file, layer, activation));
        };
    }

    /** The per-example input size a layer declares (batch_input_shape in Keras 2, batch_shape in Keras 3), or -1. */
    private static int inputSize(JsonNode cfg) {
        JsonNode shape = declaredShape(cfg);
        if (shape == null) {
            return -1;
        }
        int size = 1;
        for (int i = 1; i < shape.size(); i++) {
            if (shape.get(i).isNull()) {
                return -1;
            }
            size *= shape.get(i).asInt();
        }
        return size;
    }

    private static JsonNode declaredShape(JsonNode cfg) {
        for (String key : List.of("batch_input_shape", "batch_shape")) {
            if (cfg.path(key).isArray()) {
                return cfg.path(key);
            }
        }
        return null;
    }

    private static String shapeText(JsonNode cfg) {
        JsonNode shape = declaredShape(cfg);
        StringBuilder text = new StringBuilder();
        for (int i = 1; shape != null && i < shape.size(); i++) {
            text.append(i == 1 ? "" : "×").append(shape.get(i).asText());
        }
        return text.toString();
    }

    @Override
    public Optional<List<DenseStack.Layer>> denseLayers(ModelFile file, InputSpec spec) throws ModelRejected {
        return Optional.of(denseLayers(load(file, spec)));
    }

    /** A dense stack's layers, or the dense layers that end an image model; no native memory is taken for either. */
    static List<DenseStack.Layer> denseLayers(LoadedModel model) {
        try (model) {
            return model instanceof DenseStack stack ? stack.layers() : ((KerasNetwork) model).denseHead();
        }
    }
}
