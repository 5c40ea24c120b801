package org.dlgrader.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import org.junit.jupiter.api.Test;

class LayersTest {

    @Test
    void torchLinearMatchesNnLinearInitialisation() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(1);
            Linear linear = Layers.torchLinear(784, 512);
            linear.initialize(manager, DataType.FLOAT32, new Shape(1, 784));

            double bound = 1 / Math.sqrt(784);
            assertUniform(linear.getParameters().get("weight").getArray(), bound, new Shape(512, 784));
            assertUniform(linear.getParameters().get("bias").getArray(), bound, new Shape(512));
        }
    }

    @Test
    void kerasDenseIsGlorotUniformWithZeroBias() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(1);
            Linear dense = Layers.kerasDense(128);
            dense.initialize(manager, DataType.FLOAT32, new Shape(1, 784));

            assertUniform(dense.getParameters().get("weight").getArray(), Math.sqrt(6.0 / (784 + 128)), new Shape(128, 784));
            assertThat(dense.getParameters().get("bias").getArray().abs().max().getFloat()).isZero();
        }
    }

    /** Uniform on (-bound, bound): inside it, reaching near both ends, with std bound/sqrt(3). */
    private static void assertUniform(NDArray values, double bound, Shape shape) {
        assertThat(values.getShape()).isEqualTo(shape);
        assertThat((double) values.max().getFloat()).isLessThanOrEqualTo(bound).isGreaterThan(0.95 * bound);
        assertThat((double) values.min().getFloat()).isGreaterThanOrEqualTo(-bound).isLessThan(-0.95 * bound);
        double std = Math.sqrt(values.square().mean().getFloat());
        assertThat(std).isBetween(0.9 * bound / Math.sqrt(3), 1.1 * bound / Math.sqrt(3));
    }
}
