package org.dlgrader.grading;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the students under {@code submissions/}. A folder is {@code <student-id>-<name>}: the id
 * is the leading run of letters and digits up to the first '-' or '_', the name is the rest
 * (Chinese and spaces allowed). {@code submission.properties} (id, name, email; UTF-8) overrides it.
 */
public final class Submissions {

    private static final Pattern FOLDER = Pattern.compile("([A-Za-z0-9]+)[-_ ]+(.+)");

    /**
     * Students found, problems to report (duplicate ids) that are not any one student's fault, and
     * whether the folder was one student's own (a self-check, which must not replace the class gradebook).
     */
    public record Found(List<Submission> students, List<String> problems, boolean oneStudent) {
    }

    private Submissions() {
    }

    /** {@code root} is a folder of student folders, or one student's folder (the self-check). */
    public static Found discover(Path root) throws IOException {
        List<Path> folders = new ArrayList<>();
        boolean oneStudent = looksLikeStudentFolder(root);
        if (oneStudent) {
            folders.add(root);
        } else if (Files.isDirectory(root)) {
            try (Stream<Path> children = Files.list(root)) {
                children.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith("."))
                        .sorted(Comparator.comparing(Path::toString)).forEach(folders::add);
            }
        }
        List<Submission> students = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<String, Submission> byId = new LinkedHashMap<>();
        for (Path folder : folders) {
            if (folder.getFileName().toString().indexOf('\uFFFD') >= 0) {
                // Java decodes bytes that are not UTF-8 to U+FFFD, and such a path cannot be opened again.
                problems.add("the folder " + folder.getFileName() + " has a name that is not UTF-8 (old zip tools write "
                        + "names in a local code page); it was not graded: rename it, e.g. to <student-id>-<name>");
                continue;
            }
            Submission submission = describe(folder);
            Submission earlier = byId.putIfAbsent(submission.studentId(), submission);
            if (earlier != null) {
                problems.add("student id " + submission.studentId() + " has two folders, " + earlier.folder().getFileName()
                        + " and " + folder.getFileName() + "; the second was not graded: merge them or fix the id");
                continue;
            }
            students.add(submission);
        }
        return new Found(students, problems, oneStudent);
    }

    /** A student's own folder holds files (models, properties); a class folder holds only folders. */
    static boolean looksLikeStudentFolder(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (Stream<Path> children = Files.list(folder)) {
            return children.anyMatch(p -> Files.isRegularFile(p) && !p.getFileName().toString().startsWith(".")
                    && !p.getFileName().toString().equalsIgnoreCase("README.md"));
        }
    }

    static Submission describe(Path folder) throws IOException {
        String folderName = folder.getFileName().toString();
        Matcher matcher = FOLDER.matcher(folderName);
        String id = matcher.matches() ? matcher.group(1) : folderName;
        String name = matcher.matches() ? matcher.group(2).trim() : folderName;
        String email = "";
        Path properties = folder.resolve("submission.properties");
        if (Files.isRegularFile(properties)) {
            Properties values = new Properties();
            try (Reader reader = Files.newBufferedReader(properties, StandardCharsets.UTF_8)) {
                values.load(reader);
            }
            id = values.getProperty("id", id).trim();
            name = values.getProperty("name", name).trim();
            email = values.getProperty("email", "").trim();
        }
        return new Submission(id, name, email, folder);
    }
}
