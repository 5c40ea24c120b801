package org.dlgrader.model.pytorch;

import java.util.Arrays;

/** A float tensor read from a state_dict, contiguous, with the device it was saved from. */
public record Tensor(String name, long[] shape, float[] data, String location) {

    public int dimensions() {
        return shape.length;
    }

    public String shapeText() {
        return Arrays.toString(shape);
    }
}
