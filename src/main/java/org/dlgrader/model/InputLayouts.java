package org.dlgrader.model;

import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * The layouts a model may want for flat rows of features, the most usual first: a single-channel
 * image of h × w pixels may be fed as 1×h×w (PyTorch's convolutions), h·w (an MLP after
 * flattening), h×w (Keras's Flatten(28, 28)) or h×w×1 (Keras's channels-last); anything else as
 * the flat row.
 */
public final class InputLayouts {

    private InputLayouts() {
    }

    /** The flat row only: {@code features} values. */
    public static List<long[]> flat(int features) {
        return List.of(new long[] {features});
    }

    /** The four ways a grey image of {@code height} × {@code width} pixels is fed. */
    public static List<long[]> greyImage(int height, int width) {
        List<long[]> layouts = new ArrayList<>();
        layouts.add(new long[] {1, height, width});
        layouts.add(new long[] {(long) height * width});
        layouts.add(new long[] {height, width});
        layouts.add(new long[] {height, width, 1});
        return layouts;
    }

    public static String describe(Shape perExample) {
        StringBuilder text = new StringBuilder();
        for (long d : perExample.getShape()) {
            text.append(text.length() == 0 ? "" : "×").append(d);
        }
        return text.toString();
    }
}
