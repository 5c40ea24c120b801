package org.dlgrader.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a worker sees of the grader's own files. A Maven repository under /tmp (a CI runner's
 * {@code -Dmaven.repo.local=/tmp/...}) once vanished under the worker's private /tmp, and every
 * student was "not graded: ai/djl/engine/Engine not found".
 */
class SandboxMountsTest {

    @Test
    void filesTheWorkerNeedsUnderTmpAreVisibleAndTheirNeighboursAreNot(@TempDir Path dir) throws Exception {
        assumeTrue(Sandbox.status().available(), "no sandbox here: " + Sandbox.status().reason());
        Path program = dir.resolve("Probe.java");
        Path secret = dir.resolve("answer-key.txt");
        Files.writeString(secret, "labels", StandardCharsets.UTF_8);
        Files.writeString(program, """
                public class Probe {
                    public static void main(String[] args) {
                        System.out.println("ran; answer key visible: " + java.nio.file.Files.exists(java.nio.file.Path.of(args[0])));
                    }
                }
                """, StandardCharsets.UTF_8);
        Path channel = dir.resolve("channel.sock");
        Files.createFile(channel);
        List<Path> readOnly = new ArrayList<>(Sandbox.javaHome());
        readOnly.add(program);
        List<String> inner = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:off", program.toString(), secret.toString());

        String output = run(Sandbox.command(inner, readOnly, channel, 64, Map.of()));

        assertThat(output).contains("ran; answer key visible: false");
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] bytes = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
