package org.dlgrader.model.keras;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import org.dlgrader.model.DenseStack;

/** The layers of an image model the grader runs. Weights stay on the Java side until {@link Step#upload}. */
final class Steps {

    private Steps() {
    }

    /** Reshape (and the batch of flat rows the grader feeds, shaped as the model's input): in Keras's order. */
    record Reshape(String name, long[] target) implements Step {
        @Override
        public NDArray forward(NDArray x) {
            long[] shape = new long[target.length + 1];
            shape[0] = x.getShape().get(0);
            System.arraycopy(target, 0, shape, 1, target.length);
            return Step.fromKeras(Step.toKeras(x).reshape(new Shape(shape)));
        }

        @Override
        public boolean keepsValues() {
            return true;
        }
    }

    /** Dropout and its kin: nothing at inference. */
    record Identity(String name) implements Step {
        @Override
        public NDArray forward(NDArray x) {
            return x;
        }

        @Override
        public boolean keepsValues() {
            return true;
        }
    }

    record Activate(String name, KerasActivation activation) implements Step {
        @Override
        public NDArray forward(NDArray x) {
            return activation.apply(x, Step.channelAxis(x));
        }
    }

    /** A layer with a weight, an optional bias and an activation, kept as Java arrays until {@link #upload}. */
    abstract static class Weighted implements Step {
        private final String name;
        final float[] weight;
        private final long[] weightShape;
        final float[] bias;
        final KerasActivation activation;
        NDArray weights;
        NDArray biases;

        Weighted(String name, float[] weight, long[] weightShape, float[] bias, KerasActivation activation) {
            this.name = name;
            this.weight = weight;
            this.weightShape = weightShape;
            this.bias = bias;
            this.activation = activation;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void upload(NDManager manager) {
            weights = manager.create(weight, new Shape(weightShape));
            biases = bias == null ? null : manager.create(bias);
        }
    }

    /** Dense on Keras's last axis: on a flat row as the lesson uses it, on the channels of an image else. */
    static final class Dense extends Weighted {
        private final int in;
        private final int out;

        /** @param weight (out, in), row-major, PyTorch's orientation */
        Dense(String name, float[] weight, float[] bias, int in, int out, KerasActivation activation) {
            super(name, weight, new long[] {out, in}, bias, activation);
            this.in = in;
            this.out = out;
        }

        @Override
        public NDArray forward(NDArray x) {
            NDArray keras = Step.toKeras(x);
            NDArray y = biases == null ? Linear.linear(keras, weights).singletonOrThrow()
                    : Linear.linear(keras, weights, biases).singletonOrThrow();
            return activation.apply(Step.fromKeras(y), Step.channelAxis(x));
        }

        DenseStack.Layer asDenseLayer() {
            return new DenseStack.Layer(name(), in, out, weight, bias, activation.dense());
        }
    }

    /**
     * Conv2D. TensorFlow's "same" padding puts an odd pixel after, not before, which a convolution's
     * own symmetric padding cannot say, so the input is padded first ({@code pads}: left, right, top, bottom).
     */
    static final class Conv extends Weighted {
        private final Shape stride;
        private final long[] pads;

        /** @param weight (out, in, kh, kw), row-major */
        Conv(String name, float[] weight, long[] weightShape, float[] bias, Shape stride, long[] pads, KerasActivation activation) {
            super(name, weight, weightShape, bias, activation);
            this.stride = stride;
            this.pads = pads;
        }

        @Override
        public NDArray forward(NDArray x) {
            NDArray padded = Pooling.pad(x, pads, 0);
            NDArray y = Conv2d.conv2d(padded, weights, biases, stride, new Shape(0, 0), new Shape(1, 1), 1).singletonOrThrow();
            return activation.apply(y, 1);
        }
    }

    /** MaxPooling2D and AveragePooling2D; pads as for {@link Conv}. */
    record Pooling(String name, boolean max, Shape kernel, Shape stride, long[] pads) implements Step {
        @Override
        public NDArray forward(NDArray x) {
            Shape none = new Shape(0, 0);
            if (max) {
                return Pool.maxPool2d(pad(x, pads, Double.NEGATIVE_INFINITY), kernel, stride, none, false);
            }
            NDArray sums = Pool.avgPool2d(pad(x, pads, 0), kernel, stride, none, false, true);
            if (!padded(pads)) {
                return sums;
            }
            // TensorFlow averages over the pixels inside the image only: divide by the share of each window that is.
            try (NDArray ones = x.getManager().ones(new Shape(1, 1, x.getShape().get(2), x.getShape().get(3)))) {
                return sums.div(Pool.avgPool2d(pad(ones, pads, 0), kernel, stride, none, false, true));
            }
        }

        static boolean padded(long[] pads) {
            for (long p : pads) {
                if (p != 0) {
                    return true;
                }
            }
            return false;
        }

        static NDArray pad(NDArray x, long[] pads, double value) {
            return padded(pads) ? x.pad(new Shape(pads), value) : x;
        }
    }

    record GlobalPooling(String name, boolean max, boolean keepDims) implements Step {
        @Override
        public NDArray forward(NDArray x) {
            // One axis at a time: the PyTorch engine reduces over a single axis per call.
            return max ? x.max(new int[] {3}, keepDims).max(new int[] {2}, keepDims)
                    : x.mean(new int[] {3}, keepDims).mean(new int[] {2}, keepDims);
        }
    }

    /** BatchNormalization at inference, folded into one scale and one shift per channel. */
    static final class Normalize implements Step {
        private final String name;
        private final float[] scale;
        private final float[] shift;
        private NDArray scales;
        private NDArray shifts;

        Normalize(String name, float[] scale, float[] shift) {
            this.name = name;
            this.scale = scale;
            this.shift = shift;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void upload(NDManager manager) {
            scales = manager.create(scale);
            shifts = manager.create(shift);
        }

        @Override
        public NDArray forward(NDArray x) {
            if (x.getShape().dimension() == 4) {
                Shape perChannel = new Shape(1, scale.length, 1, 1);
                return x.mul(scales.reshape(perChannel)).add(shifts.reshape(perChannel));
            }
            return x.mul(scales).add(shifts);
        }
    }
}
