package org.dlgrader.grading.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.dlgrader.model.DenseStack;
import org.dlgrader.model.InputSpec;
import org.dlgrader.model.ModelFile;
import org.dlgrader.model.pytorch.StateDictLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signature files are written by the grader but read back from a folder anyone with the reports could
 * have changed: what is not a signature, or claims more than it holds, is ignored, never believed.
 */
class SignaturesTest {

    @TempDir
    Path reports;

    private static int[][][] codesOf(String fixture) throws Exception {
        ModelFile file = ModelFile.of(Path.of("src/test/resources/fixtures/copies", fixture));
        List<DenseStack.Layer> layers = new StateDictLoader(false).denseLayers(file, new InputSpec(2, 1, List.of(new long[] {2}), null)).orElseThrow();
        return UnitCodes.of(layers);
    }

    @Test
    void aSignatureReadsBackAsWritten() throws Exception {
        int[][][] units = codesOf("square_honest_11.pth");
        Signature written = new Signature("19935-00ff", new byte[] {1, 2, 3}, new long[] {0b101}, null, units);
        Signatures store = new Signatures(reports);
        store.write("2311", "square", written);
        Signature read = store.read("2311", "square").orElseThrow();
        assertThat(read.fingerprint()).isEqualTo("19935-00ff");
        assertThat(read.predicted()).containsExactly(1, 2, 3);
        assertThat(read.wrong()).containsExactly(0b101);
        assertThat(UnitCodes.shared(read.units(), units)).isEqualTo(1.0);
    }

    @Test
    void hiddenUnitsInAnotherOrderAndDtypeAreTheSameUnits() throws Exception {
        assertThat(UnitCodes.shared(codesOf("square_honest_11.pth"), codesOf("square_copy_permuted.pth"))).isGreaterThan(0.99);
        assertThat(UnitCodes.shared(codesOf("square_honest_11.pth"), codesOf("square_honest_12.pth"))).isLessThan(0.4);
    }

    @Test
    void whatIsNotASignatureIsIgnored() throws Exception {
        Signatures store = new Signatures(reports);
        byte[] good = new Signature("1-ab", new byte[64], new long[1], null, codesOf("square_honest_11.pth")).bytes();
        Path file = Signatures.studentFolder(reports, "2311").resolve("square.sig");

        Files.createDirectories(file.getParent());
        Files.write(file, Arrays.copyOf(good, good.length - 3));
        assertThat(store.read("2311", "square")).as("cut short").isEmpty();

        byte[] huge = good.clone();
        int at = 4 + 4 + 2 + "1-ab".length();
        ByteBuffer.wrap(huge).putInt(at, Integer.MAX_VALUE);
        Files.write(file, huge);
        assertThat(store.read("2311", "square")).as("claims 2^31 predictions").isEmpty();

        Files.write(file, "not a signature".getBytes());
        assertThat(store.read("2311", "square")).isEmpty();

        Files.delete(file);
        Files.createSymbolicLink(file, Files.writeString(reports.resolve("elsewhere.sig"), "x"));
        assertThat(store.read("2311", "square")).as("a link is not followed").isEmpty();
    }

    @Test
    void mistakesBeyondTheLastImageAreRefused() {
        byte[] bytes = new Signature("1-ab", new byte[3], new long[] {1L << 40}, null, null).bytes();
        assertThatThrownBy(() -> Signature.parse(bytes)).isInstanceOf(IOException.class).hasMessageContaining("beyond");
    }
}
