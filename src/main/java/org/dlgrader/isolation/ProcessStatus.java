package org.dlgrader.isolation;

import static org.dlgrader.i18n.Messages.tr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Resident memory (heap and native) and thread count of a process and everything it started (a
 * sandboxed worker is a bwrap process, its PID-namespace init and the JVM), read from
 * {@code /proc}: what a worker's limits and its idle check are measured against, from outside the
 * worker, where a model cannot lie about them.
 *
 * <p>macOS and Windows have no /proc: there nothing is measured, so the memory and thread limits
 * are not enforced (the wall clock still is), which {@link #unenforcedLimits} says once per run.
 *
 * @param measured whether /proc could be read at all (false on macOS and Windows)
 */
public record ProcessStatus(long rssKb, long threads, boolean measured) {

    /** Linux has /proc; macOS and Windows do not, and there a worker's memory and threads cannot be seen. */
    private static final boolean AVAILABLE = Files.isReadable(Path.of("/proc/self/status"));
    private static final AtomicBoolean SAID = new AtomicBoolean();

    /** Whether this machine lets the grader measure a process: false on macOS and Windows. */
    public static boolean available() {
        return AVAILABLE;
    }

    /**
     * The sentence that says which limits this machine cannot enforce (memory, threads; the wall clock
     * it can), for the console and a run's notices; null where it enforces them all.
     */
    public static String unenforcedLimits() {
        return unenforcedLimits(AVAILABLE, System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    }

    static String unenforcedLimits(boolean available, String machine) {
        return available ? null : tr("platform.limits.notEnforced", machine);
    }

    /** Says {@link #unenforcedLimits} on the console, once per process, where it applies. */
    static void sayUnenforcedLimitsOnce() {
        String sentence = unenforcedLimits();
        if (sentence != null && SAID.compareAndSet(false, true)) {
            System.out.println("!! " + sentence);
        }
    }

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
