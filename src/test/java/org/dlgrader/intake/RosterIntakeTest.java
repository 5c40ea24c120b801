package org.dlgrader.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.dlgrader.grading.SubmissionTime;
import org.dlgrader.i18n.Language;
import org.dlgrader.i18n.Messages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The roster decides who a submission is: an email from another address, or a zip named for nobody on it, is held. */
class RosterIntakeTest {

    private static final Instant MONDAY = Instant.parse("2026-11-23T02:00:00Z");
    private static final Instant TUESDAY = Instant.parse("2026-11-24T02:00:00Z");

    @TempDir
    Path work;
    private Path inbox;
    private Path into;
    private Roster roster;

    @BeforeEach
    void aClassOfThree() throws Exception {
        inbox = Files.createDirectories(work.resolve("inbox"));
        into = work.resolve("submissions");
        // As Excel's "CSV UTF-8" writes it: a BOM, CRLF, quotes around a field with a comma.
        Path file = work.resolve("roster.csv");
        Files.writeString(file, "\uFEFFid,name,email\r\n"
                + "2024001,张三,zhangsan@example.edu\r\n"
                + "2024002,李四,\"lisi@example.edu; LiSi@QQ.com\"\r\n"
                + "2024003,\"王 小明\",\r\n", StandardCharsets.UTF_8);
        roster = Roster.load(file);
    }

    @AfterEach
    void english() {
        Messages.use(Language.EN);
    }

    private List<Intake.Entry> intake() throws Exception {
        return new Intake(into, 50, 50L << 20, roster).run(inbox);
    }

    private static Emails realStudent() {
        return Emails.email().from("张三 <zhangsan@example.edu>").subject("深度学习作业 2024001 张三")
                .date(MONDAY).receivedAt(MONDAY.plusSeconds(5)).attach("square.pth", bytes("real"));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The attack of the review: another sender claims 2024001, with a Date (and arrival) after the real one. */
    @Test
    void anEmailInAnotherStudentsNameIsHeldAndTheRealOneTaken() throws Exception {
        realStudent().writeTo(inbox.resolve("a.eml"));
        Emails.email().from("张三 <mallory@evil.example>").subject("深度学习作业 2024001 张三")
                .date(Instant.parse("2026-12-30T10:00:00Z")).receivedAt(TUESDAY)
                .attach("square.pth", bytes("forged")).writeTo(inbox.resolve("b.eml"));

        List<Intake.Entry> log = intake();

        assertThat(Files.readString(into.resolve("2024001-张三").resolve("square.pth"))).isEqualTo("real");
        assertThat(log).extracting(Intake.Entry::source, Intake.Entry::outcome, Intake.Entry::student)
                .containsExactly(tuple("b.eml", "held", "2024001"), tuple("a.eml", "taken", "2024001"));
        assertThat(log.get(0).detail()).isEqualTo("it claims student 2024001 (张三) but was sent from mallory@evil.example, "
                + "and the roster has zhangsan@example.edu for 2024001; it was not taken (it stays in the inbox): the teacher "
                + "must check it with the student (someone may be handing in homework in another student's name); if the "
                + "address is the student's own, add it to their row of roster.csv (addresses separated by ';') and run intake again");
    }

    @Test
    void aHeldEmailDoesNotReplaceWhatAnEarlierIntakeTook() throws Exception {
        realStudent().writeTo(inbox.resolve("a.eml"));
        intake();
        Files.delete(inbox.resolve("a.eml"));
        Emails.email().from("mallory@evil.example").subject("2024001").receivedAt(TUESDAY)
                .attach("2024001-张三.zip", Emails.zip("square.pth", "forged")).writeTo(inbox.resolve("late.eml"));

        List<Intake.Entry> log = intake();

        assertThat(log).singleElement().extracting(Intake.Entry::outcome).isEqualTo("held");
        assertThat(Files.readString(into.resolve("2024001-张三").resolve("square.pth"))).isEqualTo("real");
    }

    @Test
    void aNumberNotOnTheRosterIsHeld() throws Exception {
        Emails.email().from("nobody@example.edu").subject("作业 2024999 赵六").attach("square.pth", bytes("x"))
                .writeTo(inbox.resolve("c.eml"));

        assertThat(intake()).singleElement().isEqualTo(new Intake.Entry("c.eml", "held", "2024999",
                "it claims student number 2024999, which is not on the roster (roster.csv); it was not taken (it stays in "
                        + "the inbox): the teacher must check it and, if it is a student's, add them to the roster and run intake again"));
        assertThat(into).doesNotExist();
    }

    @Test
    void aStudentWithoutAnAddressOnTheRosterIsHeld() throws Exception {
        Emails.email().from("王小明 <xm@example.edu>").subject("作业 2024003").attach("square.pth", bytes("x"))
                .writeTo(inbox.resolve("d.eml"));

        assertThat(intake()).singleElement().extracting(Intake.Entry::outcome, Intake.Entry::detail).containsExactly("held",
                "it claims student 2024003 (王 小明), sent from xm@example.edu, but the roster has no email address for 2024003 "
                        + "to check it against; it was not taken (it stays in the inbox): the teacher must check it and, if the "
                        + "address is the student's, add it to their row of roster.csv and run intake again");
    }

    @Test
    void anyOfAStudentsAddressesCountsAndTheRosterSpellsTheFolder() throws Exception {
        // Upper case in the address, no name in the subject: the roster gives the name.
        Emails.email().from("LISI@qq.com").subject("homework 2024002").attach("model.pth", bytes("x"))
                .writeTo(inbox.resolve("e.eml"));

        assertThat(intake()).singleElement().isEqualTo(new Intake.Entry("e.eml", "taken", "2024002", "1 file(s) into 2024002-李四", Emails.SAVED_TIME));
    }

    @Test
    void anEmailThatNamesNoNumberIsTakenForTheStudentWhoseAddressSentIt() throws Exception {
        Emails.email().from("zhangsan@example.edu").subject("我的作业").attach("square.pth", bytes("x"))
                .writeTo(inbox.resolve("f.eml"));

        assertThat(intake()).singleElement().isEqualTo(new Intake.Entry("f.eml", "taken", "2024001", "1 file(s) into 2024001-张三", Emails.SAVED_TIME));
    }

    @Test
    void anEmailWithSeveralSendersIsHeld() throws Exception {
        Emails.email().from("zhangsan@example.edu, mallory@evil.example").subject("作业 2024001").attach("square.pth", bytes("x"))
                .writeTo(inbox.resolve("g.eml"));

        assertThat(intake()).singleElement().extracting(Intake.Entry::outcome, Intake.Entry::detail).containsExactly("held",
                "it claims student 2024001 (张三) but has no single sender address (From: zhangsan@example.edu, "
                        + "mallory@evil.example), so it cannot be checked against the roster; it was not taken (it stays in the "
                        + "inbox): the teacher must check it with the student, and ask them to send it again from their own address");
    }

    /** A zip put in the inbox has no sender: it is taken when its name gives the roster's number and name. */
    @Test
    void aZipInTheInboxIsTakenOnlyWhenItsNameMatchesTheRoster() throws Exception {
        Files.write(inbox.resolve("王小明_2024003_作业.zip"), Emails.zip("square.pth", "wang"));
        Files.write(inbox.resolve("2024001-李四.zip"), Emails.zip("square.pth", "forged"));
        Files.write(inbox.resolve("2024998-nobody.zip"), Emails.zip("square.pth", "x"));

        List<Intake.Entry> log = intake();

        assertThat(log).extracting(Intake.Entry::source, Intake.Entry::outcome).containsExactlyInAnyOrder(
                tuple("王小明_2024003_作业.zip", "taken"), tuple("2024001-李四.zip", "held"), tuple("2024998-nobody.zip", "held"));
        assertThat(log).filteredOn(e -> e.source().equals("2024001-李四.zip")).singleElement().extracting(Intake.Entry::detail)
                .isEqualTo("a zip put in the inbox has no sender to check, so its name must give the student number and the "
                        + "name the roster has, and 2024001-李四.zip names 2024001 李四 where the roster has 2024001 张三; it was "
                        + "not taken (it stays in the inbox): the teacher must check it and, if it is that student's, rename it "
                        + "2024001-张三.zip and run intake again");
        try (Stream<Path> folders = Files.list(into)) {
            assertThat(folders.map(p -> p.getFileName().toString()).filter(n -> !n.equals(SubmissionTime.KEY_FILE)))
                    .containsExactly("2024003-王 小明");
        }
    }

    /** A Chinese class's teacher reads why in Chinese; the outcome word stays what scripts read. */
    @Test
    void theReasonAnEmailIsHeldIsInTheClassesLanguage() throws Exception {
        Emails.email().from("张三 <mallory@evil.example>").subject("深度学习作业 2024001 张三").attach("square.pth", bytes("forged"))
                .writeTo(inbox.resolve("b.eml"));
        Files.write(inbox.resolve("2024001-李四.zip"), Emails.zip("square.pth", "forged"));
        Messages.use(Language.ZH_CN);

        List<Intake.Entry> log = intake();

        assertThat(log).extracting(Intake.Entry::outcome).containsOnly("held");
        assertThat(log).filteredOn(e -> e.source().equals("b.eml")).singleElement().extracting(Intake.Entry::detail)
                .isEqualTo("它声称是学生 2024001（张三）的提交，却是从 mallory@evil.example 发出的，而名单上 2024001 的地址是 "
                        + "zhangsan@example.edu；它没有被收下（仍留在收件箱中），需要老师核实：请与该学生确认（可能有人在冒用"
                        + "其他学生的名义提交作业）；如果这个地址确实是该学生本人的，请把它加到 roster.csv 中该学生那一行（多个"
                        + "地址用 ';' 分隔），然后重新运行 intake");
        assertThat(log).filteredOn(e -> e.source().equals("2024001-李四.zip")).singleElement().extracting(Intake.Entry::detail)
                .asString().contains("而 2024001-李四.zip 写的是 2024001 李四，名单上却是 2024001 张三").endsWith("请把它重命名为 2024001-张三.zip，然后重新运行 intake");
    }

    @Test
    void withoutARosterNamesAreTakenAsWritten() throws Exception {
        Emails.email().from("mallory@evil.example").subject("作业 2024001 张三").attach("square.pth", bytes("x"))
                .writeTo(inbox.resolve("h.eml"));

        assertThat(new Intake(into, 50, 50L << 20).run(inbox)).singleElement().extracting(Intake.Entry::outcome).isEqualTo("taken");
    }
}
