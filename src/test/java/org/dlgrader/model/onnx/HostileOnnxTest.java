package org.dlgrader.model.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.dlgrader.model.ModelFile;
import org.junit.jupiter.api.Test;

/**
 * The grading process reads every ONNX file itself (side-cars folded in; the free example's
 * declared shape), with no worker's memory limit. Made by python/make_red_team.py.
 */
class HostileOnnxTest {

    private static final Path RED = Path.of("src", "test", "resources", "fixtures", "red");

    /**
     * 1.6 M node inputs of three bytes each, read in a JVM of 40 MB heap: what the reader keeps of
     * them must not grow with the file (a file at the 100 MB limit made gigabytes of strings).
     */
    @Test
    void nodeInputsByTheMillionAreReadInAHeapOfFortyMegabytes() throws Exception {
        Path file = RED.resolve("many-inputs.onnx");
        Process read = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx40m",
                "-cp", System.getProperty("java.class.path"), Read.class.getName(), file.toString())
                .redirectErrorStream(true).start();
        String output = new String(read.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        System.out.print(output);

        assertThat(read.waitFor()).as(output).isZero();
        assertThat(output).contains("read in");
    }

    /** Reads one file as the grading process does for the free example, in whatever heap it is given. */
    static final class Read {
        public static void main(String[] args) throws Exception {
            ModelFile file = ModelFile.of(Path.of(args[0]), 100L << 20);
            long start = System.nanoTime();
            new OnnxLoader().declaredInputShape(file);
            System.out.printf("%s (%d bytes) read in %.2f s with -Xmx40m%n", file.name(), file.size(),
                    (System.nanoTime() - start) / 1e9);
        }
    }
}
