package org.dlgrader.grading;

import java.nio.file.Path;

/** One student's folder: {@code <student-id>-<name>/}, or what its submission.properties says. */
public record Submission(String studentId, String name, String email, Path folder) {

    /** A student id as a folder name: letters, digits, '.', '_' and '-' only, never hidden. */
    public static String safeName(String studentId) {
        String safe = studentId.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.isEmpty() || safe.startsWith(".") ? "_" + safe : safe;
    }
}
