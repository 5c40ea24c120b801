package org.dlgrader.grading;

import static org.dlgrader.i18n.Messages.tr;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One student's folder: {@code <student-id>-<name>/}, or what its submission.properties says. */
public record Submission(String studentId, String name, String email, Path folder) {

    /** Long enough for any student number or login; short enough for every file system and path limit. */
    public static final int MAX_ID_LENGTH = 64;

    /** Names reports/ uses for itself: a student folder of that name would take their place. */
    private static final Set<String> REPORTS_OWN = Set.of("index.html", "gradebook.csv", "class-results.json",
            "intake-log.csv", ".cache");
    /** Device names Windows refuses as a file or folder name, whatever follows them. */
    private static final Pattern WINDOWS_DEVICE = Pattern.compile("(?i)(CON|PRN|AUX|NUL|COM[1-9]|LPT[1-9])");
    private static final Pattern NOT_ALLOWED = Pattern.compile("[^A-Za-z0-9_-]");

    /**
     * A student id as a folder name: letters, digits, '.', '_' and '-' only, never hidden. Ids that
     * pass {@link #idProblem} come out unchanged; this stays as a last guard for results read back
     * from older runs.
     */
    public static String safeName(String studentId) {
        String safe = studentId.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.isEmpty() || safe.startsWith(".") ? "_" + safe : safe;
    }

    /**
     * Why {@code id} cannot be a student id, in words for a teacher, or empty when it can. An id
     * names the student's folder in reports/ on Windows, macOS and Linux, so it keeps to ASCII
     * letters, digits, '-' and '_' (non-ASCII letters would all become '_' in {@link #safeName}
     * and two students would share a folder) and starts with a letter or digit.
     */
    public static Optional<String> idProblem(String id) {
        if (id.isEmpty()) {
            return Optional.of(tr("grading.studentId.empty"));
        }
        if (id.length() > MAX_ID_LENGTH) {
            return Optional.of(tr("grading.studentId.tooLong", id.length(), MAX_ID_LENGTH));
        }
        if (REPORTS_OWN.contains(id.toLowerCase(Locale.ROOT))) {
            return Optional.of(tr("grading.studentId.reportsName", id));
        }
        if (WINDOWS_DEVICE.matcher(id).matches()) {
            return Optional.of(tr("grading.studentId.deviceName", id));
        }
        Matcher bad = NOT_ALLOWED.matcher(id);
        if (bad.find()) {
            return Optional.of(tr("grading.studentId.character", describe(id.codePointAt(bad.start()))));
        }
        if (id.charAt(0) == '-' || id.charAt(0) == '_') {
            return Optional.of(tr("grading.studentId.start", id.charAt(0)));
        }
        return Optional.empty();
    }

    private static String describe(int codePoint) {
        if (codePoint == ' ') {
            return tr("grading.studentId.space");
        }
        if (Character.isISOControl(codePoint) || Character.isWhitespace(codePoint)
                || Character.getType(codePoint) == Character.FORMAT) {
            return tr("grading.studentId.invisible", codePoint);
        }
        return "'" + new String(Character.toChars(codePoint)) + "'";
    }
}
