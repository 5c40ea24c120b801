package org.dlgrader.model.keras;

import static org.assertj.core.api.Assertions.assertThat;
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
 * memory limit). Made by python/make_red_team.py.
 */
class HostileKerasWeightsTest {

    private static final Path HOLLOW = Path.of("src", "test", "resources", "fixtures", "red", "hollow_kernel.h5");

    private static final InputSpec SQUARE = new InputSpec(2, 1, List.of(new long[] {2}), new DenseNetwork(List.of(2, 64, 64, 1), false));

    /** A dataset of compressed zeros declares gigabytes in a file of 2 MB. */
    @Test
    void aKernelDeclaredFarLargerThanItsFileIsRefusedUnread() throws Exception {
        ModelFile file = ModelFile.of(HOLLOW);
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        long start = System.nanoTime();
        try {
            assertThatThrownBy(() -> new KerasH5Loader().denseLayers(file, SQUARE))
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

    /** HDF5 hard links may make a cycle of groups: the search for a layer's variables must end. */
    @Test
    void aWeightsFileWhoseGroupsLoopIsStillRead() throws Exception {
        ModelFile file = ModelFile.of(HOLLOW.resolveSibling("looped.keras"));

        assertThat(new KerasArchiveLoader().denseLayers(file, SQUARE).orElseThrow()).hasSize(3);
    }
}
