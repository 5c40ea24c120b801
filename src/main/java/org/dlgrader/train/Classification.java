package org.dlgrader.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

/** Accuracy, mean cross-entropy and softmax probabilities of a logits model on a labelled set. */
public record Classification(double accuracy, double loss, float[] probabilities, int[] predictions, int classes) {

    /** Evaluates {@code block} (logits out) on {@code features} in batches, without recording gradients. */
    public static Classification evaluate(Block block, NDArray features, int[] labels, int batchSize) {
        long n = features.getShape().get(0);
        int classes = -1;
        float[] probabilities = null;
        int[] predictions = new int[(int) n];
        double lossSum = 0;
        long correct = 0;
        try (NDManager manager = features.getManager().newSubManager()) {
            ParameterStore store = new ParameterStore(manager, false);
            for (long from = 0; from < n; from += batchSize) {
                long to = Math.min(n, from + batchSize);
                try (NDManager batchManager = manager.newSubManager()) {
                    NDArray x = features.get(new NDIndex("{}:{}", from, to));
                    x.attach(batchManager);
                    NDArray logits = block.forward(store, new NDList(x), false).singletonOrThrow();
                    logits.attach(batchManager);
                    NDArray logProbabilities = logits.logSoftmax(1);
                    float[] logp = logProbabilities.toFloatArray();
                    if (classes < 0) {
                        classes = (int) logits.getShape().get(1);
                        probabilities = new float[(int) n * classes];
                    }
                    for (int i = 0; i < to - from; i++) {
                        int row = (int) from + i;
                        int best = 0;
                        for (int c = 0; c < classes; c++) {
                            float lp = logp[i * classes + c];
                            probabilities[row * classes + c] = (float) Math.exp(lp);
                            if (lp > logp[i * classes + best]) {
                                best = c;
                            }
                        }
                        predictions[row] = best;
                        lossSum -= logp[i * classes + labels[row]];
                        if (best == labels[row]) {
                            correct++;
                        }
                    }
                }
            }
        }
        return new Classification((double) correct / n, lossSum / n, probabilities, predictions, classes);
    }
}
