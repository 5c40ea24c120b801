package org.dlgrader.model;

import java.util.List;

/**
 * What a model of one exercise is fed and must give back: {@code features} values per example, in
 * one of the layouts a model may want ({@link InputLayouts}), and {@code outputs} values per
 * example. {@code network} is the exercise's own architecture, for formats that store weights
 * without one (DJL's {@code .params}).
 */
public record InputSpec(int features, int outputs, DenseNetwork network) {

    /** The per-example shapes to try, the most usual first. */
    public List<long[]> layouts() {
        return InputLayouts.candidates(features).stream().map(ai.djl.ndarray.types.Shape::getShape).toList();
    }
}
