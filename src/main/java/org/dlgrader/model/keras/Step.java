package org.dlgrader.model.keras;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * One layer of an image model, run on a batch. An image (Keras's height × width × channels) is held
 * as DJL's and PyTorch's N × C × H × W, which their convolutions and pools want; every other shape is
 * held in Keras's own order, so a Flatten turns an image back to N × H × W × C first.
 */
interface Step {

    /** The layer's name in the file, for the model's description. */
    String name();

    /** Puts the layer's weights into {@code manager}'s native memory; called once, before the first batch. */
    default void upload(NDManager manager) {
    }

    NDArray forward(NDArray x);

    /** Whether the layer changes no value (Dropout, Flatten, Reshape): a softmax before it still ends the model. */
    default boolean keepsValues() {
        return false;
    }

    /** Keras's order of an image held as N × C × H × W; other arrays are already in it. */
    static NDArray toKeras(NDArray x) {
        return x.getShape().dimension() == 4 ? x.transpose(0, 2, 3, 1) : x;
    }

    /** An array in Keras's order held the way {@link Step} holds it. */
    static NDArray fromKeras(NDArray x) {
        return x.getShape().dimension() == 4 ? x.transpose(0, 3, 1, 2) : x;
    }

    /** Where Keras's last axis (the channels of an image) is held. */
    static int channelAxis(NDArray x) {
        return x.getShape().dimension() == 4 ? 1 : -1;
    }
}
