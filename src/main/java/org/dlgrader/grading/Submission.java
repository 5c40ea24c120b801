package org.dlgrader.grading;

import java.nio.file.Path;

/** One student's folder: {@code <student-id>-<name>/}, or what its submission.properties says. */
public record Submission(String studentId, String name, String email, Path folder) {
}
