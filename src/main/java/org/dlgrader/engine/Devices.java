package org.dlgrader.engine;

import static org.dlgrader.i18n.Messages.tr;

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
                    throw new IllegalStateException(tr("engine.device.noGpu", PROPERTY));
                }
                return Device.gpu();
            case "auto":
                return gpus > 0 ? Device.gpu() : Device.cpu();
            default:
                throw new IllegalArgumentException(tr("engine.device.unknown", PROPERTY, wanted));
        }
    }

    /** One line for the start of a run: device, engine and thread settings. */
    public static String describe(Device device) {
        Engine engine = Engine.getInstance();
        return tr("engine.device.describe", device, engine.getEngineName(), engine.getVersion(), Engine.getDjlVersion(),
                engine.getGpuCount(), System.getProperty("ai.djl.pytorch.num_threads", tr("engine.device.defaultThreads")));
    }
}
