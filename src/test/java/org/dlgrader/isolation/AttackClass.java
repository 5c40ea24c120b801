package org.dlgrader.isolation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.dlgrader.grading.Assignment;
import org.dlgrader.grading.Limits;
import org.dlgrader.io.Folders;

/**
 * The class the attack fixtures were made for ({@code python/make_fixtures.py attacks}): it lies at
 * {@link #ROOT}, where they expect their victim, and every attacker is the good example student
 * with one file swapped for an attack.
 */
final class AttackClass {

    static final Path ROOT = Path.of("/tmp/dl-grader-attack");
    static final Path SUBMISSIONS = ROOT.resolve("submissions");
    static final Path REPORTS = ROOT.resolve("reports");
    static final Path VICTIM = SUBMISSIONS.resolve("2100-victim/model.pth");
    /** Files the attacks try to create outside the sandbox. */
    static final List<Path> WRITES = List.of(ROOT.resolve("written-by-a-model.bin"),
            Path.of("/tmp/dl-grader-attack-created.txt"), Path.of("/dev/shm/dl-grader-attack-fill"));
    static final Limits LIMITS = new Limits(true, 2, 10, 1500, 1, 5, 256, 2);

    /** Attacker id, the file it hands in, under which name, replacing which of the good student's files. */
    record Attacker(String folder, String attack, String name, String replaces, String exercise) {
        String id() {
            return folder.substring(0, 4);
        }
    }

    static final List<Attacker> ATTACKERS = List.of(
            new Attacker("2101-leak", "leak.pt", "linear.pt", "linear.pth", "linear"),
            new Attacker("2102-labels", "labels.pt", "quickstart.pt", "model.pth", "fashion-mlp"),
            new Attacker("2103-vandal", "vandal.pt", "square.pt", "square.pth", "square"),
            new Attacker("2104-forger", "forger.pt", "square.pt", "square.pth", "square"),
            new Attacker("2105-spin", "forge_then_spin.pt", "linear.pt", "linear.pth", "linear"),
            new Attacker("2106-linger", "linger.pt", "linear.pt", "linear.pth", "linear"),
            new Attacker("2107-forkhog", "fork_hog.pt", "square.pt", "square.pth", "square"),
            new Attacker("2108-shm", "shm.pt", "linear.pt", "linear.pth", "linear"),
            new Attacker("2109-bigerror", "huge_error.pt", "linear.pt", "linear.pth", "linear"));

    private AttackClass() {
    }

    /** Builds the class afresh; returns the assignment file, written beside it with tight limits. */
    static Path build() throws IOException {
        Folders.delete(ROOT);
        for (Path write : WRITES) {
            Files.deleteIfExists(write);
        }
        HostileClass.goodStudent(Files.createDirectories(SUBMISSIONS), "2100-victim");
        for (Attacker attacker : ATTACKERS) {
            HostileClass.studentWith(SUBMISSIONS, attacker.folder(), "attacks/" + attacker.attack(), attacker.name(),
                    List.of(attacker.replaces()));
        }
        return HostileClass.assignment(ROOT, LIMITS);
    }

    /** SHA-256 of every file under {@code folder}, by relative path. */
    static Map<String, String> checksums(Path folder) {
        Map<String, String> sums = new TreeMap<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                sums.put(folder.relativize(file).toString(),
                        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return sums;
    }

    static Assignment assignment(Path file) {
        return Assignment.load(file);
    }
}
