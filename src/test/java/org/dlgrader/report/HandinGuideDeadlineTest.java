package org.dlgrader.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.dlgrader.grading.Assignment;
import org.dlgrader.grading.LessonFile;
import org.dlgrader.i18n.Language;
import org.dlgrader.i18n.RestoresLanguage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hand-in guide ({@code reports/handin.html} and its Markdown) tells students the deadline, what
 * late work costs and whose clock counts, in the class's language, from the lesson's assignment.json
 * with a deadline added as a teacher writes it.
 */
@ExtendWith(RestoresLanguage.class)
class HandinGuideDeadlineTest {

    private static final String DEADLINE = "\"deadline\": \"2026-12-07T23:59:00+08:00\", ";

    @TempDir
    Path dir;

    private Assignment lessonWith(String keys) throws IOException {
        return Assignment.load(LessonFile.withKeys(dir, keys));
    }

    @Test
    void aPenaltyWithItsCapAndGraceIsSaidBeforeTheExercises() throws IOException {
        Assignment assignment = lessonWith(DEADLINE + "\"late\": {\"graceMinutes\": 10, \"penaltyPerDay\": 0.1, \"maxPenalty\": 0.5},");
        String said = "Deadline 2026-12-07 23:59 +08:00, with 10 minutes' grace. Each day begun after it (a minute late counts as a day) "
                + "takes 10% off your points, at most 50%. What counts is when the teacher's mail server received your email, not the "
                + "time on your computer: send it a few minutes early.";

        String html = HandinGuide.html(assignment);
        assertThat(html).contains("<h2>Deadline</h2>").contains(said.replace("'", "&#39;"));
        assertThat(html.indexOf("id=\"deadline\"")).isLessThan(html.indexOf("id=\"linear\""));
        assertThat(HandinGuide.markdown(assignment)).contains("**Deadline**: " + said + "\n\n**linear");
    }

    @Test
    void refusedLateWorkAndADeadlineAloneAreSaidSo() throws IOException {
        assertThat(HandinGuide.html(lessonWith(DEADLINE + "\"late\": {\"refuse\": true},")))
                .contains("Deadline 2026-12-07 23:59 +08:00. Work handed in after it gets 0 points.");
        assertThat(HandinGuide.html(lessonWith(DEADLINE)))
                .contains("Deadline 2026-12-07 23:59 +08:00. Work handed in after it is marked late on your page; no points are taken off.");
        assertThat(HandinGuide.html(lessonWith(DEADLINE + "\"late\": {\"penaltyPerDay\": 0.25},")))
                .contains("takes 25% off your points. What counts");
    }

    @Test
    void theLessonWithoutADeadlineSaysNothingOfOne() {
        Assignment lesson = Assignment.load(Assignment.DEFAULT);
        assertThat(HandinGuide.html(lesson)).doesNotContain("id=\"deadline\"").doesNotContain("Deadline");
        assertThat(HandinGuide.markdown(lesson)).doesNotContain("Deadline");
    }

    @Test
    void aChineseClassReadsItInChinese() throws IOException {
        System.setProperty(Language.PROPERTY, "zh-CN");
        Assignment assignment = lessonWith(DEADLINE + "\"late\": {\"penaltyPerDay\": 0.1, \"maxPenalty\": 0.5},");

        assertThat(HandinGuide.html(assignment)).contains("<h2>截止时间</h2>")
                .contains("截止时间 2026-12-07 23:59 +08:00。 截止之后每开始一天（晚一分钟也算一天）扣除你 10% 的分数，最多扣除 50%。"
                        + " 以老师的邮件服务器收到你邮件的时间为准，不是你电脑上的时间：请提前几分钟发送。");
    }
}
