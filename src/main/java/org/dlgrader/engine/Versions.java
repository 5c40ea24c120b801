package org.dlgrader.engine;

import ai.djl.engine.Engine;
import java.util.LinkedHashMap;
import java.util.Map;

/** The versions that decide whether two runs can be compared, for metrics files and reports. */
public final class Versions {

    private Versions() {
    }

    public static Map<String, String> current() {
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("djl", Engine.getDjlVersion());
        versions.put("engine", Engine.getInstance().getEngineName() + " " + Engine.getInstance().getVersion());
        versions.put("java", System.getProperty("java.version"));
        versions.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        return versions;
    }
}
