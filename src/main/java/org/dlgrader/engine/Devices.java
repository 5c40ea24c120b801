package org.dlgrader.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;

/**
 * Chooses the device from {@code -Dgrader.device} (or {@code $GRADER_DEVICE}): {@code auto}
 * (the default: GPU when the engine sees one), {@code cpu} or {@code gpu}.
 */
public final class Devices {

    public static final String PROPERTY = "grader.device";

    private Devices() {
    }

    public static Device select() {
        String wanted = System.getProperty(PROPERTY);
        if (wanted == null || wanted.isBlank()) {
            wanted = System.getenv().getOrDefault("GRADER_DEVICE", "auto");
        }
        int gpus = Engine.getInstance().getGpuCount();
        switch (wanted.trim().toLowerCase()) {
            case "cpu":
                return Device.cpu();
            case "gpu":
                if (gpus == 0) {
                    throw new IllegalStateException("-D" + PROPERTY + "=gpu was asked for, but the PyTorch engine sees no GPU. "
                            + "The default build ships CPU-only natives: build with `mvn -Dgpu ...` on a CUDA machine "
                            + "with internet so DJL can fetch the CUDA natives, or use -D" + PROPERTY + "=cpu.");
                }
                return Device.gpu();
            case "auto":
                return gpus > 0 ? Device.gpu() : Device.cpu();
            default:
                throw new IllegalArgumentException("-D" + PROPERTY + " must be cpu, gpu or auto, not '" + wanted + "'.");
        }
    }

    /** One line for the start of a run: device, engine and thread settings. */
    public static String describe(Device device) {
        Engine engine = Engine.getInstance();
        return String.format("Device: %s (engine %s %s, DJL %s, GPUs visible: %d, torch threads: %s)",
                device, engine.getEngineName(), engine.getVersion(), Engine.getDjlVersion(), engine.getGpuCount(),
                System.getProperty("ai.djl.pytorch.num_threads", "default"));
    }
}
