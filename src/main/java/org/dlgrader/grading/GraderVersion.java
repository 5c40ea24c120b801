package org.dlgrader.grading;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The grader's version, from the build ({@code dl-grader.properties}, filtered by Maven): part of
 * every result cache key, so a new grader never replays an older one's measurements.
 */
public final class GraderVersion {

    public static final String VALUE = read();

    private GraderVersion() {
    }

    private static String read() {
        try (InputStream in = GraderVersion.class.getResourceAsStream("/dl-grader.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
