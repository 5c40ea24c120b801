package org.dlgrader.report;

import static org.dlgrader.i18n.Messages.tr;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dlgrader.grading.Assignment;
import org.dlgrader.grading.ExerciseSpec;
import org.dlgrader.io.AtomicFiles;
import org.dlgrader.model.ModelLoader;
import org.dlgrader.model.ModelLoaders;

/**
 * {@code reports/handin.html}, and the same text as Markdown for the README: per exercise, the file
 * names the assignment accepts and the line of PyTorch or Keras code that writes each, then how to
 * name the folder or the email and how to check it first, and the deadline when there is one. Made from {@code assignment.json} and
 * the list of model formats, so it never names a file the grader would not take.
 */
public final class HandinGuide {

    public static final String FILE = "handin.html";

    /** The example student of the guide's instructions. */
    private static final String EXAMPLE_FOLDER = "2024001-张三";

    private HandinGuide() {
    }

    public static Path write(Path reports, Assignment assignment) throws IOException {
        Path file = reports.resolve(FILE);
        AtomicFiles.write(file, html(assignment));
        return file;
    }

    static String html(Assignment assignment) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("title", tr("report.handin.title", assignment.title()));
        view.put("intro", tr("report.handin.intro"));
        deadline(assignment).ifPresent(text -> {
            view.put("deadlineTitle", tr("report.handin.deadlineTitle"));
            view.put("deadline", text);
        });
        view.put("exercises", exercises(assignment));
        view.put("folder", EXAMPLE_FOLDER);
        view.put("folderText", tr("report.handin.folder", EXAMPLE_FOLDER));
        return Templates.render("handin.html.mustache", view);
    }

    /** The guide in Markdown, in the assignment's language: the README's copy (ReadmeTest holds it to this). */
    public static String markdown(Assignment assignment) {
        StringBuilder md = new StringBuilder("### ").append(tr("report.handin.title", assignment.title())).append("\n\n");
        md.append(tr("report.handin.intro")).append("\n\n");
        deadline(assignment).ifPresent(text -> md.append(tr("report.handin.labelled", tr("report.handin.deadlineTitle"), text)).append("\n\n"));
        for (Map<String, Object> exercise : exercises(assignment)) {
            if (exercise.containsKey("manual")) {
                md.append("**").append(exercise.get("heading")).append("**\n\n").append(exercise.get("manual")).append("\n\n");
                continue;
            }
            md.append("**").append(exercise.get("heading")).append("**\n\n| ").append(tr("report.page.handin.file")).append(" | ")
                    .append(tr("report.page.handin.format")).append(" | ").append(tr("report.page.handin.code")).append(" |\n|---|---|---|\n");
            for (Object row : (List<?>) exercise.get("rows")) {
                Map<?, ?> r = (Map<?, ?>) row;
                md.append("| ").append(r.get("file") == null ? "" : "`" + r.get("file") + "`").append(" | ").append(r.get("format"))
                        .append(" | `").append(r.get("code")).append("` |\n");
            }
            md.append('\n');
        }
        md.append(tr("report.handin.labelled", tr("report.page.handin.folderTitle"), tr("report.handin.folder", EXAMPLE_FOLDER)))
                .append("\n\n")
                .append("```\n./mvnw verify -Dsubmission=submissions/").append(EXAMPLE_FOLDER).append("\n.\\mvnw.cmd verify -Dsubmission=submissions\\")
                .append(EXAMPLE_FOLDER).append("\n```\n\n")
                .append(tr("report.handin.labelled", tr("report.page.handin.emailTitle"), tr("report.page.handin.email"))).append('\n');
        return md.toString();
    }

    /**
     * The deadline, what late work costs and which clock counts, when the assignment sets one: a
     * student told only on their graded page would learn it too late.
     */
    static Optional<String> deadline(Assignment assignment) {
        return assignment.latePolicy().map(policy -> {
            String cost;
            if (policy.refuse()) {
                cost = tr("report.handin.late.refuse");
            } else if (policy.penaltyPerDay() == 0) {
                cost = tr("report.handin.late.marked");
            } else if (policy.maxPenalty() < 1) {
                cost = tr("report.handin.late.penalty", Timing.percent(policy.penaltyPerDay()), Timing.percent(policy.maxPenalty()));
            } else {
                cost = tr("report.handin.late.penaltyNoCap", Timing.percent(policy.penaltyPerDay()));
            }
            return Timing.deadline(policy, policy.deadline().getOffset()) + " " + cost + " " + tr("report.handin.late.clock");
        });
    }

    private static List<Map<String, Object>> exercises(Assignment assignment) {
        List<Map<String, Object>> exercises = new ArrayList<>();
        for (ExerciseSpec exercise : assignment.exercises()) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (String name : exercise.files()) {
                boolean first = true;
                for (Map.Entry<String, ModelLoader> way : ModelLoaders.savers(name).entrySet()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    // The file name once, on its first line: the rows under it are other ways to write it.
                    row.put("file", first ? name : null);
                    row.put("format", way.getValue().formatName());
                    row.put("code", way.getKey());
                    rows.add(row);
                    first = false;
                }
            }
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("id", exercise.id());
            view.put("heading", tr("report.handin.exercise", exercise.id(), exercise.title(), StudentPage.number(exercise.maxPoints())));
            view.put("rows", rows);
            if (exercise.manual()) {
                view.put("manual", tr("manual.handin"));
            }
            exercises.add(view);
        }
        return exercises;
    }
}
