package org.dlgrader.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.dlgrader.grading.integrity.Finding;
import org.dlgrader.io.AtomicFiles;
import org.dlgrader.io.Csv;

/**
 * {@code reports/integrity.csv}: one row per finding, for a teacher's spreadsheet. Written even when
 * empty, so that an old file never outlives the class it described.
 */
public final class IntegrityCsv {

    public static final String FILE = "integrity.csv";

    private IntegrityCsv() {
    }

    public static void write(Path reports, List<Finding> findings) throws IOException {
        StringBuilder out = new StringBuilder(Csv.BOM).append("kind,exercise,student_a,student_b,evidence,threshold\r\n");
        for (Finding f : findings) {
            out.append(Stream.of(f.kind(), f.exercise(), f.studentA(), f.studentB(), f.evidence(), f.threshold())
                    .map(Csv::cell).collect(Collectors.joining(","))).append("\r\n");
        }
        AtomicFiles.write(reports.resolve(FILE), out.toString());
    }
}
