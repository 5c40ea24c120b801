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
        // square's MSE, graded like a student's file: seeds 42, 43 and 44.
        List<Double> mse = List.of(1.5203278177021074e-05, 1.763175442148464e-05, 1.4883900485130086e-05);
        Proposal proposal = Proposal.of(new AtMost(0.001, 0.05), mse, MARGINS);

        assertThat(proposal.rule()).isEqualTo("atMost");
        assertThat(proposal.proposed()).as("1.763e-5 x 10, rounded up").isEqualTo(1.8e-4);
        assertThat(proposal.margin()).isEqualTo(10);
        assertThat(proposal.currentPassesEveryRun()).isTrue();
        assertThat(proposal.proposedRequirement()).isEqualTo("≤ 1.80e-04");
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

    /** Seed 89 of the lesson's linear recipe ends at w = 4.818: the assignment's ± 0.15 fails the recipe itself. */
    @Test
    void theLinearRecipesUnluckySeedsAreOutsideTheCurrentTolerance() {
        List<Double> w = List.of(5.013543128967285, 4.869519233703613, 4.818416595458984);
        Proposal proposal = Proposal.of(new Within(5.0, 0.15, 1.0), w, MARGINS);

        assertThat(proposal.currentPassesEveryRun()).isFalse();
        assertThat(proposal.proposed()).as("0.18158 + 0.02, rounded up").isEqualTo(0.202);
    }

    @Test
    void roundingNeverMakesABarStricterThanEveryRunPlusTheMargin() {
        // fashion-keras, seeds 42 to 46; linear's b, seeds 42, 54 and 89; linear's training MSE.
        List<Double> accuracies = List.of(0.8854, 0.8821, 0.8809, 0.8789, 0.8865);
        assertThat(Proposal.of(new AtLeast(0.86, null), accuracies, MARGINS).proposed()).isLessThanOrEqualTo(0.8789 - 0.02)
                .isEqualTo(0.858);
        List<Double> b = List.of(7.020956993103027, 7.092215538024902, 7.097789764404297);
        assertThat(Proposal.of(new Within(7, 0.15, null), b, MARGINS).proposed()).isGreaterThanOrEqualTo(0.097789764404297 + 0.02)
                .isEqualTo(0.118);
        List<Double> mse = List.of(0.06189102518269715, 0.0632175945925992, 0.0632225790476266);
        assertThat(Proposal.of(new AtMost(1, null), mse, MARGINS).proposed()).isGreaterThanOrEqualTo(0.0632225790476266 * 10)
                .isEqualTo(0.64);
    }

    @Test
    void aMarginThatWidensNothingIsRefusedWithItsOption() {
        assertThatThrownBy(() -> new Margins(-0.01, 10)).hasMessage("--margin -0.01: the margin must be 0 or more");
        assertThatThrownBy(() -> new Margins(0.02, 0.5)).hasMessage("--error-factor 0.5: the factor must be 1 or more");
    }
}
