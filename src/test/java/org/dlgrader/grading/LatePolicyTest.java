package org.dlgrader.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Days late are days begun after the deadline and its grace; each costs a share of the total, up to
 * a cap, or late work is refused; a hand-in whose time is not known is never late. The time comes
 * from the folder as intake (or a teacher's copy) left it.
 */
class LatePolicyTest {

    private static final OffsetDateTime DEADLINE = OffsetDateTime.parse("2026-12-07T23:59:00+08:00");
    private static final LatePolicy TENTH_A_DAY = new LatePolicy(DEADLINE, 0, 0.1, 0.5, false);

    @TempDir
    Path dir;

    private static Optional<SubmissionTime> at(String instant) {
        return Optional.of(new SubmissionTime(OffsetDateTime.parse(instant).toInstant(), SubmissionTime.Source.RECEIVED));
    }

    @Test
    void onTimeAndAtTheDeadlineItselfCostNothing() {
        assertThat(TENTH_A_DAY.judge(at("2026-12-07T20:00:00+08:00"))).extracting(Lateness::daysLate, Lateness::penalty)
                .containsExactly(0L, 0.0);
        assertThat(TENTH_A_DAY.judge(at("2026-12-07T23:59:00+08:00")).late()).isFalse();
        // The same moment written in another zone is the same moment.
        assertThat(TENTH_A_DAY.judge(at("2026-12-07T15:59:00Z")).late()).isFalse();
    }

    @Test
    void eachDayBegunCostsATenthUpToTheCap() {
        assertThat(TENTH_A_DAY.judge(at("2026-12-08T00:00:00+08:00"))).extracting(Lateness::daysLate, Lateness::penalty)
                .containsExactly(1L, 0.1);
        assertThat(TENTH_A_DAY.judge(at("2026-12-08T23:59:00+08:00")).daysLate()).isEqualTo(1);
        assertThat(TENTH_A_DAY.judge(at("2026-12-09T00:00:00+08:00"))).extracting(Lateness::daysLate, Lateness::penalty)
                .containsExactly(2L, 0.2);
        Lateness tenDays = TENTH_A_DAY.judge(at("2026-12-17T12:00:00+08:00"));
        assertThat(tenDays).extracting(Lateness::daysLate, Lateness::penalty).containsExactly(10L, 0.5);
        assertThat(tenDays.apply(37.5)).isEqualTo(18.75);
        assertThat(TENTH_A_DAY.judge(at("2026-12-09T00:00:00+08:00")).apply(13.78)).isEqualTo(11.02);
    }

    @Test
    void graceMovesTheDeadline() {
        LatePolicy grace = new LatePolicy(DEADLINE, 30, 0.1, 1, false);
        assertThat(grace.judge(at("2026-12-08T00:29:00+08:00")).late()).isFalse();
        assertThat(grace.judge(at("2026-12-08T00:29:01+08:00")).daysLate()).isEqualTo(1);
    }

    @Test
    void refusedLateWorkScoresZero() {
        LatePolicy refuse = new LatePolicy(DEADLINE, 0, 0, 0, true);
        Lateness late = refuse.judge(at("2026-12-08T00:01:00+08:00"));
        assertThat(late.refused()).isTrue();
        assertThat(late.apply(50)).isZero();
        Lateness onTime = refuse.judge(at("2026-12-07T23:00:00+08:00"));
        assertThat(onTime.refused()).isFalse();
        assertThat(onTime.apply(50)).isEqualTo(50);
    }

    @Test
    void noTimeKnownIsNeverLate() {
        Lateness unknown = new LatePolicy(DEADLINE, 0, 0, 0, true).judge(Optional.empty());
        assertThat(unknown.late()).isFalse();
        assertThat(unknown.refused()).isFalse();
        assertThat(unknown.apply(42)).isEqualTo(42);
        assertThat(SubmissionTime.of(dir.resolve("no-such-folder"))).isEmpty();
    }

    @Test
    void aFolderMadeByHandIsTimedByItsNewestFile() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("2024001-张三"));
        Path older = Files.writeString(folder.resolve("linear.pth"), "x");
        Path newer = Files.writeString(Files.createDirectories(folder.resolve("homework")).resolve("square.pth"), "y");
        Instant twoDaysLate = DEADLINE.toInstant().plus(Duration.ofHours(30));
        Files.setLastModifiedTime(older, FileTime.from(DEADLINE.toInstant().minus(Duration.ofDays(3))));
        Files.setLastModifiedTime(newer, FileTime.from(twoDaysLate));

        assertThat(SubmissionTime.of(folder)).contains(new SubmissionTime(twoDaysLate, SubmissionTime.Source.FILE_TIME));
        LatePolicy fileTimesToo = new LatePolicy(DEADLINE, 0, 0.1, 0.5, false, true);
        assertThat(Lateness.of(SubmissionTime.of(folder), Optional.of(fileTimesToo)).daysLate()).isEqualTo(2);
        assertThat(SubmissionTime.of(Files.createDirectories(dir.resolve("nothing-in-it")))).isEmpty();
    }

    /**
     * A teacher who copies the class folder after the deadline (cp without -p, git clone, unzip again)
     * gives every file the copy's time: unless the assignment says file times count, nobody is late for it.
     */
    @Test
    void aCopiedFoldersFileTimeIsShownButNotJudged() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("2024001-张三"));
        Files.setLastModifiedTime(Files.writeString(folder.resolve("linear.pth"), "x"),
                FileTime.from(DEADLINE.toInstant().plus(Duration.ofDays(3))));

        Lateness lateness = Lateness.of(SubmissionTime.of(folder), Optional.of(TENTH_A_DAY));

        assertThat(lateness.submitted()).map(SubmissionTime::source).contains(SubmissionTime.Source.FILE_TIME);
        assertThat(lateness.late()).isFalse();
        assertThat(lateness.apply(20)).isEqualTo(20);
        assertThat(TENTH_A_DAY.judge(at("2026-12-10T08:00:00+08:00")).daysLate()).as("a server's time is judged").isEqualTo(3);
    }

    @Test
    void theTimeIntakeRecordedWinsOverTheFilesTimes() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("2024002-李四"));
        Files.writeString(folder.resolve("model.pth"), "x");
        SubmissionTime received = new SubmissionTime(Instant.parse("2026-12-06T02:00:00Z"), SubmissionTime.Source.RECEIVED);
        received.writeTo(folder);

        assertThat(SubmissionTime.of(folder)).contains(received);
        assertThat(Files.readString(folder.resolve(SubmissionTime.FILE))).startsWith("time=2026-12-06T02:00:00Z\nsource=received\nsignature=");
    }

    /**
     * Attack: a student hands in a folder by hand (USB stick, shared drive, a teacher's cp) holding
     * the hidden file intake writes, claiming the mail server received it before the deadline.
     * Only intake's signature makes the file believed; without it the folder is timed by its files.
     */
    @Test
    void aTimeFileAStudentWroteIsNotBelieved() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("2024002-李四"));
        Instant copied = DEADLINE.toInstant().plus(Duration.ofDays(2));
        Files.setLastModifiedTime(Files.writeString(folder.resolve("model.pth"), "x"), FileTime.from(copied));
        Files.writeString(folder.resolve(SubmissionTime.FILE), "time=2026-12-01T00:00:00Z\nsource=received\n");

        assertThat(SubmissionTime.of(folder)).contains(new SubmissionTime(copied, SubmissionTime.Source.FILE_TIME));

        // Nor is one intake signed for an earlier hand-in, with its time changed by hand.
        new SubmissionTime(Instant.parse("2026-12-09T02:00:00Z"), SubmissionTime.Source.RECEIVED).writeTo(folder);
        Path file = folder.resolve(SubmissionTime.FILE);
        Files.writeString(file, Files.readString(file).replace("2026-12-09T02", "2026-12-01T02"));
        assertThat(SubmissionTime.of(folder)).contains(new SubmissionTime(copied, SubmissionTime.Source.FILE_TIME));
    }

    /** The penalty is taken from the total of every exercise, the teacher's by-hand points included. */
    @Test
    void theGradingRunAppliesTheDeadlineToTheWholeTotal() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("2024003-王小明"));
        new SubmissionTime(OffsetDateTime.parse("2026-12-09T08:00:00+08:00").toInstant(), SubmissionTime.Source.DATE_HEADER).writeTo(folder);
        Path file = dir.resolve("assignment.json");
        Files.writeString(file, """
                {"title": "t", "seed": 1, "deadline": "2026-12-07T23:59:00+08:00",
                 "late": {"penaltyPerDay": 0.1, "maxPenalty": 0.5},
                 "exercises": [{"id": "screenshots", "title": "s", "manual": true, "points": 10}]}
                """);
        Path grades = dir.resolve("grades-manual.csv");
        Files.writeString(grades, "student_id,exercise,points,comment\n2024003,screenshots,8,\n");
        Assignment assignment = Assignment.load(file);
        Assignment graded = assignment.withManualGrades(ManualGrades.read(grades, assignment, List.of("2024003")));
        StudentGrader grader = new StudentGrader() {
            @Override
            public Assignment assignment() {
                return graded;
            }

            @Override
            public ExerciseResult grade(Submission submission, ExerciseSpec exercise) {
                throw new AssertionError("no model to grade");
            }
        };

        StudentResult result = grader.grade(new Submission("2024003", "王小明", "", folder));

        assertThat(result.pointsBeforePenalty()).isEqualTo(8);
        assertThat(result.lateness().daysLate()).isEqualTo(2);
        assertThat(result.points()).isEqualTo(6.4);
        assertThat(Scoring.withManualGrades(result, graded).lateness()).isEqualTo(result.lateness());
    }
}
