package org.dlgrader.model.keras;

import io.jhdf.api.Dataset;
import java.util.Arrays;

/** One saved variable of a layer (a kernel, a bias, a moving mean), widened to float, with Keras's shape. */
record SavedArray(float[] values, int[] shape) {

    /** The dataset's values, or null when they are not floating point (a Keras file never saves integer weights). */
    static SavedArray of(Dataset dataset) {
        Object flat = dataset.getDataFlat();
        int[] shape = dataset.getDimensions();
        if (flat instanceof float[] floats) {
            return new SavedArray(floats, shape);
        }
        if (flat instanceof double[] doubles) {
            float[] floats = new float[doubles.length];
            for (int i = 0; i < doubles.length; i++) {
                floats[i] = (float) doubles[i];
            }
            return new SavedArray(floats, shape);
        }
        return null;
    }

    int rank() {
        return shape.length;
    }

    String shapeText() {
        return Arrays.toString(shape);
    }
}
