package org.dlgrader.model.keras;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.List;
import org.dlgrader.model.DenseNetwork;
import org.dlgrader.model.InputSpec;
import org.dlgrader.model.ModelFile;
import org.dlgrader.model.ModelRejected;
import org.junit.jupiter.api.Test;

/**
 * Attack on the grading process, which reads a Keras file's dense layers itself (no worker, no
 * memory limit): an HDF5 dataset declared far larger than its file, in chunks never written, reads
 * back as gigabytes of fill value. Made by python/make_red_team.py.
 */
class HollowWeightsTest {

    private static final Path HOLLOW = Path.of("src", "test", "resources", "fixtures", "red", "hollow_kernel.h5");

    @Test
    void aKernelDeclaredFarLargerThanItsFileIsRefusedUnread() throws Exception {
        InputSpec square = new InputSpec(2, 1, List.of(new long[] {2}), new DenseNetwork(List.of(2, 64, 64, 1), false));
        ModelFile file = ModelFile.of(HOLLOW);
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        long start = System.nanoTime();
        try {
            assertThatThrownBy(() -> new KerasH5Loader().denseLayers(file, square))
                    .isInstanceOf(ModelRejected.class)
                    .hasMessageContaining("hollow_kernel.h5")
                    .hasMessageContaining("kernel:0");
        } finally {
            long peak = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                    .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            System.out.printf("hollow kernel (%d bytes on disk): peak heap %d MB, %.2f s%n",
                    file.size(), peak >> 20, (System.nanoTime() - start) / 1e9);
        }
    }
}
