package org.dlgrader.intake;

import static org.dlgrader.i18n.Messages.tr;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.dlgrader.grading.Submission;

/**
 * The class list, {@code roster.csv}: a header row {@code id,name,email} (any order, other columns
 * ignored), then one student a row; UTF-8, with or without a BOM, quoted fields as Excel writes
 * them. The email column may hold several addresses separated by ';' (a school and a private
 * one). A roster that cannot be read whole is an error, not a shorter class: a missing row would
 * hold that student's homework, a misread one could let the wrong sender in.
 */
public final class Roster {

    /** One student of the class; addresses are lower case. */
    public record Student(String id, String name, List<String> emails) {
    }

    /** Why the roster cannot be used; the message names the file and the line. */
    public static final class Invalid extends IOException {
        Invalid(String message) {
            super(message);
        }
    }

    private final Path file;
    private final Map<String, Student> byId;
    private final Map<String, Student> byEmail;

    private Roster(Path file, Map<String, Student> byId, Map<String, Student> byEmail) {
        this.file = file;
        this.byId = byId;
        this.byEmail = byEmail;
    }

    public static Roster load(Path file) throws IOException {
        List<org.dlgrader.io.Csv.Row> rows;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            rows = org.dlgrader.io.Csv.rows(reader);
        } catch (CharacterCodingException e) {
            throw new Invalid(tr("intake.roster.notUtf8", file));
        }
        if (rows.isEmpty()) {
            throw new Invalid(tr("intake.roster.empty", file));
        }
        List<String> header = rows.get(0).cells().stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
        int id = header.indexOf("id");
        int name = header.indexOf("name");
        int email = header.indexOf("email");
        if (id < 0 || name < 0 || email < 0) {
            throw new Invalid(tr("intake.roster.header", file, String.join(",", rows.get(0).cells())));
        }
        Map<String, Student> byId = new HashMap<>();
        Map<String, Student> byEmail = new HashMap<>();
        for (int r = 1; r < rows.size(); r++) {
            List<String> row = rows.get(r).cells();
            String where = tr("intake.roster.line", file, rows.get(r).line());
            String studentId = cell(row, id);
            Optional<String> wrong = Submission.idProblem(studentId);
            if (wrong.isPresent()) {
                throw new Invalid(tr("intake.roster.badId", where, AttachmentName.forLog(studentId), wrong.get()));
            }
            List<String> emails = Arrays.stream(cell(row, email).split("[;,\\s]+"))
                    .filter(e -> !e.isEmpty()).map(e -> e.toLowerCase(Locale.ROOT)).toList();
            Student student = new Student(studentId, cell(row, name), emails);
            if (byId.putIfAbsent(studentId, student) != null) {
                throw new Invalid(tr("intake.roster.duplicateId", where, studentId));
            }
            for (String address : emails) {
                Student other = byEmail.putIfAbsent(address, student);
                if (other != null) {
                    throw new Invalid(tr("intake.roster.duplicateEmail", where, address, studentId, other.id()));
                }
            }
        }
        return new Roster(file, byId, byEmail);
    }

    public Path file() {
        return file;
    }

    public int size() {
        return byId.size();
    }

    public Optional<Student> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    Optional<Student> byEmail(String address) {
        return Optional.ofNullable(byEmail.get(address.toLowerCase(Locale.ROOT)));
    }

    private static String cell(List<String> row, int column) {
        return column < row.size() ? row.get(column).strip() : "";
    }
}
