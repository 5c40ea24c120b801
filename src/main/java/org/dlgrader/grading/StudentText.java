package org.dlgrader.grading;

import static org.dlgrader.i18n.Messages.tr;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Text that came from a student's file or from a process that ran it (an exception a model raised,
 * a layer name), made fit for a page: capped in length, so a model cannot fill the class page, and
 * with file-system paths cut to their last name, so no page shows where the grading machine keeps things.
 */
public final class StudentText {

    /** A sentence, or a few: enough for any honest message. */
    public static final int MAX_CHARS = 2000;
    public static final int MAX_NOTES = 20;
    private static final Pattern UNIX_PATH = Pattern.compile("(?<![\\w.])(?:/[^/\\s:;,'\"()<>\\[\\]]+){2,}/?");
    private static final Pattern WINDOWS_PATH = Pattern.compile("\\b[A-Za-z]:\\\\(?:[^\\\\\\s:;,'\"()<>]+\\\\)*");

    private StudentText() {
    }

    public static String clean(String text) {
        if (text == null) {
            return null;
        }
        String shown = text.length() > 4 * MAX_CHARS ? text.substring(0, 4 * MAX_CHARS) : text;
        shown = UNIX_PATH.matcher(shown).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(lastName(m.group())));
        shown = WINDOWS_PATH.matcher(shown).replaceAll("");
        shown = shown.replaceAll("[\\p{Cntrl}&&[^\\n\\t]]", "");
        if (shown.length() > MAX_CHARS) {
            shown = shown.substring(0, MAX_CHARS) + tr("grading.studentText.cut", text.length());
        }
        return shown;
    }

    public static List<String> clean(List<String> notes) {
        return notes.stream().limit(MAX_NOTES).map(StudentText::clean).toList();
    }

    private static String lastName(String path) {
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }
}
