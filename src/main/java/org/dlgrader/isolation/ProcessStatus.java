package org.dlgrader.isolation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resident memory (heap and native) and thread count of a process, from {@code /proc}: what a
 * worker's limits are checked against and what the grading benchmark adds up.
 */
public record ProcessStatus(long rssKb, long threads) {

    /** Zeros for a process that is gone, or where there is no /proc. */
    public static ProcessStatus of(long pid) {
        long rss = 0;
        long threads = 0;
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.replaceAll("[^0-9]", ""));
                } else if (line.startsWith("Threads:")) {
                    threads = Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // Gone or not Linux: a worker's liveness check covers the first, its time limit the second.
        }
        return new ProcessStatus(rss, threads);
    }
}
