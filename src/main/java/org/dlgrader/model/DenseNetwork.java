package org.dlgrader.model;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import java.util.List;
import java.util.function.BiFunction;

/**
 * A stack of dense layers with ReLU between them, as the lesson builds every network:
 * {@code widths} from the input to the output ({@code [784, 512, 512, 10]} for the quickstart),
 * optionally flattening image inputs first. One description serves the reference trainer that
 * builds it and the loader of a DJL {@code .params} file that must match it.
 */
public record DenseNetwork(List<Integer> widths, boolean flattenInput) {

    public DenseNetwork {
        widths = List.copyOf(widths);
        if (widths.size() < 2) {
            throw new IllegalArgumentException("a network needs an input and an output width");
        }
    }

    /** The block, with each layer made by {@code layer(in, out)} (the framework's own initialisation). */
    public Block block(BiFunction<Integer, Integer, Linear> layer) {
        if (widths.size() == 2 && !flattenInput) {
            return layer.apply(widths.get(0), widths.get(1));
        }
        SequentialBlock block = new SequentialBlock();
        if (flattenInput) {
            block.add(Blocks.batchFlattenBlock(widths.get(0)));
        }
        for (int i = 1; i < widths.size(); i++) {
            if (i > 1) {
                block.add(Activation::relu);
            }
            block.add(layer.apply(widths.get(i - 1), widths.get(i)));
        }
        return block;
    }

    /** The block with DJL's default initialisation: enough to load saved parameters into. */
    public Block block() {
        return block((in, out) -> Linear.builder().setUnits(out).build());
    }

    public int inputs() {
        return widths.get(0);
    }

    public int outputs() {
        return widths.get(widths.size() - 1);
    }
}
