package org.dlgrader.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.dlgrader.data.FashionMnistLocator;
import org.dlgrader.engine.EngineSettings;
import org.dlgrader.grading.Assignment;
import org.dlgrader.grading.Limits;
import org.dlgrader.grading.Shard;
import org.dlgrader.grading.integrity.Copies;
import org.dlgrader.grading.integrity.Signature;
import org.dlgrader.grading.integrity.Signatures;
import org.dlgrader.io.Csv;
import org.dlgrader.run.ClassRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A class of honest students and of students who handed in one of them again, each copy changed the
 * way copies are (python/make_copies.py: real PyTorch), graded the way a real run grades, with the
 * lesson's assignment.json: every copy is reported with the right kind, no honest pair is, and a
 * class graded in shards and merged, or with one student regraded, reports the same.
 */
@Tag("slow")
class CopiesClassTest {

    private static final Path FIXTURES = Path.of("src/test/resources/fixtures/copies");

    /** Student, the fixture it hands in, and under which accepted name. */
    private static final Map<String, String[]> CLASS = new LinkedHashMap<>();

    static {
        CLASS.put("2311-honest", new String[] {"square_honest_11.pth", "square.pth"});
        CLASS.put("2312-honest", new String[] {"square_honest_12.pth", "square.pth"});
        CLASS.put("2313-honest", new String[] {"square_honest_13.pth", "square.pth"});
        CLASS.put("2320-same", new String[] {"square_honest_11.pth", "square.pth"});
        CLASS.put("2321-traced", new String[] {"square_copy_traced.pt", "square.pt"});
        CLASS.put("2322-keras", new String[] {"square_copy_keras.h5", "square.h5"});
        CLASS.put("2323-permuted", new String[] {"square_copy_permuted.pth", "square.pth"});
        CLASS.put("2324-finetuned", new String[] {"square_copy_finetuned.pth", "square.pth"});
        CLASS.put("2403-honest", new String[] {"../../../../../submissions/2024001-张三/model.pth", "model.pth"});
        CLASS.put("2411-honest", new String[] {"quickstart_honest_11.pth", "model.pth"});
        CLASS.put("2412-honest", new String[] {"quickstart_honest_12.pth", "model.pth"});
        CLASS.put("2420-same", new String[] {"../../../../../submissions/2024001-张三/model.pth", "model.pth"});
        CLASS.put("2421-traced", new String[] {"../../../../../submissions/2024003-王 小明/quickstart.pt", "quickstart.pt"});
        CLASS.put("2422-keras", new String[] {"quickstart_copy_keras.h5", "quickstart.pth"});
        CLASS.put("2423-permuted", new String[] {"quickstart_copy_permuted.pth", "model.pth"});
        CLASS.put("2424-finetuned", new String[] {"quickstart_copy_finetuned.pth", "model.pth"});
    }

    /** Each copy, the honest student it copies, and how it must be reported. */
    private static final List<String[]> COPIES = List.of(
            new String[] {"2320", "2311", "identical-file"},
            new String[] {"2321", "2311", "shared-mistakes"},
            new String[] {"2322", "2311", "same-weights"},
            new String[] {"2323", "2311", "same-weights"},
            new String[] {"2324", "2311", "same-weights"},
            new String[] {"2420", "2403", "identical-file"},
            new String[] {"2421", "2403", "shared-mistakes"},
            new String[] {"2422", "2403", "same-weights"},
            new String[] {"2423", "2403", "same-weights"},
            new String[] {"2424", "2403", "same-weights"});

    @TempDir
    static Path work;
    private static Path assignmentFile;
    private static Path students;
    private static Path single;
    private static List<String[]> rows;

    @BeforeAll
    static void grade() throws IOException {
        assumeTrue(FashionMnistLocator.isInstalled(), "FashionMNIST is not installed");
        EngineSettings.applyDefaults();
        students = Files.createDirectories(work.resolve("submissions"));
        for (Map.Entry<String, String[]> student : CLASS.entrySet()) {
            Path folder = Files.createDirectories(students.resolve(student.getKey()));
            Files.copy(FIXTURES.resolve(student.getValue()[0]).normalize(), folder.resolve(student.getValue()[1]),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        // In this process: the class is about what is compared, not where models run.
        assignmentFile = Assignment.copyWithLimits(Assignment.DEFAULT, new Limits(false, 0, 120, 2048, 0, 100, 512, 2),
                work.resolve("assignment.json"));
        single = work.resolve("single");
        ClassRun.gradeFolder(assignmentFile, students, single, Shard.ALL);
        rows = csv(single);
        printLikeness(Assignment.load(assignmentFile));
    }

    @Test
    void everyCopyIsReportedWithItsKind() {
        for (String[] copy : COPIES) {
            assertThat(finding(copy[0], copy[1])).as(copy[0] + " copies " + copy[1]).hasValueSatisfying(row -> assertThat(row[0]).isEqualTo(copy[2]));
        }
    }

    @Test
    void noHonestPairIsReported() {
        List<String> honest = HONEST;
        for (String a : honest) {
            for (String b : honest) {
                if (a.compareTo(b) < 0) {
                    assertThat(finding(a, b)).as(a + " and " + b).isEmpty();
                }
            }
        }
        // A copy of one honest student is no closer to another than its original is.
        for (String[] copy : COPIES) {
            for (String other : honest) {
                if (!other.equals(copy[1]) && other.charAt(1) == copy[0].charAt(1)) {
                    assertThat(finding(copy[0], other)).as(copy[0] + " and " + other).isEmpty();
                }
            }
        }
    }

    @Test
    void theClassPageListsTheFindingsAndAStudentPageShowsNoClassmate() throws IOException {
        String page = Files.readString(single.resolve("index.html"));
        assertThat(page).contains("href=\"2422/index.html\"").contains("href=\"2403/index.html\"");
        String own = Files.readString(single.resolve("2422/index.html"));
        assertThat(own).doesNotContain(">2403<").doesNotContain("2403/index.html").doesNotContain("Models too alike");
        byte[] bytes = Files.readAllBytes(single.resolve(IntegrityCsv.FILE));
        assertThat(new String(bytes, StandardCharsets.UTF_8)).startsWith(Csv.BOM + "kind,exercise,student_a,student_b,evidence,threshold\r\n");
    }

    @Test
    void shardsMergedAndARegradeReportTheSame() throws IOException {
        List<Path> shards = new ArrayList<>();
        for (int k = 1; k <= 2; k++) {
            Path reports = work.resolve("shard-" + k);
            ClassRun.gradeFolder(assignmentFile, students, reports, new Shard(k, 2));
            shards.add(reports);
        }
        Path merged = work.resolve("merged");
        Merge.run(shards, merged, Assignment.load(assignmentFile));
        assertThat(Files.readString(merged.resolve(IntegrityCsv.FILE))).isEqualTo(Files.readString(single.resolve(IntegrityCsv.FILE)));

        ClassRun.gradeFolder(assignmentFile, students.resolve("2422-keras"), merged, Shard.ALL);
        assertThat(Files.readString(merged.resolve(IntegrityCsv.FILE))).isEqualTo(Files.readString(single.resolve(IntegrityCsv.FILE)));

        // The copier hands in another file (not a model) and is graded again: the copy's findings go with it.
        Path file = students.resolve("2422-keras/quickstart.pth");
        Path aside = work.resolve("aside.pth");
        Files.move(file, aside);
        Files.writeString(file, "my own work, honestly");
        try {
            ClassRun.gradeFolder(assignmentFile, students.resolve("2422-keras"), merged, Shard.ALL);
        } finally {
            Files.move(aside, file, StandardCopyOption.REPLACE_EXISTING);
        }
        String after = Files.readString(merged.resolve(IntegrityCsv.FILE));
        assertThat(after).doesNotContain(",2422,").contains(",2403,2423,");
    }

    private static final List<String> HONEST = List.of("2311", "2312", "2313", "2403", "2411", "2412");

    private static String id(String folder) {
        return folder.substring(0, folder.indexOf('-'));
    }

    private static Optional<String[]> finding(String a, String b) {
        String first = a.compareTo(b) < 0 ? a : b;
        String second = a.compareTo(b) < 0 ? b : a;
        return rows.stream().filter(r -> r[2].equals(first) && r[3].equals(second)).findFirst();
    }

    /** integrity.csv's rows, split: our fixtures' cells hold no quotes, and evidence is the only cell with commas. */
    private static List<String[]> csv(Path reports) throws IOException {
        List<String[]> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(reports.resolve(IntegrityCsv.FILE), StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", 4);
            out.add(new String[] {cells[0], cells[1], cells[2], cells[3].substring(0, cells[3].indexOf(','))});
        }
        return out;
    }

    /** Every pair's figures, honest and copied apart: what the thresholds in assignment.json were set from. */
    private static void printLikeness(Assignment assignment) {
        Signatures store = new Signatures(single);
        List<String> ids = CLASS.keySet().stream().map(CopiesClassTest::id).toList();
        System.out.println("pair\tkind\tsharedUnits\tagreement\tsharedMistakes\terrorsAlike");
        for (String exercise : List.of("square", "fashion-mlp")) {
            for (int i = 0; i < ids.size(); i++) {
                for (int j = i + 1; j < ids.size(); j++) {
                    Optional<Signature> a = store.read(ids.get(i), exercise);
                    Optional<Signature> b = store.read(ids.get(j), exercise);
                    if (a.isEmpty() || b.isEmpty()) {
                        continue;
                    }
                    Copies.Likeness l = Copies.Likeness.of(a.get(), b.get());
                    boolean honest = HONEST.contains(ids.get(i)) && HONEST.contains(ids.get(j));
                    System.out.printf(Locale.ROOT, "%s %s/%s\t%s\t%.4f\t%.4f\t%.4f\t%.6f%n", exercise, ids.get(i), ids.get(j),
                            honest ? "honest" : "copy?", l.sharedUnits(), l.agreement(), l.sharedMistakes(), l.errorsAlike());
                }
            }
        }
    }
}
