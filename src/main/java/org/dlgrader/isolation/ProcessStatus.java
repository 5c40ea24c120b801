package org.dlgrader.isolation;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Resident memory (heap and native), thread count and CPU time of a process and everything it
 * started (a sandboxed worker is a bwrap process, its PID-namespace init and the JVM), read from
 * {@code /proc}: what a worker's limits and its idle check are measured against, from outside the
 * worker, where a model cannot lie about them.
 *
 * @param cpuNanos time spent on a CPU by all threads, from each thread's schedstat (nanoseconds)
 * @param measured whether /proc could be read at all (false on macOS and Windows)
 */
public record ProcessStatus(long rssKb, long threads, long cpuNanos, boolean measured) {

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
        return new ProcessStatus(rss, threads, 0, measured);
    }

    /** The process and all its descendants, summed, with their CPU time. */
    public static ProcessStatus tree(ProcessHandle root) {
        List<ProcessHandle> all = new ArrayList<>();
        all.add(root);
        root.descendants().forEach(all::add);
        long rss = 0;
        long threads = 0;
        long cpu = 0;
        boolean measured = false;
        for (ProcessHandle process : all) {
            ProcessStatus one = of(process.pid());
            rss += one.rssKb();
            threads += one.threads();
            measured |= one.measured();
            cpu += cpuNanos(process.pid());
        }
        return new ProcessStatus(rss, threads, cpu, measured);
    }

    private static long cpuNanos(long pid) {
        long total = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                try {
                    String schedstat = Files.readString(task.resolve("schedstat")).trim();
                    total += Long.parseLong(schedstat.substring(0, schedstat.indexOf(' ')));
                } catch (IOException | RuntimeException e) {
                    // A thread that ended between the listing and the read.
                }
            }
        } catch (IOException e) {
            // Gone, or no /proc.
        }
        return total;
    }
}
