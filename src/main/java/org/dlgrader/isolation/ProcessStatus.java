package org.dlgrader.isolation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resident memory (heap and native) and thread count of a process and everything it started (a
 * sandboxed worker is a bwrap process, its PID-namespace init and the JVM), read from
 * {@code /proc}: what a worker's limits and its idle check are measured against, from outside the
 * worker, where a model cannot lie about them.
 *
 * @param measured whether /proc could be read at all (false on macOS and Windows)
 */
public record ProcessStatus(long rssKb, long threads, boolean measured) {

    /** Zeros for a process that is gone, or where there is no /proc. */
    public static ProcessStatus of(long pid) {
        long rss = 0;
        long threads = 0;
        boolean measured = false;
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.replaceAll("[^0-9]", ""));
                } else if (line.startsWith("Threads:")) {
                    threads = Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            measured = true;
        } catch (IOException | NumberFormatException e) {
            // Gone or not Linux: a worker's liveness check covers the first, its time limit the second.
        }
        return new ProcessStatus(rss, threads, measured);
    }

    /** The process and all its descendants, summed. */
    public static ProcessStatus tree(ProcessHandle root) {
        long rss = 0;
        long threads = 0;
        boolean measured = false;
        for (ProcessHandle process : (Iterable<ProcessHandle>) java.util.stream.Stream.concat(java.util.stream.Stream.of(root),
                root.descendants())::iterator) {
            ProcessStatus one = of(process.pid());
            rss += one.rssKb();
            threads += one.threads();
            measured |= one.measured();
        }
        return new ProcessStatus(rss, threads, measured);
    }
}
