package org.dlgrader.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dlgrader.i18n.Language;
import org.dlgrader.i18n.Messages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** roster.csv as teachers write it, and each way it can be wrong: a roster is read whole or not at all. */
class RosterTest {

    @TempDir
    Path work;

    @AfterEach
    void english() {
        Messages.use(Language.EN);
    }

    private Path roster(String text) throws Exception {
        return Files.writeString(work.resolve("roster.csv"), text, StandardCharsets.UTF_8);
    }

    @Test
    void columnsInAnyOrderQuotesBlankLinesAndExtraColumns() throws Exception {
        Roster roster = Roster.load(roster("email,Name,ID,class\n\n\"a@x.edu;B@y.com\",\"Li, Lei\",s12345,3\n2024001,张三,zs@x.edu\n"
                .replace("2024001,张三,zs@x.edu", "zs@x.edu,张三,2024001,3")));

        assertThat(roster.size()).isEqualTo(2);
        assertThat(roster.byId("s12345")).contains(new Roster.Student("s12345", "Li, Lei", List.of("a@x.edu", "b@y.com")));
        assertThat(roster.byEmail("B@Y.com").map(Roster.Student::id)).contains("s12345");
        assertThat(roster.byEmail("zs@x.edu").map(Roster.Student::name)).contains("张三");
    }

    @Test
    void aRosterSavedAsGbkIsRefusedSayingHowToSaveIt() throws Exception {
        Path file = work.resolve("roster.csv");
        Files.write(file, "id,name,email\n2024001,张三,zs@x.edu\n".getBytes(Charset.forName("GBK")));

        assertThatThrownBy(() -> Roster.load(file)).isInstanceOf(Roster.Invalid.class)
                .hasMessage(file + " is not UTF-8: in Excel save it as \"CSV UTF-8 (Comma delimited)\"");
    }

    /** A Chinese teacher is told in Chinese which line is wrong, and how to save the file from Excel. */
    @Test
    void aWrongRosterIsExplainedInTheClassesLanguage() throws Exception {
        Messages.use(Language.ZH_CN);
        Path file = work.resolve("roster.csv");
        Files.write(file, "id,name,email\n2024001,张三,zs@x.edu\n".getBytes(Charset.forName("GBK")));
        assertThatThrownBy(() -> Roster.load(file)).hasMessage(file + " 不是 UTF-8 编码：请在 Excel 中另存为“CSV UTF-8(逗号分隔)”");

        Path twice = roster("id,name,email\n2024001,张三,zs@x.edu\n2024001,张三,zs2@x.edu\n");
        assertThatThrownBy(() -> Roster.load(twice)).hasMessage(twice + " 第 3 行再次给出了学号 2024001：每个学生只能有一行");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "学号,姓名,邮箱\\n2024001,张三,zs@x.edu | has the header 学号,姓名,邮箱: its first row must name the columns id, name and email",
        "id,name,email\\n2024001,张三,zs@x.edu\\n\\n2024001,张三2,zs2@x.edu | line 4 gives the student id 2024001 a second time: keep one row per student",
        "id,name,email\\n2024.001,张三,zs@x.edu | line 2 has the student id \"2024.001\", which cannot be used: it holds '.'",
        "id,name,email\\n2024001,张三,zs@x.edu\\n2024002,李四,ZS@x.edu | line 3 gives zs@x.edu to 2024002, and it is already 2024001's: one address can only prove one student",
        "'' | is empty: it needs a header row id,name,email and one row per student"})
    void aRosterThatCannotBeReadWholeIsAnError(String text, String message) throws Exception {
        Path file = roster(text.replace("\\n", "\n"));

        assertThatThrownBy(() -> Roster.load(file)).isInstanceOf(Roster.Invalid.class).hasMessageStartingWith(file.toString())
                .hasMessageContaining(message);
    }
}
