package org.dlgrader.report;

import static org.dlgrader.i18n.Messages.tr;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dlgrader.grading.Assignment;
import org.dlgrader.grading.ExerciseResult;
import org.dlgrader.grading.ExerciseSpec;
import org.dlgrader.grading.Outcome;
import org.dlgrader.grading.Score;
import org.dlgrader.grading.StudentResult;
import org.dlgrader.grading.integrity.Finding;
import org.dlgrader.io.AtomicFiles;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * {@code reports/index.html}: the gradebook at a glance, score distribution per exercise, pass
 * rate per check, who could not be graded and why, links to every student's page.
 */
public final class ClassPage {

    private static final int BINS = 5;
    /** Findings the page lists; integrity.csv has every one. */
    private static final int MAX_FINDINGS = 500;

    private ClassPage() {
    }

    public static Path write(Path reports, Assignment assignment, List<StudentResult> results, List<String> problems,
            List<String> notices, List<Finding> findings) throws IOException {
        Path file = reports.resolve("index.html");
        AtomicFiles.write(file, render(assignment, results, problems, notices, findings, Instant.now()));
        return file;
    }

    public static String render(Assignment assignment, List<StudentResult> results, List<String> problems, List<String> notices) {
        return render(assignment, results, problems, notices, List.of());
    }

    public static String render(Assignment assignment, List<StudentResult> results, List<String> problems, List<String> notices,
            List<Finding> findings) {
        return render(assignment, results, problems, notices, findings, Instant.now());
    }

    public static String render(Assignment assignment, List<StudentResult> results, List<String> problems, List<String> notices,
            List<Finding> findings, Instant graded) {
        List<StudentResult> sorted = results.stream().sorted(Comparator.comparing(r -> r.submission().studentId())).toList();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("title", assignment.title());
        view.put("max", StudentPage.number(assignment.maxPoints()));
        double mean = sorted.stream().mapToDouble(StudentResult::points).average().orElse(0);
        long full = sorted.stream().filter(r -> r.points() >= r.maxPoints()).count();
        view.put("summary", tr("report.class.summary", sorted.size(), String.format(Locale.ROOT, "%.1f", mean),
                StudentPage.number(assignment.maxPoints()), full));
        ZoneId zone = assignment.latePolicy().<ZoneId>map(p -> p.deadline().getOffset()).orElse(ZoneId.systemDefault());
        view.put("graded", Timing.graded(graded, zone));
        view.put("deadline", assignment.latePolicy().map(p -> Timing.deadline(p, zone)).orElse(""));
        view.put("exerciseHeaders", assignment.exercises().stream().map(e -> Map.of("id", e.id(), "max", StudentPage.number(e.maxPoints()))).toList());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (StudentResult result : sorted) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", result.submission().studentId());
            row.put("folder", ResultsJson.folderName(result.submission().studentId()));
            row.put("name", result.submission().name());
            row.put("points", result.exercises().stream().map(e -> Map.of(
                    "value", StudentPage.cell(e),
                    "state", e.notGraded() || e.outcome() == org.dlgrader.grading.Outcome.PENDING ? "error" : e.points() >= e.exercise().maxPoints() ? "full" : e.points() > 0 ? "partial" : "zero")).toList());
            row.put("total", result.incomplete() ? "—" : StudentPage.number(result.points()));
            row.put("handedIn", result.lateness().submitted().map(t -> Timing.shown(t.instant(), zone)).orElse("—"));
            row.put("lateMark", Timing.mark(result.lateness()));
            rows.add(row);
        }
        view.put("rows", rows);
        List<Map<String, Object>> exercises = new ArrayList<>();
        for (int i = 0; i < assignment.exercises().size(); i++) {
            exercises.add(exercise(assignment.exercises().get(i), i, sorted));
        }
        view.put("exercises", exercises);
        List<Map<String, Object>> ungradable = ungradable(sorted);
        view.put("ungradable", ungradable);
        view.put("hasUngradable", !ungradable.isEmpty());
        view.put("problems", problems);
        view.put("hasProblems", !problems.isEmpty());
        view.put("notices", notices);
        view.put("hasNotices", !notices.isEmpty());
        // A class of copies would make a page of 100,000 rows; the spreadsheet holds them all.
        view.put("findings", findings.stream().limit(MAX_FINDINGS).map(ClassPage::finding).toList());
        view.put("hasFindings", !findings.isEmpty());
        view.put("moreFindings", findings.size() > MAX_FINDINGS ? tr("integrity.page.more", findings.size() - MAX_FINDINGS) : "");
        return Templates.render("class.html.mustache", view);
    }

    private static Map<String, Object> exercise(ExerciseSpec spec, int index, List<StudentResult> results) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", spec.id());
        view.put("title", spec.title());
        List<Double> points = results.stream().map(r -> r.exercises().get(index).points()).toList();
        view.put("histogram", Images.dataUri(org.dlgrader.plot.Png.encode(histogram(spec, points).createBufferedImage(420, 240))));
        List<Map<String, Object>> checks = new ArrayList<>();
        List<String> names = results.isEmpty() ? List.of()
                : results.get(0).exercises().get(index).scores().stream().map(Score::check).toList();
        // Gates are listed too: "model loads 28/30" is what a teacher wants to see first.
        for (String check : names) {
            long passed = results.stream().filter(r -> r.exercises().get(index).scores().stream()
                    .anyMatch(s -> s.check().equals(check) && s.passed())).count();
            double rate = results.isEmpty() ? 0 : (double) passed / results.size();
            checks.add(Map.of("name", check, "passed", passed, "total", results.size(),
                    "percent", String.format(Locale.ROOT, "%.0f", 100 * rate)));
        }
        view.put("checks", checks);
        return view;
    }

    /** Points bucketed into five equal ranges of the exercise's maximum. */
    private static JFreeChart histogram(ExerciseSpec spec, List<Double> points) {
        double max = Math.max(1e-9, spec.maxPoints());
        int[] counts = new int[BINS];
        for (double p : points) {
            counts[Math.min(BINS - 1, (int) Math.floor(p / max * BINS))]++;
        }
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        for (int b = 0; b < BINS; b++) {
            String label = b == BINS - 1 ? String.format(Locale.ROOT, "%s–%s", StudentPage.number(max * b / BINS), StudentPage.number(max))
                    : String.format(Locale.ROOT, "%s–<%s", StudentPage.number(max * b / BINS), StudentPage.number(max * (b + 1) / BINS));
            dataset.addValue(counts[b], tr("report.class.histogram.students"), label);
        }
        JFreeChart chart = ChartFactory.createBarChart(null, tr("report.class.histogram.points"), tr("report.class.histogram.students"), dataset, PlotOrientation.VERTICAL,
                false, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(220, 220, 220));
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, new Color(0x3B, 0x6E, 0xC4));
        plot.getRangeAxis().setStandardTickUnits(org.jfree.chart.axis.NumberAxis.createIntegerTickUnits());
        return chart;
    }

    /** A finding's row: both students linked to their pages, the kind in words. */
    private static Map<String, Object> finding(Finding f) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("kind", kindName(f.kind()));
        row.put("exercise", f.exercise());
        row.put("a", f.studentA());
        row.put("aFolder", ResultsJson.folderName(f.studentA()));
        row.put("hasB", !f.studentB().isEmpty());
        row.put("b", f.studentB());
        row.put("bFolder", ResultsJson.folderName(f.studentB().isEmpty() ? "_" : f.studentB()));
        row.put("evidence", f.evidence());
        row.put("threshold", f.threshold());
        return row;
    }

    /** A finding's kind in the class's language; a kind from a newer source shows as its identifier. */
    private static String kindName(String kind) {
        return switch (kind) {
            case "identical-file" -> tr("integrity.kind.identical-file");
            case "same-weights" -> tr("integrity.kind.same-weights");
            case "shared-mistakes" -> tr("integrity.kind.shared-mistakes");
            case "test-set-training" -> tr("integrity.kind.test-set-training");
            case "private-check-drop" -> tr("integrity.kind.private-check-drop");
            default -> kind;
        };
    }

    /** Every exercise whose model was missing, refused, not gradable or not graded, with the reason the student sees. */
    private static List<Map<String, Object>> ungradable(List<StudentResult> results) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (StudentResult result : results) {
            for (ExerciseResult exercise : result.exercises()) {
                if (exercise.outcome() == Outcome.MEASURED || exercise.outcome().byHand()) {
                    continue;
                }
                String kind = exercise.outcome().description();
                String reason = exercise.scores().stream().filter(s -> !s.passed()).map(Score::message).findFirst().orElse("");
                rows.add(Map.of("id", result.submission().studentId(), "name", result.submission().name(),
                        "folder", ResultsJson.folderName(result.submission().studentId()),
                        "exercise", exercise.exercise().id(), "kind", kind, "reason", reason));
            }
        }
        return rows;
    }
}
