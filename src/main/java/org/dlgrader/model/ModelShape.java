package org.dlgrader.model;

import static org.dlgrader.i18n.Messages.tr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A loaded model's layers as far as its file shows them, and its parameter count: what an
 * exercise's architecture rule is checked against in the grading process. Only numbers and kinds
 * come back from a worker; the grading process decides what they mean.
 *
 * @param layers the layers that hold weights, in the order the file gives them; empty when the format does not show them
 * @param parameters the number of trainable values; -1 when the format does not say
 */
public record ModelShape(List<Layer> layers, long parameters) {

    public static final String DENSE = "dense";
    public static final String CONV1D = "conv1d";
    public static final String CONV2D = "conv2d";
    public static final String CONV3D = "conv3d";
    public static final String NORM = "norm";
    public static final String OTHER = "other";

    public static final Set<String> KINDS = Set.of(DENSE, CONV1D, CONV2D, CONV3D, NORM, OTHER);

    /** What a format that shows nothing of its layers gives. */
    public static final ModelShape UNKNOWN = new ModelShape(List.of(), -1);

    public ModelShape {
        layers = List.copyOf(layers);
    }

    /**
     * One layer with weights. {@code sizes}: a dense layer's {@code [in, out]}; a convolution's
     * {@code [in channels, out channels, kernel...]}; a norm's {@code [features]}; else the weight's shape.
     */
    public record Layer(String kind, List<Integer> sizes) {
        public Layer {
            sizes = List.copyOf(sizes);
        }
    }

    /** The shape of a chain of dense layers (state_dict, Keras, DJL parameters): weights and biases counted. */
    public static ModelShape ofDense(List<DenseStack.Layer> dense) {
        List<Layer> layers = new ArrayList<>();
        long parameters = 0;
        for (DenseStack.Layer l : dense) {
            layers.add(new Layer(DENSE, List.of(l.in(), l.out())));
            parameters += (long) l.in() * l.out() + (l.bias() == null ? 0 : l.out());
        }
        return new ModelShape(layers, parameters);
    }

    /** The shape of the dense network {@code widths} with biases, as DJL builds it. */
    public static ModelShape ofWidths(List<Integer> widths) {
        List<Layer> layers = new ArrayList<>();
        long parameters = 0;
        for (int i = 1; i < widths.size(); i++) {
            layers.add(new Layer(DENSE, List.of(widths.get(i - 1), widths.get(i))));
            parameters += (long) widths.get(i - 1) * widths.get(i) + widths.get(i);
        }
        return new ModelShape(layers, parameters);
    }

    /**
     * The layers a model's named parameters imply ({@code conv1.weight [32, 1, 3, 3]}), as TorchScript
     * shows them: a layer per {@code weight}, its kind from the weight's rank; any other parameter
     * but a bias is a layer of kind {@link #OTHER}. What runs between them (activations, pooling,
     * the order of the forward pass) is code and not read.
     */
    public static ModelShape ofParameters(Map<String, long[]> named) {
        List<Layer> layers = new ArrayList<>();
        long parameters = 0;
        for (Map.Entry<String, long[]> e : named.entrySet()) {
            long[] shape = e.getValue();
            long size = 1;
            for (long d : shape) {
                size *= d;
            }
            parameters += size;
            String name = e.getKey();
            List<Integer> dims = new ArrayList<>();
            for (long d : shape) {
                dims.add((int) Math.min(d, Integer.MAX_VALUE));
            }
            if (name.equals("bias") || name.endsWith(".bias")) {
                continue;
            }
            if (!(name.equals("weight") || name.endsWith(".weight"))) {
                // weight_ih_l0 (LSTM), in_proj_weight (attention), a bare nn.Parameter: a layer, not a dense one.
                layers.add(new Layer(OTHER, dims));
                continue;
            }
            layers.add(switch (shape.length) {
                case 1 -> new Layer(NORM, dims);
                case 2 -> new Layer(DENSE, List.of(dims.get(1), dims.get(0)));
                case 3, 4, 5 -> {
                    List<Integer> sizes = new ArrayList<>(List.of(dims.get(1), dims.get(0)));
                    sizes.addAll(dims.subList(2, dims.size()));
                    yield new Layer(shape.length == 3 ? CONV1D : shape.length == 4 ? CONV2D : CONV3D, sizes);
                }
                default -> new Layer(OTHER, dims);
            });
        }
        return new ModelShape(layers, parameters);
    }

    public boolean layersKnown() {
        return !layers.isEmpty();
    }

    /**
     * The widths from input to output when every layer is dense and each takes the one before's
     * outputs ({@code [784, 512, 512, 10]}); empty otherwise.
     */
    public Optional<List<Integer>> denseWidths() {
        if (layers.isEmpty()) {
            return Optional.empty();
        }
        List<Integer> widths = new ArrayList<>();
        for (Layer layer : layers) {
            if (!layer.kind().equals(DENSE) || layer.sizes().size() != 2) {
                return Optional.empty();
            }
            if (!widths.isEmpty() && !widths.get(widths.size() - 1).equals(layer.sizes().get(0))) {
                return Optional.empty();
            }
            if (widths.isEmpty()) {
                widths.add(layer.sizes().get(0));
            }
            widths.add(layer.sizes().get(1));
        }
        return Optional.of(widths);
    }

    /** The layers in words, in the run's language: "dense 784→512, dense 512→10" or "conv2d 1→32 3×3, ...". */
    public String describeLayers() {
        if (layers.isEmpty()) {
            return tr("model.shape.unknownLayers");
        }
        return layers.stream().map(ModelShape::describe).collect(Collectors.joining(", "));
    }

    private static String describe(Layer layer) {
        List<Integer> s = layer.sizes();
        return switch (layer.kind()) {
            case DENSE, CONV1D, CONV2D, CONV3D -> layer.kind() + " " + s.get(0) + "→" + s.get(1)
                    + (s.size() > 2 ? " " + s.subList(2, s.size()).stream().map(String::valueOf).collect(Collectors.joining("×")) : "");
            default -> layer.kind() + " " + s.stream().map(String::valueOf).collect(Collectors.joining("×"));
        };
    }

    /** The layers and the parameter count in words: "dense 2→64, dense 64→1; 257 parameters". */
    public String describe() {
        return parameters < 0 ? describeLayers() : tr("model.shape.described", describeLayers(), parameters);
    }
}
