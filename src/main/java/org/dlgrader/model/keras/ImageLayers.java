package org.dlgrader.model.keras;

import static org.dlgrader.i18n.Messages.tr;

import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.dlgrader.model.InputSpec;
import org.dlgrader.model.ModelRejected;
import org.dlgrader.model.ModelShape;

/**
 * Reads a Keras model with image layers into {@link Step}s, following the shape of one example
 * (Keras's order, height × width × channels for an image) from layer to layer, so that every kernel
 * is checked against the input it will get before anything runs.
 */
final class ImageLayers {

    /** Layers that only add noise or drop units while training. */
    private static final Set<String> TRAINING_ONLY = Set.of("Dropout", "SpatialDropout2D", "GaussianDropout", "GaussianNoise");
    /** Layers that need an image as input: without a declared input shape, the model is fed one. */
    private static final Set<String> IMAGE_LAYERS = Set.of("Conv2D", "MaxPooling2D", "AveragePooling2D",
            "GlobalAveragePooling2D", "GlobalMaxPooling2D");

    private final String file;
    private final KerasH5Loader.Weights source;
    private final List<Step> steps = new ArrayList<>();
    private int[] shape;
    private boolean softmaxLast;
    /** The layers with weights, for an exercise's architecture rule, and every saved value as Keras's count_params() counts them. */
    private final List<ModelShape.Layer> layers = new ArrayList<>();
    private long parameters;

    private ImageLayers(String file, KerasH5Loader.Weights source) {
        this.file = file;
        this.source = source;
    }

    static KerasNetwork build(String file, JsonNode layers, KerasH5Loader.Weights source, InputSpec spec,
            List<String> notes, String format) throws Exception {
        ImageLayers reader = new ImageLayers(file, source);
        reader.shape = inputShape(file, layers, spec);
        reader.steps.add(new Steps.Reshape("input", longs(reader.shape)));
        for (JsonNode layer : layers) {
            reader.add(layer.path("class_name").asText(), layer.path("config"));
        }
        int outputs = Arrays.stream(reader.shape).reduce(1, (a, b) -> a * b);
        return new KerasNetwork(format, reader.steps, spec.features(), outputs, reader.softmaxLast, notes,
                new ModelShape(reader.layers, reader.parameters));
    }

    private void add(String type, JsonNode cfg) throws Exception {
        String name = cfg.path("name").asText();
        if (TRAINING_ONLY.contains(type)) {
            steps.add(new Steps.Identity(name));
            return;
        }
        switch (type) {
            case "InputLayer" -> {
                return;
            }
            case "Flatten" -> {
                channelsLast(cfg, name);
                int size = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
                reshape(name, new int[] {size});
            }
            case "Reshape" -> reshape(name, target(cfg, name));
            case "Dense" -> dense(cfg, name);
            case "Conv2D" -> conv(cfg, name);
            case "MaxPooling2D", "AveragePooling2D" -> pool(type, cfg, name);
            case "GlobalAveragePooling2D", "GlobalMaxPooling2D" -> {
                image(type, name);
                channelsLast(cfg, name);
                boolean keep = cfg.path("keepdims").asBoolean(false);
                steps.add(new Steps.GlobalPooling(name, type.equals("GlobalMaxPooling2D"), keep));
                shape = keep ? new int[] {1, 1, shape[2]} : new int[] {shape[2]};
                softmaxLast = false;
            }
            case "BatchNormalization" -> normalize(cfg, name);
            case "Activation" -> activate(name, KerasActivation.named(text(cfg.path("activation")), file, name));
            case "Softmax" -> {
                int axis = axis(cfg.path("axis"), -1);
                if (axis != -1 && axis != shape.length) {
                    throw new ModelRejected(tr("model.keras.option", file, name, type, "axis", cfg.path("axis").toString()));
                }
                activate(name, KerasActivation.of(KerasActivation.Kind.SOFTMAX));
            }
            case "ReLU" -> activate(name, relu(cfg, name));
            case "LeakyReLU" -> {
                JsonNode slope = cfg.has("negative_slope") ? cfg.path("negative_slope") : cfg.path("alpha");
                activate(name, new KerasActivation(KerasActivation.Kind.LEAKY_RELU, (float) slope.asDouble(0.3)));
            }
            case "ELU" -> activate(name, new KerasActivation(KerasActivation.Kind.ELU, (float) cfg.path("alpha").asDouble(1.0)));
            default -> throw new ModelRejected(tr("model.keras.unsupportedLayer", file, type, name));
        }
    }

    private void activate(String name, KerasActivation activation) {
        steps.add(new Steps.Activate(name, activation));
        softmaxLast = activation.kind() == KerasActivation.Kind.SOFTMAX;
    }

    private KerasActivation relu(JsonNode cfg, String name) throws ModelRejected {
        double max = cfg.path("max_value").isNumber() ? cfg.path("max_value").asDouble() : Double.NaN;
        double slope = cfg.path("negative_slope").asDouble(0);
        if (cfg.path("threshold").asDouble(0) != 0 || !Double.isNaN(max) && (max != 6 || slope != 0)) {
            throw new ModelRejected(tr("model.keras.option", file, name, "ReLU", "max_value/threshold",
                    cfg.path("max_value").asText() + "/" + cfg.path("threshold").asText()));
        }
        if (max == 6) {
            return KerasActivation.of(KerasActivation.Kind.RELU6);
        }
        return slope == 0 ? KerasActivation.of(KerasActivation.Kind.RELU) : new KerasActivation(KerasActivation.Kind.LEAKY_RELU, (float) slope);
    }

    private void reshape(String name, int[] target) {
        steps.add(new Steps.Reshape(name, longs(target)));
        shape = target;
    }

    private int[] target(JsonNode cfg, String name) throws ModelRejected {
        JsonNode wanted = cfg.path("target_shape");
        int size = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        int[] target = new int[wanted.size()];
        int known = 1;
        int free = -1;
        for (int i = 0; i < target.length; i++) {
            target[i] = wanted.get(i).asInt(-1);
            if (target[i] < 0) {
                free = i;
            } else {
                known *= target[i];
            }
        }
        if (free >= 0 && known > 0 && size % known == 0) {
            target[free] = size / known;
            known = size;
        }
        if (target.length == 0 || known != size) {
            throw new ModelRejected(tr("model.keras.reshape", file, name, size, wanted.toString()));
        }
        return target;
    }

    private void dense(JsonNode cfg, String name) throws Exception {
        List<SavedArray> saved = source.of(name);
        if (saved.isEmpty() || saved.get(0) == null || saved.get(0).rank() != 2) {
            throw new ModelRejected(tr("model.keras.noWeights", file, name));
        }
        SavedArray kernel = saved.get(0);
        int in = kernel.shape()[0];
        int out = kernel.shape()[1];
        if (in != shape[shape.length - 1]) {
            throw new ModelRejected(tr("model.keras.widthMismatch", file, name, in, shape[shape.length - 1]));
        }
        if (cfg.has("units") && cfg.path("units").asInt() != out) {
            throw new ModelRejected(tr("model.keras.kernelShape", file, name, kernel.shapeText(), "[" + in + ", " + cfg.path("units").asInt() + "]"));
        }
        float[] weight = new float[in * out];
        for (int i = 0; i < in; i++) {
            for (int o = 0; o < out; o++) {
                weight[o * in + i] = kernel.values()[i * out + o];
            }
        }
        float[] bias = bias(cfg, name, saved, out);
        KerasActivation activation = KerasActivation.named(text(cfg.path("activation")), file, name);
        steps.add(new Steps.Dense(name, weight, bias, in, out, activation));
        layer(ModelShape.DENSE, List.of(in, out), kernel, bias);
        shape = shape.clone();
        shape[shape.length - 1] = out;
        softmaxLast = activation.kind() == KerasActivation.Kind.SOFTMAX;
    }

    private void conv(JsonNode cfg, String name) throws Exception {
        image("Conv2D", name);
        channelsLast(cfg, name);
        int groups = cfg.path("groups").asInt(1);
        if (groups != 1) {
            throw new ModelRejected(tr("model.keras.groups", file, name, groups));
        }
        int[] dilation = pair(cfg.path("dilation_rate"), 1);
        if (dilation[0] != 1 || dilation[1] != 1) {
            throw new ModelRejected(tr("model.keras.option", file, name, "Conv2D", "dilation_rate", cfg.path("dilation_rate").toString()));
        }
        int[] size = pair(cfg.path("kernel_size"), -1);
        int[] stride = pair(cfg.path("strides"), 1);
        int filters = cfg.path("filters").asInt(-1);
        int channels = shape[2];
        List<SavedArray> saved = source.of(name);
        SavedArray kernel = saved.isEmpty() ? null : saved.get(0);
        int[] expected = {size[0], size[1], channels, filters};
        if (kernel == null || !Arrays.equals(kernel.shape(), expected)) {
            throw new ModelRejected(tr("model.keras.kernelShape", file, name,
                    kernel == null ? "[]" : kernel.shapeText(), Arrays.toString(expected)));
        }
        float[] weight = new float[kernel.values().length];
        int kh = size[0];
        int kw = size[1];
        // Keras keeps (kh, kw, in, out); DJL's convolution wants (out, in, kh, kw).
        for (int y = 0; y < kh; y++) {
            for (int x = 0; x < kw; x++) {
                for (int i = 0; i < channels; i++) {
                    for (int o = 0; o < filters; o++) {
                        weight[((o * channels + i) * kh + y) * kw + x] = kernel.values()[((y * kw + x) * channels + i) * filters + o];
                    }
                }
            }
        }
        float[] bias = bias(cfg, name, saved, filters);
        long[] pads = window(cfg, name, "Conv2D", size, stride);
        KerasActivation activation = KerasActivation.named(text(cfg.path("activation")), file, name);
        steps.add(new Steps.Conv(name, weight, new long[] {filters, channels, kh, kw}, bias,
                new Shape(stride[0], stride[1]), pads, activation));
        layer(ModelShape.CONV2D, List.of(channels, filters, kh, kw), kernel, bias);
        shape[2] = filters;
        softmaxLast = activation.kind() == KerasActivation.Kind.SOFTMAX;
    }

    private void pool(String type, JsonNode cfg, String name) throws ModelRejected {
        image(type, name);
        channelsLast(cfg, name);
        int[] size = pair(cfg.path("pool_size"), 2);
        int[] stride = cfg.path("strides").isNull() || cfg.path("strides").isMissingNode() ? size : pair(cfg.path("strides"), 1);
        long[] pads = window(cfg, name, type, size, stride);
        steps.add(new Steps.Pooling(name, type.equals("MaxPooling2D"), new Shape(size[0], size[1]),
                new Shape(stride[0], stride[1]), pads));
        softmaxLast = false;
    }

    /**
     * The output size of a window sliding over the image, written into {@link #shape}, and the padding
     * (left, right, top, bottom) TensorFlow adds for "same": the output is ceil(size / stride) and an odd
     * pixel of padding goes after.
     */
    private long[] window(JsonNode cfg, String name, String type, int[] size, int[] stride) throws ModelRejected {
        String padding = cfg.path("padding").asText("valid");
        if (!padding.equals("valid") && !padding.equals("same")) {
            throw new ModelRejected(tr("model.keras.option", file, name, type, "padding", padding));
        }
        long[] pads = new long[4];
        int[] out = new int[2];
        for (int d = 0; d < 2; d++) {
            if (size[d] < 1 || stride[d] < 1) {
                throw new ModelRejected(tr("model.keras.option", file, name, type, "kernel/strides", Arrays.toString(size) + "/" + Arrays.toString(stride)));
            }
            if (padding.equals("same")) {
                out[d] = (shape[d] + stride[d] - 1) / stride[d];
                int total = Math.max((out[d] - 1) * stride[d] + size[d] - shape[d], 0);
                // Shape(pads) pads the last axis (width) first.
                pads[(1 - d) * 2] = total / 2;
                pads[(1 - d) * 2 + 1] = total - total / 2;
            } else {
                out[d] = shape[d] < size[d] ? 0 : (shape[d] - size[d]) / stride[d] + 1;
            }
        }
        if (out[0] < 1 || out[1] < 1) {
            throw new ModelRejected(tr("model.keras.tooSmall", file, name, type, shapeText(shape)));
        }
        shape = new int[] {out[0], out[1], shape[2]};
        return pads;
    }

    private void normalize(JsonNode cfg, String name) throws Exception {
        int axis = axis(cfg.path("axis"), -1);
        if (axis != -1 && axis != shape.length) {
            throw new ModelRejected(tr("model.keras.option", file, name, "BatchNormalization", "axis", cfg.path("axis").toString()));
        }
        boolean scale = cfg.path("scale").asBoolean(true);
        boolean center = cfg.path("center").asBoolean(true);
        double epsilon = cfg.path("epsilon").asDouble(1e-3);
        int channels = shape[shape.length - 1];
        List<SavedArray> saved = source.of(name);
        int needed = (scale ? 1 : 0) + (center ? 1 : 0) + 2;
        if (saved.size() != needed) {
            throw new ModelRejected(tr("model.keras.weightCount", file, name, saved.size(), needed));
        }
        for (SavedArray array : saved) {
            if (array == null || array.values().length != channels) {
                throw new ModelRejected(tr("model.keras.kernelShape", file, name,
                        array == null ? "[]" : array.shapeText(), "[" + channels + "]"));
            }
        }
        int next = 0;
        float[] gamma = scale ? saved.get(next++).values() : null;
        float[] beta = center ? saved.get(next++).values() : null;
        float[] mean = saved.get(next++).values();
        float[] variance = saved.get(next).values();
        float[] factor = new float[channels];
        float[] shift = new float[channels];
        for (int c = 0; c < channels; c++) {
            double a = (gamma == null ? 1 : gamma[c]) / Math.sqrt(variance[c] + epsilon);
            factor[c] = (float) a;
            shift[c] = (float) ((beta == null ? 0 : beta[c]) - mean[c] * a);
        }
        steps.add(new Steps.Normalize(name, factor, shift));
        layers.add(new ModelShape.Layer(ModelShape.NORM, List.of(channels)));
        // The moving mean and variance too: Keras counts them among a model's parameters (non-trainable).
        parameters += (long) saved.size() * channels;
        softmaxLast = false;
    }

    private void layer(String kind, List<Integer> sizes, SavedArray kernel, float[] bias) {
        layers.add(new ModelShape.Layer(kind, sizes));
        parameters += kernel.values().length + (bias == null ? 0 : bias.length);
    }

    private float[] bias(JsonNode cfg, String name, List<SavedArray> saved, int out) throws ModelRejected {
        if (!cfg.path("use_bias").asBoolean(true)) {
            return null;
        }
        if (saved.size() < 2 || saved.get(1) == null || saved.get(1).values().length != out) {
            throw new ModelRejected(tr("model.keras.kernelShape", file, name,
                    saved.size() < 2 || saved.get(1) == null ? "[]" : saved.get(1).shapeText(), "[" + out + "]"));
        }
        return saved.get(1).values();
    }

    private void image(String type, String name) throws ModelRejected {
        if (shape.length != 3) {
            throw new ModelRejected(tr("model.keras.needsImage", file, name, type, shapeText(shape)));
        }
    }

    private void channelsLast(JsonNode cfg, String name) throws ModelRejected {
        if (cfg.path("data_format").asText("channels_last").equals("channels_first")) {
            throw new ModelRejected(tr("model.keras.channelsFirst", file, name));
        }
    }

    /** The shape one example has on the way in: as the model declares it, else as this exercise feeds an image. */
    static int[] inputShape(String file, JsonNode layers, InputSpec spec) throws ModelRejected {
        for (JsonNode layer : layers) {
            JsonNode cfg = layer.path("config");
            JsonNode declared = declared(cfg);
            if (declared == null && layer.path("build_config").path("input_shape").isArray()) {
                declared = layer.path("build_config").path("input_shape");
            }
            if (declared != null) {
                return matching(file, cfg.path("name").asText(), declared, spec);
            }
        }
        boolean image = false;
        for (JsonNode layer : layers) {
            String type = layer.path("class_name").asText();
            if (!type.equals("InputLayer") && !TRAINING_ONLY.contains(type)) {
                image = IMAGE_LAYERS.contains(type);
                break;
            }
        }
        for (long[] layout : spec.layouts()) {
            if (image && layout.length == 3 && layout[2] == 1) {
                return ints(layout);
            }
        }
        return new int[] {spec.features()};
    }

    private static JsonNode declared(JsonNode cfg) {
        for (String key : List.of("batch_input_shape", "batch_shape")) {
            if (cfg.path(key).isArray()) {
                return cfg.path(key);
            }
        }
        return null;
    }

    /** A declared shape, its unknown sizes (None) filled in from this exercise's layouts of the same rank. */
    private static int[] matching(String file, String layer, JsonNode declared, InputSpec spec) throws ModelRejected {
        int[] shape = new int[declared.size() - 1];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = declared.get(i + 1).isNull() ? -1 : declared.get(i + 1).asInt();
        }
        for (long[] layout : spec.layouts()) {
            if (layout.length == shape.length) {
                boolean fits = true;
                for (int i = 0; i < shape.length; i++) {
                    fits &= shape[i] < 0 || shape[i] == layout[i];
                }
                if (fits) {
                    return ints(layout);
                }
            }
        }
        int size = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        throw new ModelRejected(tr("model.keras.inputShape", file, layer, shapeText(shape), size, spec.features()));
    }

    private static int axis(JsonNode axis, int otherwise) {
        if (axis.isArray()) {
            return axis.size() == 1 ? axis.get(0).asInt() : Integer.MIN_VALUE;
        }
        return axis.isNumber() ? axis.asInt() : otherwise;
    }

    private static int[] pair(JsonNode node, int otherwise) {
        if (node.isArray() && node.size() == 2) {
            return new int[] {node.get(0).asInt(), node.get(1).asInt()};
        }
        int value = node.isNumber() ? node.asInt() : otherwise;
        return new int[] {value, value};
    }

    private static String text(JsonNode node) {
        return node.isTextual() ? node.asText() : node.isMissingNode() || node.isNull() ? "linear" : node.toString();
    }

    private static String shapeText(int[] shape) {
        StringBuilder text = new StringBuilder();
        for (int d : shape) {
            text.append(text.length() == 0 ? "" : "×").append(d);
        }
        return text.toString();
    }

    private static long[] longs(int[] values) {
        return Arrays.stream(values).asLongStream().toArray();
    }

    private static int[] ints(long[] values) {
        return Arrays.stream(values).mapToInt(v -> (int) v).toArray();
    }
}
