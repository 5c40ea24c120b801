package org.dlgrader.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Debian's headless Chromium, as a page's reader: what it shows, and what its console said. */
public final class Chromium {

    public static final Path EXECUTABLE = Path.of("/usr/bin/chromium");

    /** What Chromium saw: the DOM after load (scripts run), and its console output. */
    public record Page(String dom, String console) {
    }

    private Chromium() {
    }

    public static boolean installed() {
        return Files.isExecutable(EXECUTABLE);
    }

    private static List<String> common() throws IOException {
        Path profile = Files.createTempDirectory("chromium");
        return List.of(EXECUTABLE.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0", "--virtual-time-budget=5000");
    }

    public static Page load(Path file) throws IOException, InterruptedException {
        List<String> dump = new ArrayList<>(common());
        dump.addAll(List.of("--dump-dom", file.toAbsolutePath().toUri().toString()));
        String[] result = run(dump);
        return new Page(result[0], result[1]);
    }

    public static void screenshot(Path file, Path png) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(common());
        command.addAll(List.of("--hide-scrollbars", "--window-size=1280,2000", "--screenshot=" + png.toAbsolutePath(),
                file.toAbsolutePath().toUri().toString()));
        run(command);
    }

    private static String[] run(List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("chromium", ".out");
        Path err = Files.createTempFile("chromium", ".err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("Chromium did not finish within 90 s: " + String.join(" ", command));
        }
        return new String[] {Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8)};
    }
}
