package org.dlgrader.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;

/** A {@link Trainer} with nothing but a loss and an optimizer: no listeners, no metrics, no logging. */
public final class Trainers {

    private Trainers() {
    }

    /**
     * Seeds the engine, then creates and initialises the trainer. The block's own initializers
     * (set by {@link org.dlgrader.engine.Layers}) stay in force because the config names none.
     */
    public static Trainer create(Model model, Loss loss, Optimizer optimizer, Device device, long seed, Shape input) {
        Engine.getInstance().setRandomSeed((int) seed);
        DefaultTrainingConfig config = new DefaultTrainingConfig(loss)
                .optOptimizer(optimizer)
                .optDevices(new Device[] {device});
        Trainer trainer = model.newTrainer(config);
        trainer.initialize(input);
        return trainer;
    }

    /** Mean squared error exactly as PyTorch's {@code MSELoss}; DJL's default L2 loss is half of it. */
    public static Loss mse() {
        return Loss.l2Loss("mse", 1f);
    }
}
