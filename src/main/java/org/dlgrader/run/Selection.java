package org.dlgrader.run;

import static org.dlgrader.i18n.Messages.tr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.dlgrader.grading.SelectionError;
import org.dlgrader.grading.Submissions;
import org.dlgrader.grading.Suggestions;

/**
 * What a run was asked to grade, checked before anything else: a folder that does not exist, or
 * holds no student, is an error that names the path and the nearest folder that does exist, never
 * "Graded 0 student(s)" and a green build.
 */
final class Selection {

    private Selection() {
    }

    static Submissions.Found find(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new SelectionError(tr("run.selection.noFolder", root, nearest(root)));
        }
        Submissions.Found found = Submissions.discover(root);
        if (found.students().isEmpty() && found.problems().isEmpty()) {
            throw new SelectionError(tr("run.selection.nothingToGrade", root));
        }
        return found;
    }

    private static String nearest(Path root) throws IOException {
        Path parent = root.toAbsolutePath().normalize().getParent();
        if (parent == null || !Files.isDirectory(parent) || root.getFileName() == null) {
            return "";
        }
        List<String> siblings;
        try (Stream<Path> children = Files.list(parent)) {
            siblings = children.filter(Files::isDirectory).map(p -> p.getFileName().toString()).toList();
        }
        String typed = root.getFileName().toString();
        String suggestion = Suggestions.nearest(typed, siblings);
        if (suggestion.isEmpty()) {
            // A prefix is the likeliest typo of a folder name: "2024100-赵" for "2024100-赵六".
            suggestion = siblings.stream().filter(s -> s.startsWith(typed) || typed.startsWith(s)).findFirst()
                    .map(s -> tr("run.selection.didYouMean", s)).orElse("");
        }
        return suggestion;
    }
}
