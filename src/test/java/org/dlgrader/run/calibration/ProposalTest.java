package org.dlgrader.run.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.dlgrader.grading.rules.AtLeast;
import org.dlgrader.grading.rules.AtMost;
import org.dlgrader.grading.rules.Within;
import org.junit.jupiter.api.Test;

/** The bar each kind of rule gets from real measured values, and how it compares with the assignment's. */
class ProposalTest {

    private static final Margins MARGINS = new Margins(0.02, 10);

    /** fashion-mlp accuracies: the Java reference (seed 42) and the two real quickstart files of the fixtures. */
    static final List<Double> QUICKSTART_ACCURACY = List.of(0.6415, 0.6475, 0.6492);

    @Test
    void anAtLeastRuleGetsTheLowestRunLessTheMarginRoundedDown() {
        Proposal proposal = Proposal.of(new AtLeast(0.62, 0.30), QUICKSTART_ACCURACY, MARGINS);

        assertThat(proposal.rule()).isEqualTo("atLeast");
        assertThat(proposal.proposed()).as("0.6415 - 0.02 = 0.6215, rounded down").isEqualTo(0.621);
        assertThat(proposal.current()).isEqualTo(0.62);
        assertThat(proposal.currentPassesEveryRun()).isTrue();
        assertThat(proposal.proposedRequirement()).isEqualTo("≥ 0.621");
        assertThat(proposal.currentRequirement()).isEqualTo("≥ 0.620");
    }

    @Test
    void aBarAboveARunIsFlagged() {
        Proposal proposal = Proposal.of(new AtLeast(0.645, null), QUICKSTART_ACCURACY, MARGINS);

        assertThat(proposal.currentPassesEveryRun()).as("0.6415 fails ≥ 0.645").isFalse();
    }

    @Test
    void anAtMostRuleGetsTheHighestRunTimesTheFactorRoundedUpToTwoDigits() {
        // square's MSE: the reference of seed 42, and of seed 43.
        List<Double> mse = List.of(1.4688253031636123E-5, 1.1E-5);
        Proposal proposal = Proposal.of(new AtMost(0.001, 0.05), mse, MARGINS);

        assertThat(proposal.rule()).isEqualTo("atMost");
        assertThat(proposal.proposed()).as("1.4688e-5 x 10, rounded up").isEqualTo(1.5e-4);
        assertThat(proposal.margin()).isEqualTo(10);
        assertThat(proposal.currentPassesEveryRun()).isTrue();
        assertThat(proposal.proposedRequirement()).isEqualTo("≤ 1.50e-04");
    }

    @Test
    void aWithinRuleGetsATolerancePastTheFarthestRun() {
        Proposal proposal = Proposal.of(new Within(5.0, 0.15, 1.0), DistributionTest.LINEAR_W, MARGINS);

        assertThat(proposal.rule()).isEqualTo("within");
        assertThat(proposal.target()).isEqualTo(5.0);
        // 4.98398 is the farthest from 5: 0.01602 + 0.02, rounded up.
        assertThat(proposal.proposed()).isEqualTo(0.037);
        assertThat(proposal.current()).isEqualTo(0.15);
        assertThat(proposal.proposedRequirement()).isEqualTo("5.000 ± 0.037");
        assertThat(Proposal.of(new Within(5.0, 0.01, null), DistributionTest.LINEAR_W, MARGINS).currentPassesEveryRun()).isFalse();
    }

    @Test
    void roundingNeverMakesABarStricterThanEveryRunPlusTheMargin() {
        List<Double> accuracies = List.of(0.88671, 0.8801, 0.8842);
        assertThat(Proposal.of(new AtLeast(0.86, null), accuracies, MARGINS).proposed()).isLessThanOrEqualTo(0.8801 - 0.02);
        assertThat(Proposal.of(new AtMost(1, null), List.of(0.0123, 0.0101), MARGINS).proposed()).isGreaterThanOrEqualTo(0.123);
        assertThat(Proposal.of(new Within(7, 1, null), List.of(7.0311, 6.99), MARGINS).proposed()).isGreaterThanOrEqualTo(0.0511);
    }

    @Test
    void aMarginThatWidensNothingIsRefusedWithItsOption() {
        assertThatThrownBy(() -> new Margins(-0.01, 10)).hasMessage("--margin -0.01: the margin must be 0 or more");
        assertThatThrownBy(() -> new Margins(0.02, 0.5)).hasMessage("--error-factor 0.5: the factor must be 1 or more");
    }
}
