package org.dlgrader.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import java.util.Random;

/**
 * The lesson's training loop over a data set that is already one array in native memory.
 *
 * <p>Batches are slices of that array, made in a per-batch {@link NDManager} so the native memory
 * of every intermediate is released at once instead of piling up until the epoch ends.
 */
public final class MiniBatchTrainer {

    private final Trainer trainer;
    private final NDArray features;
    private final NDArray labels;
    private final int batchSize;
    private final Random shuffle;

    /**
     * @param shuffle null keeps the data in order (PyTorch's {@code DataLoader} default, which the
     *     quickstart uses); a seeded Random reshuffles every epoch (Keras's {@code fit} default)
     */
    public MiniBatchTrainer(Trainer trainer, NDArray features, NDArray labels, int batchSize, Random shuffle) {
        this.trainer = trainer;
        this.features = features;
        this.labels = labels;
        this.batchSize = batchSize;
        this.shuffle = shuffle;
    }

    public int batchesPerEpoch() {
        long n = features.getShape().get(0);
        return (int) ((n + batchSize - 1) / batchSize);
    }

    /** One pass over the data; returns the mean training loss, weighted by batch size. */
    public double epoch(int epoch, Progress progress) {
        long n = features.getShape().get(0);
        try (NDManager epochManager = features.getManager().newSubManager()) {
            NDArray x = features;
            NDArray y = labels;
            if (shuffle != null) {
                NDArray order = epochManager.create(permutation((int) n));
                x = features.get(order);
                y = labels.get(order);
            }
            double lossSum = 0;
            for (long from = 0; from < n; from += batchSize) {
                long to = Math.min(n, from + batchSize);
                try (NDManager batchManager = epochManager.newSubManager()) {
                    NDIndex slice = new NDIndex("{}:{}", from, to);
                    NDArray xb = x.get(slice);
                    NDArray yb = y.get(slice);
                    xb.attach(batchManager);
                    yb.attach(batchManager);
                    float loss;
                    try (GradientCollector collector = trainer.newGradientCollector()) {
                        NDList predictions = trainer.forward(new NDList(xb));
                        NDArray lossValue = trainer.getLoss().evaluate(new NDList(yb), predictions);
                        collector.backward(lossValue);
                        loss = lossValue.getFloat();
                    }
                    trainer.step();
                    lossSum += (double) loss * (to - from);
                    progress.batch(epoch, loss);
                }
            }
            return lossSum / n;
        }
    }

    private long[] permutation(int n) {
        long[] order = new long[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = shuffle.nextInt(i + 1);
            long t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
