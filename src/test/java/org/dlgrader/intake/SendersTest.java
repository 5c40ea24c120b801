package org.dlgrader.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.dlgrader.cli.Main;
import org.dlgrader.io.Folders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code reports/intake-senders.tsv}, where {@code mail-reports} finds the address a student's
 * homework came from: it outlives the intake log of one run, and keeps every address an email
 * taken or superseded for a student came from, since a second one may be a classmate's.
 */
class SendersTest {

    @TempDir
    Path work;

    private int intake(Path inbox) {
        return Main.run("intake", inbox.toString(), "--into", work.resolve("submissions").toString(),
                "--log", work.resolve("reports/intake-log.csv").toString());
    }

    private List<String> senders() throws Exception {
        return Files.readAllLines(work.resolve("reports").resolve(Senders.FILE), StandardCharsets.UTF_8);
    }

    @Test
    void everyAddressThatClaimedAStudentIsKeptAcrossRuns() throws Exception {
        Path inbox = Files.createDirectories(work.resolve("inbox"));
        Emails.email().from("张三 <ZhangSan@Example.edu>").subject("作业 2024001 张三").receivedAt(Instant.parse("2026-11-26T09:00:00Z"))
                .attach("square.pth", new byte[] {1}).writeTo(inbox.resolve("a.eml"));
        Emails.email().from("张三 <zhangsan@qq.com>").subject("作业 2024001 张三 第二版").receivedAt(Instant.parse("2026-11-27T09:00:00Z"))
                .attach("square.pth", new byte[] {2}).writeTo(inbox.resolve("b.eml"));
        Emails.email().from("李四 <lisi@example.edu>").subject("作业 2024002 李四").attach("m.pth", new byte[] {3})
                .writeTo(inbox.resolve("c.eml"));
        assertThat(intake(inbox)).isZero();
        // The superseded email's address too, in lower case as intake compares addresses.
        assertThat(senders()).containsExactly(senders().get(0), "2024001\tzhangsan@example.edu", "2024001\tzhangsan@qq.com",
                "2024002\tlisi@example.edu");

        // A later run that hears only from 李四, by a zip put in the inbox (no sender), keeps both addresses.
        Folders.delete(inbox);
        Files.createDirectories(inbox);
        Files.write(inbox.resolve("2024002-李四.zip"), Emails.zip(Map.of("m.pth", new byte[] {4})));
        Emails.email().from("wangwu@example.edu").subject("2024003 王五").attach("m.pth", new byte[] {5}).writeTo(inbox.resolve("d.eml"));
        assertThat(intake(inbox)).isZero();

        assertThat(Files.readString(work.resolve("reports/intake-log.csv"), StandardCharsets.UTF_8)).doesNotContain("a.eml");
        assertThat(senders()).containsSubsequence("2024001\tzhangsan@example.edu", "2024001\tzhangsan@qq.com", "2024002\tlisi@example.edu",
                "2024003\twangwu@example.edu").hasSize(5);
        Senders loaded = Senders.load(work.resolve("reports").resolve(Senders.FILE));
        assertThat(loaded.addresses("2024002")).containsExactly("lisi@example.edu");
        assertThat(loaded.addresses("2024001")).containsExactly("zhangsan@example.edu", "zhangsan@qq.com");
        assertThat(loaded.addresses("2024009")).isEmpty();
    }

    /**
     * An address that is not one plain address never gets into the record: a From that is a group of
     * several, one without a domain, and (through the record itself) one that carries a line break
     * and a second header, or a list.
     */
    @Test
    void anOddAddressIsNeverRecorded() throws Exception {
        Path inbox = Files.createDirectories(work.resolve("inbox"));
        Emails.email().from("同学们: lisi@example.edu, b@example.edu;").subject("作业 2024002 李四").attach("m.pth", new byte[] {1})
                .writeTo(inbox.resolve("group.eml"));
        Emails.email().from("wangwu").subject("作业 2024003 王五").attach("m.pth", new byte[] {2}).writeTo(inbox.resolve("noat.eml"));
        Emails.email().from("张三 <zhangsan@example.edu>").subject("作业 2024001 张三").attach("m.pth", new byte[] {3})
                .writeTo(inbox.resolve("plain.eml"));
        assertThat(intake(inbox)).isZero();
        assertThat(Files.readString(work.resolve("reports/intake-log.csv"), StandardCharsets.UTF_8))
                .contains("\"group.eml\",taken,\"2024002\"").contains("\"noat.eml\",taken,\"2024003\"");
        assertThat(senders()).containsExactly(senders().get(0), "2024001\tzhangsan@example.edu");

        Senders record = Senders.load(work.resolve("reports").resolve(Senders.FILE));
        record.record(Map.of("2024004", List.of("zhaoliu@example.edu\r\nBcc: b@example.edu", "a@example.edu, b@example.edu",
                "<b@example.edu>", "b@example.edu (b)")));
        assertThat(senders()).containsExactly(senders().get(0), "2024001\tzhangsan@example.edu");
        Files.writeString(work.resolve("reports").resolve(Senders.FILE), "2024005\tzhaoliu@example.edu;b@example.edu\n2024006\tc@example.edu\n",
                StandardCharsets.UTF_8);
        Senders edited = Senders.load(work.resolve("reports").resolve(Senders.FILE));
        assertThat(edited.addresses("2024005")).isEmpty();
        assertThat(edited.addresses("2024006")).containsExactly("c@example.edu");
    }
}
