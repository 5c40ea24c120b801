package org.dlgrader.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import org.dlgrader.i18n.Language;
import org.dlgrader.i18n.Messages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Where /proc exists the limits are measured; where it does not, the run says which limits are off. */
class ProcessStatusTest {

    @AfterEach
    void english() {
        Messages.use(Language.EN);
    }

    @Test
    void onLinuxThisProcessIsMeasuredAndNothingIsSaid() {
        boolean linux = System.getProperty("os.name").startsWith("Linux");
        assertThat(ProcessStatus.available()).isEqualTo(linux);
        if (linux) {
            ProcessStatus self = ProcessStatus.tree(ProcessHandle.current());
            assertThat(self.measured()).isTrue();
            assertThat(self.rssKb()).isPositive();
            assertThat(self.threads()).isPositive();
            assertThat(ProcessStatus.unenforcedLimits()).isNull();
        } else {
            assertThat(ProcessStatus.of(ProcessHandle.current().pid()).measured()).isFalse();
            assertThat(ProcessStatus.unenforcedLimits()).contains("limits.memoryMb");
        }
    }

    @Test
    void withoutProcTheSentenceNamesTheMachineAndWhatStillHolds() {
        assertThat(ProcessStatus.unenforcedLimits(true, "Linux amd64")).isNull();
        assertThat(ProcessStatus.unenforcedLimits(false, "Mac OS X aarch64"))
                .startsWith("On Mac OS X aarch64 the grader cannot see a worker's memory or threads")
                .contains("limits.memoryMb and the thread limit are not enforced here")
                .endsWith("the wall-clock limit (limits.secondsPerModel) still is.");
        Messages.use(Language.ZH_CN);
        assertThat(ProcessStatus.unenforcedLimits(false, "Windows 11 amd64"))
                .startsWith("在 Windows 11 amd64 上，评分程序看不到工作进程占用的内存和线程数")
                .contains("limits.memoryMb", "时间限制（limits.secondsPerModel）仍然有效");
    }
}
