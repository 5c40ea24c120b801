package org.dlgrader.model;

import ai.djl.ndarray.types.Shape;
import java.util.List;

/** The input layouts a model may want for an exercise's flat feature rows, the most usual first. */
public final class InputLayouts {

    private InputLayouts() {
    }

    /** Per-example shapes (without the batch axis) that hold {@code features} values. */
    public static List<Shape> candidates(int features) {
        if (features == 28 * 28) {
            return List.of(new Shape(1, 28, 28), new Shape(784), new Shape(28, 28), new Shape(28, 28, 1));
        }
        return List.of(new Shape(features));
    }

    public static String describe(Shape perExample) {
        StringBuilder text = new StringBuilder();
        for (long d : perExample.getShape()) {
            text.append(text.length() == 0 ? "" : "×").append(d);
        }
        return text.toString();
    }
}
