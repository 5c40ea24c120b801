package org.dlgrader.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.dlgrader.engine.EngineSettings;
import org.dlgrader.data.FashionMnistLocator;
import org.dlgrader.grading.Assignment;
import org.dlgrader.run.ClassRun;
import org.dlgrader.grading.Grader;
import org.dlgrader.grading.Shard;
import org.dlgrader.grading.StudentResult;
import org.dlgrader.grading.Submission;
import org.dlgrader.grading.Submissions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A class graded in one run and in four shards: merged, the gradebook and class page are the same bytes. */
@Tag("slow")
class ShardMergeTest {

    @TempDir
    Path work;

    @Test
    void fourShardsMergedEqualOneRun() throws IOException {
        assumeTrue(FashionMnistLocator.isInstalled(), "FashionMNIST is not installed");
        EngineSettings.applyDefaults();
        Path students = Files.createDirectories(work.resolve("submissions"));
        String[] templates = {"2024001-张三", "2024002-李四", "2024003-王 小明"};
        for (int i = 0; i < 12; i++) {
            Path folder = Files.createDirectories(students.resolve(String.format("40%02d-学生%d", i, i)));
            try (Stream<Path> files = Files.list(Path.of("submissions", templates[i % 3]))) {
                for (Path file : files.filter(f -> !f.getFileName().toString().endsWith(".properties")).toList()) {
                    Files.copy(file, folder.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Assignment assignment = Assignment.load(Assignment.DEFAULT);
        Grader grader = new Grader(assignment, new org.dlgrader.model.LocalRunner(), null);
        List<Submission> everyone = Submissions.discover(students).students();

        Path single = work.resolve("single");
        new Reports(single, assignment).wholeClass(ClassRun.grade(grader, everyone, 2, new Reports(single, assignment)), List.of(), List.of());

        List<Path> shards = new ArrayList<>();
        int graded = 0;
        for (int k = 1; k <= 4; k++) {
            Path shardReports = work.resolve("shard-" + k);
            List<Submission> mine = new Shard(k, 4).of(everyone);
            graded += mine.size();
            List<StudentResult> results = ClassRun.grade(grader, mine, 2, new Reports(shardReports, assignment));
            new Reports(shardReports, assignment).wholeClass(results, List.of(), List.of());
            shards.add(shardReports);
        }
        assertThat(graded).as("every student in exactly one shard").isEqualTo(12);

        Path merged = work.resolve("merged");
        Merge.run(shards, merged, assignment);

        assertThat(Files.readAllBytes(merged.resolve("gradebook.csv"))).isEqualTo(Files.readAllBytes(single.resolve("gradebook.csv")));
        // Each page says when it was made, which two runs never share.
        assertThat(withoutGradedAt(Files.readString(merged.resolve("index.html"))))
                .isEqualTo(withoutGradedAt(Files.readString(single.resolve("index.html"))));
        assertThat(merged.resolve("4000/index.html")).exists();
        assertThat(merged.resolve("4011/results.json")).exists();
    }

    private static String withoutGradedAt(String page) {
        assertThat(page).contains("<span class=\"graded-at\">");
        return page.replaceAll("<span class=\"graded-at\">[^<]*</span>", "");
    }

    @Test
    void shardSpecsAreCheckedAndStable() {
        assertThat(Shard.parse("2/4")).isEqualTo(new Shard(2, 4));
        assertThat(Shard.parse(null)).isEqualTo(Shard.ALL);
        assertThat(new Shard(3, 4).contains("2024001")).isEqualTo(new Shard(3, 4).contains("2024001"));
        assertThatThrownBy(() -> Shard.parse("5/4")).hasMessage("grader.shard must be K/N with 1 <= K <= N, like 2/4, not '5/4'");
        assertThatThrownBy(() -> Shard.parse("two")).hasMessageContaining("not 'two'");
    }
}
