package org.dlgrader.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.dlgrader.grading.Assignment;
import org.dlgrader.grading.ExerciseSpec;
import org.dlgrader.grading.Lateness;
import org.dlgrader.grading.ManualGrades;
import org.dlgrader.grading.Scoring;
import org.dlgrader.grading.StudentResult;
import org.dlgrader.grading.Submission;
import org.dlgrader.grading.SubmissionTime;
import org.dlgrader.grading.SubmissionTime.Source;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the deadline made of each hand-in reaches every report: the gradebook's columns, results.json,
 * the student and class pages (with the time zone, and when they were graded), the Moodle and
 * Canvas files, and class-results.json, from which a merge judges the time again.
 */
class LateWorkReportsTest {

    @TempDir
    Path dir;
    private Assignment assignment;

    @BeforeEach
    void aClassWithADeadline() throws Exception {
        Path file = Files.writeString(dir.resolve("assignment.json"), """
                {"title": "Lesson 04, basics", "language": "en", "seed": 1, "deadline": "2026-12-07T23:59:00+08:00",
                 "late": {"penaltyPerDay": 0.1, "maxPenalty": 0.5},
                 "exercises": [{"id": "screenshots", "title": "Screenshots", "manual": true, "points": 10}]}
                """);
        assignment = Assignment.load(file);
    }

    private StudentResult student(String id, String name, String email, double points, Optional<SubmissionTime> time) {
        ExerciseSpec screenshots = assignment.exercises().get(0);
        return new StudentResult(new Submission(id, name, email, dir.resolve(id)),
                List.of(Scoring.manual(screenshots, Optional.of(new ManualGrades.Grade(points, "")))),
                Lateness.of(time, assignment.latePolicy()));
    }

    private List<StudentResult> aClass() {
        return List.of(
                student("2024002", "李四", "lisi@example.edu", 8, Optional.of(new SubmissionTime(Instant.parse("2026-12-09T02:00:00Z"), Source.RECEIVED))),
                student("2024001", "张三, Jr", "zhangsan@example.edu", 9, Optional.of(new SubmissionTime(Instant.parse("2026-12-07T10:00:00Z"), Source.DATE_HEADER))),
                student("2024003", "王小明", "", 10, Optional.empty()));
    }

    @Test
    void theGradebookShowsTheTimeTheDaysAndThePenalty() {
        String[] lines = Gradebook.render(assignment, aClass()).substring(1).split("\r\n");
        assertThat(lines).containsExactly(
                "student_id,name,screenshots,total,max_total,submitted_at,days_late,late_penalty",
                "2024001,\"张三, Jr\",9,9,10,2026-12-07T18:00:00+08:00,0,0",
                "2024002,李四,8,6.40,10,2026-12-09T10:00:00+08:00,2,0.20",
                "2024003,王小明,10,10,10,,,");
    }

    @Test
    void moodleGetsAnIdentifierColumnAGradeAndItsFeedback() {
        String[] lines = SchoolExports.moodle(assignment, aClass()).split("\r\n");
        assertThat(lines[0]).isEqualTo("ID number,Email address,Full name,\"Lesson 04, basics\",\"Feedback: Lesson 04, basics\"");
        assertThat(lines[1]).isEqualTo("2024001,zhangsan@example.edu,\"张三, Jr\",9,screenshots 9/10. Deadline 2026-12-07 23:59 +08:00. On time.");
        assertThat(lines[2]).isEqualTo("2024002,lisi@example.edu,李四,6.40,\"screenshots 8/10. Deadline 2026-12-07 23:59 +08:00. "
                + "2 day(s) late: 20% of the points taken off, 8 before and 6.40 after.\"");
        assertThat(lines[3]).startsWith("2024003,,王小明,10,");
    }

    @Test
    void canvasGetsItsColumnsAndThePointsPossibleRow() {
        String[] lines = SchoolExports.canvas(assignment, aClass()).split("\r\n");
        assertThat(lines).containsExactly(
                "Student,ID,SIS User ID,SIS Login ID,Section,\"Lesson 04, basics\"",
                "Points Possible,,,,,10",
                "\"张三, Jr\",,2024001,,,9",
                "李四,,2024002,,,6.40",
                "王小明,,2024003,,,10");
    }

    @Test
    void pagesShowTheTimeWithItsZoneAndWhenTheyWereGraded() {
        StudentResult late = aClass().get(0);
        String page = StudentPage.render(assignment.title(), late, Instant.parse("2026-12-10T01:00:00Z"));
        assertThat(page).contains("6.40 / 10")
                .contains("Handed in 2026-12-09 10:00 +08:00 (received by the mail server).")
                .contains("2 day(s) late: 20% of the points taken off, 8 before and 6.40 after.")
                .contains("<span class=\"graded-at\">Graded 2026-12-10 09:00 +08:00.</span>");
        assertThat(StudentPage.render(assignment.title(), aClass().get(2), Instant.now()))
                .contains("When this was handed in is not known, so it is never counted late.")
                .contains("No time known: not counted late.");
        // A folder made by hand three days after the deadline (or copied then): its file time is shown, not judged.
        StudentResult copied = student("2024004", "赵六", "", 10,
                Optional.of(new SubmissionTime(Instant.parse("2026-12-10T02:00:00Z"), Source.FILE_TIME)));
        assertThat(copied.points()).isEqualTo(10);
        assertThat(StudentPage.render(assignment.title(), copied, Instant.now()))
                .contains("Handed in 2026-12-10 10:00 +08:00 (the newest file&#39;s time in the folder).")
                .contains("Not judged: the time shown is a file&#39;s, which a copy of the folder changes");

        String classPage = ClassPage.render(assignment, aClass(), List.of(), List.of(), List.of(), Instant.parse("2026-12-10T01:00:00Z"));
        assertThat(classPage).contains("Deadline 2026-12-07 23:59 +08:00.")
                .contains("<span class=\"graded-at\">Graded 2026-12-10 09:00 +08:00.</span>")
                .contains("2026-12-09 10:00 +08:00 <span class=\"fail\">2 day(s) late: −20%</span>");
    }

    @Test
    void refusedLateWorkScoresZeroAndSaysWhy() throws Exception {
        Path file = Files.writeString(dir.resolve("refuse.json"), Files.readString(dir.resolve("assignment.json"))
                .replace("{\"penaltyPerDay\": 0.1, \"maxPenalty\": 0.5}", "{\"refuse\": true}"));
        assignment = Assignment.load(file);
        StudentResult late = student("2024002", "李四", "", 8,
                Optional.of(new SubmissionTime(Instant.parse("2026-12-08T00:00:00Z"), Source.RECEIVED)));

        assertThat(late.points()).isZero();
        assertThat(StudentPage.render(assignment.title(), late, Instant.now()))
                .contains("1 day(s) late, and this assignment takes no late work: 0 points (8 before the deadline was applied).");
        assertThat(Gradebook.render(assignment, List.of(late))).contains("2024002,李四,8,0,10,2026-12-08T08:00:00+08:00,1,refused");
        JsonNode json = new ObjectMapper().valueToTree(ResultsJson.render(late));
        assertThat(json.get("score").asDouble()).isZero();
        assertThat(json.get("score_before_penalty").asDouble()).isEqualTo(8);
        assertThat(json.get("late_refused").asBoolean()).isTrue();
        assertThat(json.get("submitted_at").asText()).isEqualTo("2026-12-08T08:00:00+08:00");
        assertThat(json.get("output").asText()).contains("takes no late work");
        assertThat(ConsoleReport.student(assignment, late, null))
                .contains("Deadline 2026-12-07 23:59 +08:00. 1 day(s) late, and this assignment takes no late work: 0 points");
    }

    /** A merge reads the time back and judges it by the assignment it is given, as the points are scored again. */
    @Test
    void classResultsKeepTheTimeForAMerge() throws Exception {
        Path reports = Files.createDirectories(dir.resolve("reports"));
        ClassResults.write(reports, aClass(), List.of(), List.of());

        List<StudentResult> read = ClassResults.read(reports, assignment).results();

        assertThat(read).extracting(r -> r.lateness().daysLate()).containsExactly(2L, 0L, 0L);
        assertThat(read.get(0).lateness().submitted()).contains(new SubmissionTime(Instant.parse("2026-12-09T02:00:00Z"), Source.RECEIVED));
        assertThat(read.get(2).lateness().submitted()).isEmpty();
        assertThat(Files.readString(reports.resolve(ClassResults.FILE), StandardCharsets.UTF_8)).contains("\"submittedSource\":\"date\"");
    }
}
