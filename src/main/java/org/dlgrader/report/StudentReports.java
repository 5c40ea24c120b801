package org.dlgrader.report;

import static org.dlgrader.i18n.Messages.tr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The reports a grading run left for each student in {@code reports/<id>/}: their page and their
 * points as results.json has them, read back without grading again (for {@code mail-reports}).
 */
public final class StudentReports {

    /**
     * One student's report. {@code points} is as the page writes it ("13.78", or "not all graded"
     * when the grader could not grade an exercise); {@code page} is their {@link StudentPage}.
     */
    public record Report(String studentId, String name, String points, String maxPoints, Path page) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private StudentReports() {
    }

    /** Every student folder of {@code reports} with both a page and results.json, by student id. */
    public static List<Report> in(Path reports) throws IOException {
        List<Report> found = new ArrayList<>();
        if (!Files.isDirectory(reports)) {
            return found;
        }
        try (Stream<Path> folders = Files.list(reports)) {
            for (Path folder : folders.filter(Files::isDirectory).sorted().toList()) {
                Path page = folder.resolve(StudentPage.FILE);
                Path results = folder.resolve(ResultsJson.FILE);
                if (Files.isRegularFile(page) && Files.isRegularFile(results)) {
                    found.add(read(results, page));
                }
            }
        }
        found.sort(Comparator.comparing(Report::studentId));
        return found;
    }

    private static Report read(Path results, Path page) throws IOException {
        JsonNode root = JSON.readTree(results.toFile());
        // ResultsJson writes "output" at the top only when an exercise could not be graded: the total is then no score.
        String points = root.has("output") ? tr("report.notAllGraded") : StudentPage.number(root.path("score").asDouble());
        return new Report(root.path("student_id").asText(), root.path("name").asText(), points,
                StudentPage.number(root.path("max_score").asDouble()), page);
    }
}
