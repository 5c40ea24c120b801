package org.dlgrader.io;

/**
 * CSV cells for files teachers open in a spreadsheet (the gradebook, the intake log), UTF-8 with
 * a byte-order mark so that Excel shows Chinese names. Their text comes from students (names,
 * file names, email subjects), so a leading =, +, - or @ is prefixed: a spreadsheet must never run
 * it as a formula.
 */
public final class Csv {

    /** What Excel needs at the start of the file to read UTF-8. */
    public static final String BOM = "\uFEFF";

    private Csv() {
    }

    /** RFC 4180 quoting where needed. */
    public static String cell(String value) {
        String safe = defused(value);
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return quote(safe);
        }
        return safe;
    }

    /** Always quoted. */
    public static String quoted(String value) {
        return quote(defused(value));
    }

    private static String defused(String value) {
        return !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }

    private static String quote(String value) {
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
