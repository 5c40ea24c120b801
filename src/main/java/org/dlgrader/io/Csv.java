package org.dlgrader.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

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

    /** A row of the file and the line it starts on, as a spreadsheet numbers it. */
    public record Row(int line, List<String> cells) {
    }

    /** RFC 4180 rows (quoted fields may hold commas, quotes and line breaks); blank lines are skipped. */
    public static List<Row> rows(BufferedReader reader) throws IOException {
        List<Row> rows = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int line = 1;
        int rowLine = 1;
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
        for (int c; (c = reader.read()) >= 0; ) {
            if (c == '\n') {
                line++;
            }
            if (quoted) {
                if (c != '"') {
                    field.append((char) c);
                } else {
                    reader.mark(1);
                    if (reader.read() == '"') {
                        field.append('"');
                    } else {
                        reader.reset();
                        quoted = false;
                    }
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                endRow(rows, rowLine, cells, field);
                cells = new ArrayList<>();
                rowLine = c == '\n' ? line : line + 1;
            } else {
                field.append((char) c);
            }
        }
        endRow(rows, rowLine, cells, field);
        return rows;
    }

    private static void endRow(List<Row> rows, int line, List<String> cells, StringBuilder field) {
        cells.add(field.toString());
        field.setLength(0);
        if (cells.size() > 1 || !cells.get(0).isBlank()) {
            rows.add(new Row(line, cells));
        }
    }
}
