package org.dlgrader.grading;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How many workers, models per worker and libtorch threads a machine gets. */
class LimitsTest {

    private static final int CORES = Runtime.getRuntime().availableProcessors();

    @Test
    void anAssignmentThatSaysNothingGetsTwoModelsPerWorker() {
        Limits limits = new Limits(null, null, null, null, null, null, null, null).orDefaults();
        assertThat(limits.modelsPerWorker()).isEqualTo(2);
        assertThat(limits.workerCount()).isBetween(1, (CORES + 1) / 2);
    }

    @Test
    void zeroOrLessMeansOneModelAtATime() {
        assertThat(new Limits(true, 1, 60, 1024, 0, 10, 10, 0).modelsPerWorker()).isEqualTo(1);
        assertThat(new Limits(true, 1, 60, 1024, 0, 10, 10, -3).orDefaults().modelsPerWorker()).isEqualTo(2);
    }

    @Test
    void theCoresAreSharedAmongAllTheModelsInFlight() {
        Limits two = new Limits(true, 0, 60, 1024, 0, 10, 10, 2);
        assertThat(two.threadsPerWorker(1)).isEqualTo(Math.max(1, CORES / 2));
        assertThat(two.threadsPerWorker(CORES)).isEqualTo(1);
        Limits fixed = new Limits(true, 0, 60, 1024, 3, 10, 10, 2);
        assertThat(fixed.threadsPerWorker(4)).as("threads set in the file win").isEqualTo(3);
    }

    @Test
    void workersAsAskedWhenTheFileSaysHowMany() {
        assertThat(new Limits(true, 5, 60, 1024, 0, 10, 10, 2).workerCount()).isEqualTo(5);
    }
}
