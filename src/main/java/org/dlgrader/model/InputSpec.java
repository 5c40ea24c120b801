package org.dlgrader.model;

import java.util.List;

/**
 * What a model of one exercise is fed and must give back: {@code features} values per example, in
 * one of {@code layouts} (per-example shapes, the most usual first: {@link InputLayouts}), and
 * {@code outputs} values per example. {@code network} is the exercise's own architecture, for
 * formats that store weights without one (DJL's {@code .params}).
 */
public record InputSpec(int features, int outputs, List<long[]> layouts, DenseNetwork network) {

    public InputSpec {
        layouts = List.copyOf(layouts);
        for (long[] layout : layouts) {
            long size = 1;
            for (long d : layout) {
                size *= d;
            }
            if (size != features) {
                throw new IllegalArgumentException("a layout of " + size + " values for " + features + " features");
            }
        }
    }
}
