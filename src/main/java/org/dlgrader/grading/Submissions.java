package org.dlgrader.grading;

import static org.dlgrader.i18n.Messages.tr;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the students under {@code submissions/}. A folder is {@code <student-id>-<name>}: the id
 * is the leading run of letters and digits up to the first '-', '_' or space, the name is the rest
 * (Chinese and spaces allowed).
 *
 * <p>{@code submission.properties} (id, name, email; UTF-8) may set the name and email. It sets the
 * id only for a folder whose name carries none, that is whose leading run has no digit (such as
 * {@code homework-final}): otherwise any student could take another's number by writing it there,
 * and the real student would be dropped as a duplicate.
 *
 * <p>A folder that cannot be graded safely is reported in {@link Found#problems()} and skipped
 * alone, so that the rest of the class is still graded: a symbolic link (it would grade the
 * target's files under another name), an id that cannot name the student's folder in reports/
 * ({@link Submission#idProblem}), a second folder of one id, a name that is not UTF-8.
 */
public final class Submissions {

    private static final Pattern FOLDER = Pattern.compile("([A-Za-z0-9]+)[-_ ]+(.+)");
    private static final String PROPERTIES = "submission.properties";
    /** A few lines are all it needs; a larger one is not a student's properties file. */
    private static final long MAX_PROPERTIES_BYTES = 64 << 10;

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
        List<String> problems = new ArrayList<>();
        List<Path> folders = new ArrayList<>();
        boolean oneStudent = looksLikeStudentFolder(root);
        if (oneStudent && Files.isSymbolicLink(root)) {
            problems.add(linkProblem(root, tr("grading.submissions.linkedSelfCheck")));
            return new Found(List.of(), problems, true);
        } else if (oneStudent) {
            folders.add(root);
        } else if (Files.isDirectory(root)) {
            folders.addAll(studentFolders(root, problems));
        }
        List<Submission> students = new ArrayList<>();
        // Windows and macOS fold case: s123 and S123 would share one folder of reports.
        Map<String, Submission> byId = new HashMap<>();
        for (Path folder : folders) {
            if (folder.getFileName().toString().indexOf('\uFFFD') >= 0) {
                // Java decodes bytes that are not UTF-8 to U+FFFD, and such a path cannot be opened again.
                problems.add(tr("grading.submissions.notUtf8", folder.getFileName()));
                continue;
            }
            Optional<Submission> described = describe(folder, problems);
            if (described.isEmpty()) {
                continue;
            }
            Submission submission = described.get();
            Submission earlier = byId.putIfAbsent(submission.studentId().toLowerCase(Locale.ROOT), submission);
            if (earlier != null) {
                problems.add(tr("grading.submissions.twoFolders", submission.studentId(), earlier.folder().getFileName(),
                        folder.getFileName()));
                continue;
            }
            students.add(submission);
        }
        return new Found(students, problems, oneStudent);
    }

    /** The real folders under {@code root}; links among them are reported, hidden ones (.cache, staging) skipped. */
    private static List<Path> studentFolders(Path root, List<String> problems) throws IOException {
        List<Path> folders = new ArrayList<>();
        try (Stream<Path> children = Files.list(root)) {
            for (Path child : children.sorted(Comparator.comparing(Path::toString)).toList()) {
                if (child.getFileName().toString().startsWith(".")) {
                    continue;
                }
                if (Files.isSymbolicLink(child)) {
                    problems.add(linkProblem(child, tr("grading.submissions.linkedStudent", root.getFileName())));
                } else if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                    folders.add(child);
                }
            }
        }
        return folders;
    }

    private static String linkProblem(Path link, String consequence) {
        String target;
        try {
            target = tr("grading.submissions.linkTarget", Files.readSymbolicLink(link));
        } catch (IOException | UnsupportedOperationException e) {
            target = "";
        }
        return tr("grading.submissions.link", link.getFileName(), target, consequence);
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

    /** The student in {@code folder}, or empty (and a problem said) when it cannot be graded. */
    static Optional<Submission> describe(Path folder, List<String> problems) throws IOException {
        // A self-check may be given "." or "x/..": the folder's name is that of the real path.
        Path real = folder.toAbsolutePath().normalize();
        String folderName = real.getFileName() == null ? "" : real.getFileName().toString();
        Matcher matcher = FOLDER.matcher(folderName);
        String folderId = matcher.matches() ? matcher.group(1) : folderName;
        String name = matcher.matches() ? matcher.group(2).trim() : folderName;
        Properties values = properties(folder, folderName, problems);
        String id = folderId;
        boolean idFromProperties = false;
        String claimed = values.getProperty("id", "").trim();
        if (!claimed.isEmpty() && !claimed.equals(folderId)) {
            if (carriesId(folderId)) {
                problems.add(tr("grading.submissions.otherId", folderName, shown(folderId), PROPERTIES, shown(claimed)));
            } else {
                id = claimed;
                idFromProperties = true;
            }
        }
        name = values.getProperty("name", name).trim();
        String email = values.getProperty("email", "").trim();
        Optional<String> wrong = Submission.idProblem(id);
        if (wrong.isPresent()) {
            problems.add(idFromProperties
                    ? tr("grading.submissions.badIdFromProperties", folderName, PROPERTIES, shown(id), wrong.get())
                    : tr("grading.submissions.badIdFromName", folderName, shown(id), wrong.get()));
            return Optional.empty();
        }
        return Optional.of(new Submission(id, name, email, folder));
    }

    /** A folder name's leading run is a student id when it has a digit (2024001, s12345), not a word (homework). */
    private static boolean carriesId(String folderId) {
        return folderId.chars().anyMatch(c -> c >= '0' && c <= '9');
    }

    /** One value of the student's {@code submission.properties}, read as safely as the id is; null when absent or unreadable. */
    static String property(Path folder, String key) {
        try {
            return properties(folder, String.valueOf(folder.getFileName()), new ArrayList<>()).getProperty(key);
        } catch (IOException e) {
            return null;
        }
    }

    /** What a student wrote in {@code submission.properties}, or nothing (and a problem) when it cannot be read safely. */
    private static Properties properties(Path folder, String folderName, List<String> problems) throws IOException {
        Path file = folder.resolve(PROPERTIES);
        Properties values = new Properties();
        if (Files.isSymbolicLink(file)) {
            problems.add(tr("grading.submissions.propertiesLink", folderName, PROPERTIES));
            return values;
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return values;
        }
        if (Files.size(file) > MAX_PROPERTIES_BYTES) {
            problems.add(tr("grading.submissions.propertiesTooLarge", folderName, PROPERTIES, Files.size(file),
                    MAX_PROPERTIES_BYTES >> 10));
            return values;
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            values.load(reader);
            return values;
        } catch (IOException | IllegalArgumentException e) {
            String why = e instanceof java.nio.charset.CharacterCodingException ? tr("grading.submissions.notUtf8Why") : e.getMessage();
            problems.add(tr("grading.submissions.propertiesUnreadable", folderName, PROPERTIES, why));
            return new Properties();
        }
    }

    /** An id as a problem sentence quotes it: short, and with nothing invisible. */
    private static String shown(String id) {
        String visible = id.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return visible.length() <= 24 ? visible : visible.substring(0, 20) + tr("grading.submissions.shownCut", id.length());
    }
}
