package org.dlgrader.intake;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.dlgrader.io.Csv;
import org.dlgrader.io.Folders;

/**
 * Takes emailed homework into {@code submissions/}: each {@code .zip} in the inbox, and each
 * {@code .eml} whose attachments are zips or model files, becomes {@code <id>-<name>/}. Who it is
 * comes from the attachment's name, else the subject, else the sender's name. When one student
 * sent several, the newest wins. Everything taken or refused is logged.
 */
public final class Intake {

    /** One line of the log: what happened to one file of the inbox. */
    public record Entry(String source, String outcome, String student, String detail) {
    }

    /** Model files a student may attach without zipping them. */
    private static final List<String> MODEL_EXTENSIONS = List.of(".pt", ".pth", ".h5", ".keras", ".params");

    private final Path into;
    private final int maxFiles;
    private final long maxBytes;
    private final List<Entry> log = new ArrayList<>();

    public Intake(Path into, int maxFiles, long maxBytes) {
        this.into = into;
        this.maxFiles = maxFiles;
        this.maxBytes = maxBytes;
    }

    /** A submission found in the inbox, before unpacking. */
    private record Candidate(String source, Identity identity, Instant sent, List<Attachment> attachments) {
    }

    private record Attachment(String name, byte[] bytes) {
    }

    public List<Entry> run(Path inbox) throws IOException {
        List<Candidate> candidates = new ArrayList<>();
        try (Stream<Path> files = Files.list(inbox)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                String lower = name.toLowerCase(Locale.ROOT);
                if (!Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    log.add(new Entry(name, "refused", "", "not a regular file"));
                } else if (Files.size(file) > maxBytes) {
                    log.add(new Entry(name, "refused", "", "larger than " + (maxBytes >> 20) + " MB"));
                } else if (lower.endsWith(".zip")) {
                    zipCandidate(file).ifPresent(candidates::add);
                } else if (lower.endsWith(".eml")) {
                    emailCandidate(file).ifPresent(candidates::add);
                } else if (!lower.endsWith(".csv") && !name.startsWith(".")) {
                    log.add(new Entry(name, "ignored", "", "neither a .zip nor an .eml"));
                }
            }
        }
        Map<String, Candidate> newest = new LinkedHashMap<>();
        for (Candidate candidate : candidates) {
            newest.merge(candidate.identity().studentId(), candidate, (a, b) -> b.sent().isAfter(a.sent()) ? b : a);
        }
        for (Candidate candidate : candidates) {
            Candidate winner = newest.get(candidate.identity().studentId());
            if (winner != candidate) {
                log.add(new Entry(candidate.source(), "superseded", candidate.identity().studentId(),
                        "a newer submission (" + winner.source() + ") was taken instead"));
            }
        }
        for (Candidate candidate : newest.values()) {
            take(candidate);
        }
        return log;
    }

    private Optional<Candidate> zipCandidate(Path file) throws IOException {
        String name = file.getFileName().toString();
        Optional<Identity> identity = Identity.parse(name);
        if (identity.isEmpty()) {
            log.add(new Entry(name, "refused", "", "no student number in the file name (expected e.g. 2024001-张三.zip)"));
            return Optional.empty();
        }
        return Optional.of(new Candidate(name, identity.get(), Files.getLastModifiedTime(file).toInstant(),
                List.of(new Attachment(name, Files.readAllBytes(file)))));
    }

    private Optional<Candidate> emailCandidate(Path file) throws IOException {
        String name = file.getFileName().toString();
        Properties properties = new Properties();
        properties.setProperty("mail.mime.decodefilename", "true");
        properties.setProperty("mail.mime.decodeparameters", "true");
        try (InputStream in = Files.newInputStream(file)) {
            MimeMessage message = new MimeMessage(Session.getInstance(properties), in);
            List<Attachment> attachments = new ArrayList<>();
            collect(message, attachments, 0);
            if (attachments.isEmpty()) {
                log.add(new Entry(name, "refused", "", "the email has no .zip or model file attached"));
                return Optional.empty();
            }
            Optional<Identity> identity = Optional.empty();
            for (Attachment attachment : attachments) {
                identity = identity.or(() -> Identity.parse(attachment.name()));
            }
            identity = identity.or(() -> Identity.parse(subject(message)));
            identity = identity.or(() -> Identity.parse(sender(message)));
            if (identity.isEmpty()) {
                log.add(new Entry(name, "refused", "", "no student number in the attachment names, subject or sender"));
                return Optional.empty();
            }
            Instant sent = message.getSentDate() != null ? message.getSentDate().toInstant()
                    : Files.getLastModifiedTime(file).toInstant();
            return Optional.of(new Candidate(name, identity.get(), sent, attachments));
        } catch (MessagingException e) {
            log.add(new Entry(name, "refused", "", "not a readable email: " + e.getMessage()));
            return Optional.empty();
        }
    }

    private void collect(Part part, List<Attachment> attachments, int depth) throws MessagingException, IOException {
        if (depth > 10) {
            return;
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                collect(body, attachments, depth + 1);
            }
            return;
        }
        String fileName = part.getFileName();
        if (fileName == null) {
            return;
        }
        fileName = MimeUtility.decodeText(fileName);
        String lower = fileName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".zip") || MODEL_EXTENSIONS.stream().anyMatch(lower::endsWith)) {
            try (InputStream in = part.getInputStream()) {
                byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
                if (bytes.length > maxBytes) {
                    log.add(new Entry(fileName, "refused", "", "attachment larger than " + (maxBytes >> 20) + " MB"));
                    return;
                }
                attachments.add(new Attachment(Path.of(fileName).getFileName().toString(), bytes));
            }
        }
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            return null;
        }
    }

    private static String sender(MimeMessage message) {
        try {
            return message.getFrom() != null && message.getFrom().length > 0 && message.getFrom()[0] instanceof InternetAddress a
                    ? a.getPersonal() : null;
        } catch (MessagingException e) {
            return null;
        }
    }

    /** Unpacks a candidate into a fresh folder, then swaps it in for any earlier one. */
    private void take(Candidate candidate) throws IOException {
        Identity who = candidate.identity();
        Files.createDirectories(into);
        Path staging = Files.createTempDirectory(into, ".intake-");
        try {
            int files = 0;
            for (Attachment attachment : candidate.attachments()) {
                if (attachment.name().toLowerCase(Locale.ROOT).endsWith(".zip")) {
                    Path zip = staging.resolve(".attachment.zip");
                    Files.write(zip, attachment.bytes());
                    Path unpacked = staging.resolve("unpacked-" + files);
                    files += SafeUnzip.unpack(zip, unpacked, maxFiles, maxBytes).size();
                    Files.delete(zip);
                    hoist(unpacked, staging);
                } else {
                    Files.write(staging.resolve(attachment.name()), attachment.bytes());
                    files++;
                }
            }
            Path target = into.resolve(who.folderName());
            for (Path old : existingFolders(who.studentId())) {
                Folders.delete(old);
            }
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            log.add(new Entry(candidate.source(), "taken", who.studentId(), files + " file(s) into " + target.getFileName()));
        } catch (SafeUnzip.Refused refused) {
            Folders.delete(staging);
            log.add(new Entry(candidate.source(), "refused", who.studentId(), refused.getMessage()));
        } catch (IOException | RuntimeException e) {
            Folders.delete(staging);
            log.add(new Entry(candidate.source(), "refused", who.studentId(), "could not be unpacked: " + e.getMessage()));
        }
    }

    /** Students often zip a folder: its files are moved up so the grader finds them at the top. */
    private static void hoist(Path unpacked, Path into) throws IOException {
        Path top = unpacked;
        while (true) {
            try (Stream<Path> children = Files.list(top)) {
                List<Path> list = children.toList();
                if (list.size() == 1 && Files.isDirectory(list.get(0))) {
                    top = list.get(0);
                    continue;
                }
            }
            break;
        }
        try (Stream<Path> children = Files.list(top)) {
            for (Path child : children.toList()) {
                Files.move(child, into.resolve(child.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Folders.delete(unpacked);
    }

    private List<Path> existingFolders(String studentId) throws IOException {
        try (Stream<Path> folders = Files.list(into)) {
            return folders.filter(Files::isDirectory)
                    .filter(f -> f.getFileName().toString().startsWith(studentId + "-"))
                    .sorted(Comparator.naturalOrder()).toList();
        }
    }

    /** The log as CSV ({@link Csv}, like the gradebook; file names and subjects come from students). */
    public static String csv(List<Entry> log) {
        StringBuilder out = new StringBuilder(Csv.BOM + "source,outcome,student_id,detail\r\n");
        for (Entry entry : log) {
            out.append(Csv.quoted(entry.source())).append(',').append(entry.outcome()).append(',')
                    .append(Csv.quoted(entry.student())).append(',').append(Csv.quoted(entry.detail())).append("\r\n");
        }
        return out.toString();
    }
}
