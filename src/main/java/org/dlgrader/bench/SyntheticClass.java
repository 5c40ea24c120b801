package org.dlgrader.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;

/**
 * A class of N students made from the example submissions (hard links, so 300 students cost no
 * disk): mostly good in mixed formats, some with the typical mistakes, some broken.
 */
final class SyntheticClass {

    /** The forward-pass GFLOP on the test data that each kind of student's models cost. */
    enum Kind {
        STATE_DICT_AND_KERAS2("2024001-张三", 15.5),
        TORCHSCRIPT_AND_KERAS3("2024003-王 小明", 15.5),
        MISTAKES("2024002-李四", 13.5),
        BROKEN("2024001-张三", 2.1);

        final String template;
        final double gflop;

        Kind(String template, double gflop) {
            this.template = template;
            this.gflop = gflop;
        }
    }

    /**
     * FLOPs behind {@link Kind#gflop}: a dense forward pass costs 2·in·out per layer and example.
     * Quickstart 784-512-512-10 on 10,000 images: 13.37 GFLOP; Keras 784-128-10: 2.03 GFLOP;
     * square 2-64-64-1 on 11,681 points: 0.10 GFLOP; linear: nothing to speak of.
     */
    static double gflop(Kind kind) {
        return kind.gflop;
    }

    static Kind kindOf(int i) {
        if (i % 20 == 19) {
            return Kind.BROKEN;
        }
        if (i % 10 == 9) {
            return Kind.MISTAKES;
        }
        return i % 4 == 1 || i % 4 == 2 ? Kind.TORCHSCRIPT_AND_KERAS3 : Kind.STATE_DICT_AND_KERAS2;
    }

    /** Builds {@code n} students under {@code root}; returns the GFLOP of their forward passes. */
    static double build(Path examples, Path root, int n) throws IOException {
        Files.createDirectories(root);
        double gflop = 0;
        Random random = new Random(n);
        for (int i = 0; i < n; i++) {
            Kind kind = kindOf(i);
            gflop += gflop(kind);
            Path student = Files.createDirectories(root.resolve(String.format("3%06d-学生%d", i, i)));
            try (Stream<Path> files = Files.list(examples.resolve(kind.template))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    if (file.getFileName().toString().equals("submission.properties")) {
                        continue;
                    }
                    link(file, student.resolve(file.getFileName()));
                }
            }
            if (kind == Kind.BROKEN) {
                byte[] junk = new byte[4096];
                random.nextBytes(junk);
                Files.delete(student.resolve("model.pth"));
                Files.write(student.resolve("model.pth"), junk);
                Files.delete(student.resolve("square.pth"));
                Files.write(student.resolve("square.pth"), new byte[0]);
            }
        }
        return gflop;
    }

    private static void link(Path source, Path target) throws IOException {
        try {
            Files.createLink(target, source.toAbsolutePath());
        } catch (UnsupportedOperationException | IOException e) {
            Files.copy(source, target);
        }
    }
}
