package org.dlgrader.train;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;

/**
 * A lesson's recipe for training one network, as its code reads: the network, the loss, the
 * optimizer, the batch size, the epochs, and whether the data is reshuffled every epoch (Keras's
 * {@code fit} does; PyTorch's {@code DataLoader} does not unless asked).
 *
 * @param inputShape one example's shape with a batch axis of 1, to initialise the network
 */
public record Recipe(String name, Block network, Shape inputShape, Loss loss, Optimizer optimizer, int batchSize,
        int epochs, boolean shuffle) {
}
