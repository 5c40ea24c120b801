package org.dlgrader.isolation;

import static org.dlgrader.i18n.Messages.tr;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Starts every worker process from one thread that lives as long as this JVM. Linux delivers a
 * child's parent-death signal (what {@code bwrap --die-with-parent} sets) when the THREAD that
 * started it ends, not the process: a worker started from a grading thread would be killed the
 * moment that thread finished its student.
 */
final class Launcher {

    private static final ExecutorService THREAD = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "worker-launcher");
        thread.setDaemon(true);
        return thread;
    });

    private Launcher() {
    }

    static Process start(ProcessBuilder builder) throws IOException {
        CompletableFuture<Process> started = CompletableFuture.supplyAsync(() -> {
            try {
                return builder.start();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, THREAD);
        try {
            return started.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(tr("isolation.launcher.interrupted"), e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof java.io.UncheckedIOException io) {
                throw io.getCause();
            }
            throw new IOException(tr("isolation.launcher.failed", e.getCause()), e.getCause());
        }
    }
}
