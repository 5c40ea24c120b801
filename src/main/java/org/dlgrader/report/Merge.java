package org.dlgrader.report;

import static org.dlgrader.i18n.Messages.tr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.dlgrader.grading.Assignment;
import org.dlgrader.grading.ManualGrades;
import org.dlgrader.grading.Scoring;
import org.dlgrader.grading.StudentResult;
import org.dlgrader.grading.integrity.Signatures;

/**
 * Combines the reports of several shards (each runner's {@code reports/}) into one: the student
 * pages are copied, the gradebook and the class page are made from all results together, so they
 * are the same, byte for byte, as one unsharded run's.
 */
public final class Merge {

    private Merge() {
    }

    public static List<StudentResult> run(List<Path> shards, Path into, Assignment assignment) throws IOException {
        List<StudentResult> all = new ArrayList<>();
        Set<String> problems = new LinkedHashSet<>();
        Set<String> notices = new LinkedHashSet<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Path shard : shards) {
            if (!Files.isRegularFile(shard.resolve(ClassResults.FILE))) {
                throw new IOException(tr("report.merge.noResults", shard, ClassResults.FILE));
            }
            ClassResults.Read read = ClassResults.read(shard, assignment);
            for (StudentResult result : read.results()) {
                if (!seen.add(result.submission().studentId())) {
                    throw new IOException(tr("report.merge.twice", result.submission().studentId()));
                }
                all.add(result);
                copyStudentFolder(shard, into, result.submission().studentId());
                copySignatures(shard, into, result.submission().studentId());
            }
            problems.addAll(read.problems());
            notices.addAll(read.notices());
        }
        // The teacher's manual points as they are now, checked against the whole class, as one run reads them.
        Assignment graded = assignment.withManualGrades(ManualGrades.load(assignment, List.copyOf(seen)));
        List<StudentResult> scored = all.stream().map(r -> Scoring.withManualGrades(r, graded)).toList();
        Reports reports = new Reports(into, graded);
        reports.wholeClass(scored, List.copyOf(problems), List.copyOf(notices));
        return scored;
    }

    private static void copyStudentFolder(Path shard, Path into, String studentId) throws IOException {
        String folder = ResultsJson.folderName(studentId);
        copyFolder(shard.resolve(folder), into.resolve(folder));
    }

    /** The shard's signatures replace whatever an earlier run left: an exercise handed in no more has none. */
    private static void copySignatures(Path shard, Path into, String studentId) throws IOException {
        Path source = Signatures.studentFolder(shard, studentId);
        Path target = Signatures.studentFolder(into, studentId);
        if (source.toAbsolutePath().normalize().equals(target.toAbsolutePath().normalize())) {
            return;
        }
        org.dlgrader.io.Folders.delete(target);
        copyFolder(source, target);
    }

    private static void copyFolder(Path source, Path into) throws IOException {
        if (!Files.isDirectory(source) || source.toAbsolutePath().normalize().equals(into.toAbsolutePath().normalize())) {
            return;
        }
        Path target = Files.createDirectories(into);
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, target.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
