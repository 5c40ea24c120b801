package org.dlgrader.intake;

import static org.dlgrader.i18n.Messages.tr;

import jakarta.mail.MessagingException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.dlgrader.grading.SubmissionTime;
import org.dlgrader.io.Csv;
import org.dlgrader.io.Folders;

/**
 * Takes emailed homework into {@code submissions/}: each {@code .zip} in the inbox, and each
 * {@code .eml} whose attachments are zips or model files, becomes {@code <id>-<name>/}. Who it is
 * comes from the attachment's name, else the subject, else the sender's name. When one student
 * sent several, the one received last wins ({@link ReceivedTime}: never the sender's Date header).
 * Everything taken, superseded, held or refused is logged.
 *
 * <p>With a {@link Roster}, the roster decides who a submission is ({@link RosterCheck}): an email
 * is taken only from the roster's address for the student number it claims, and a zip put in the
 * inbox, which has no sender, only when its name gives both the number and the roster's name for it.
 * Anything else is {@code held}: not taken, and the log says why and that the teacher must check it.
 * Without a roster, names are taken as written, as before.
 *
 * <p>Nothing a student sent is held in memory: attachments stream into a {@link Spool} within a
 * {@link Budget} per email ({@code --max-files}, {@code --max-mb}), and zips are unpacked from disk.
 * One bad email or attachment is refused alone; the intake goes on with the rest.
 */
public final class Intake {

    /**
     * One line of the log: what happened to one file of the inbox. The outcome is a word scripts read
     * (taken, superseded, held, refused, ignored) and stays English; the detail is the teacher's, in
     * the run's language.
     */
    public record Entry(String source, String outcome, String student, String detail, SubmissionTime submitted) {

        /** An entry with no hand-in time: everything but what was taken. */
        public Entry(String source, String outcome, String student, String detail) {
            this(source, outcome, student, detail, null);
        }
    }

    /** Model files a student may attach without zipping them. */
    private static final List<String> MODEL_EXTENSIONS = List.of(".pt", ".pth", ".h5", ".keras", ".params");
    /**
     * What a student attaches beside the models and the student page lists: screenshots, notebooks,
     * scripts. Kept only with a model file or a zip in the same email: an email of screenshots
     * alone, sent after the models, would otherwise replace the models as the newest submission.
     */
    private static final List<String> SHOWN_EXTENSIONS = List.of(".png", ".jpg", ".jpeg", ".ipynb", ".py");

    private final Path into;
    private final int maxFiles;
    private final long maxBytes;
    private final Optional<RosterCheck> roster;
    private final List<Entry> log = new ArrayList<>();
    private final Map<String, Set<String>> senders = new LinkedHashMap<>();

    /** An intake without a roster: names are taken as the students wrote them. */
    public Intake(Path into, int maxFiles, long maxBytes) {
        this(into, maxFiles, maxBytes, null);
    }

    /** An intake that takes only what {@code roster} (when not null) confirms. */
    public Intake(Path into, int maxFiles, long maxBytes, Roster roster) {
        this.into = into;
        this.maxFiles = maxFiles;
        this.maxBytes = maxBytes;
        this.roster = Optional.ofNullable(roster).map(RosterCheck::new);
    }

    /** A submission found in the inbox, before unpacking: its files lie in the inbox or the spool. */
    /** {@code sender}: the address an email came from, empty for a zip put in the inbox. */
    private record Candidate(String source, Identity identity, ReceivedTime received, SubmissionTime submitted,
            List<Attached> files, String sender) {
    }

    /** One file of a submission: the name the student gave it, and where it lies now. */
    private record Attached(String name, Path file) {
    }

    /**
     * Messages read from a mailbox (an mbox file, an IMAP folder), handed over one at a time as a
     * {@code .eml} file that need live only for the call: what is kept of it is spooled.
     */
    public interface Mailbox {
        void deliver(Letters letters) throws IOException;
    }

    /**
     * Where a {@link Mailbox} hands its messages: {@code source} names the message in the log;
     * {@code serverReceived} is when the mailbox's server stored it (IMAP's INTERNALDATE), null when
     * the mailbox cannot say (an mbox file, whose separator lines any program writes).
     */
    public interface Letters {
        void accept(String source, Path eml, Instant serverReceived) throws IOException;
    }

    /** Finds the candidates of one run, as files of an inbox or messages of a mailbox. */
    private interface Finder {
        void find(Spool spool, List<Candidate> candidates) throws IOException;
    }

    public List<Entry> run(Path inbox) throws IOException {
        return decide((spool, candidates) -> {
            try (Stream<Path> files = Files.list(inbox)) {
                for (Path file : files.sorted().toList()) {
                    consider(file, spool).ifPresent(candidates::add);
                }
            }
        });
    }

    /** Each message of the mailbox through the same path as an {@code .eml} file of an inbox. */
    public List<Entry> run(Mailbox mailbox) throws IOException {
        return decide((spool, candidates) -> mailbox.deliver(
                (source, eml, server) -> email(eml, AttachmentName.forLog(source), server, spool).ifPresent(candidates::add)));
    }

    private List<Entry> decide(Finder finder) throws IOException {
        try (Spool spool = Spool.beside(into)) {
            List<Candidate> candidates = new ArrayList<>();
            finder.find(spool, candidates);
            Map<String, Candidate> newest = new LinkedHashMap<>();
            for (Candidate candidate : candidates) {
                newest.merge(candidate.identity().studentId(), candidate,
                        (a, b) -> b.received().instant().isAfter(a.received().instant()) ? b : a);
            }
            for (Candidate candidate : candidates) {
                Candidate winner = newest.get(candidate.identity().studentId());
                if (winner != candidate) {
                    for (Attached file : candidate.files()) {
                        spool.release(file.file());
                    }
                    log.add(new Entry(candidate.source(), "superseded", candidate.identity().studentId(),
                            tr("intake.superseded", winner.source(), winner.received(), candidate.received())));
                    heard(candidate);
                }
            }
            for (Candidate candidate : newest.values()) {
                take(candidate);
            }
        }
        return log;
    }

    private Optional<Candidate> consider(Path file, Spool spool) throws IOException {
        String name = AttachmentName.forLog(file.getFileName().toString());
        String lower = name.toLowerCase(Locale.ROOT);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            log.add(new Entry(name, "refused", "", tr("intake.refused.notRegularFile")));
        } else if (lower.endsWith(".zip") && Files.size(file) > maxBytes) {
            log.add(new Entry(name, "refused", "", tr("intake.refused.zipTooLarge", maxBytes >> 20)));
        } else if (lower.endsWith(".zip")) {
            return zipCandidate(file, name);
        } else if (lower.endsWith(".eml")) {
            return email(file, name, null, spool);
        } else if (!lower.endsWith(".csv") && !name.startsWith(".")) {
            log.add(new Entry(name, "ignored", "", tr("intake.ignored.notZipOrEml")));
        }
        return Optional.empty();
    }

    private Optional<Candidate> email(Path file, String name, Instant serverReceived, Spool spool) throws IOException {
        if (Files.size(file) > emailLimit()) {
            log.add(new Entry(name, "refused", "", tr("intake.refused.emailTooLarge", emailLimit() >> 20, maxBytes >> 20)));
            return Optional.empty();
        }
        return emailCandidate(file, name, serverReceived, spool);
    }

    /**
     * The largest email read. Mail encodes attachments in base64, a third larger: twice the limit
     * leaves room for that and the text. A mailbox may stop copying a message one byte past it.
     */
    public long emailLimit() {
        return 2 * maxBytes;
    }

    /** A zip put in the inbox: unpacked later straight from where it lies. */
    private Optional<Candidate> zipCandidate(Path file, String name) throws IOException {
        Optional<Identity> identity = Identity.parse(file.getFileName().toString());
        if (identity.isEmpty()) {
            log.add(new Entry(name, "refused", "", tr("intake.refused.noNumberInFileName")));
            return Optional.empty();
        }
        Identity who = identity.get();
        if (roster.isPresent()) {
            RosterCheck.Verdict verdict = roster.get().zip(who, name);
            if (verdict.held()) {
                log.add(new Entry(name, "held", who.studentId(), verdict.heldBecause()));
                return Optional.empty();
            }
            who = verdict.identity();
        }
        ReceivedTime received = ReceivedTime.ofFile(file);
        return Optional.of(new Candidate(name, who, received, received.submissionTime(null), List.of(new Attached(name, file)), ""));
    }

    private Optional<Candidate> emailCandidate(Path file, String name, Instant serverReceived, Spool spool) throws IOException {
        try {
            MimeShape.check(file, name, maxFiles);
        } catch (Refused refused) {
            log.add(new Entry(name, "refused", "", refused.getMessage()));
            return Optional.empty();
        }
        try (EmailFile email = EmailFile.open(file)) {
            List<EmailFile.Attachment> homework = homework(email, name);
            if (homework.stream().noneMatch(a -> modelOrZip(a.name()))) {
                log.add(new Entry(name, "refused", "", homework.isEmpty()
                        ? tr("intake.refused.noHomeworkAttached") : tr("intake.refused.onlyShownFiles")));
                return Optional.empty();
            }
            Optional<Identity> claimed = Optional.empty();
            for (EmailFile.Attachment attachment : homework) {
                claimed = claimed.or(() -> Identity.parse(attachment.name()));
            }
            claimed = claimed.or(() -> Identity.parse(email.subject())).or(() -> Identity.parse(email.senderName()));
            if (claimed.isEmpty() && roster.isPresent()) {
                claimed = roster.get().bySender(email.senderAddress());
            }
            if (claimed.isEmpty()) {
                log.add(new Entry(name, "refused", "", roster.isPresent()
                        ? tr("intake.refused.noNumberNorRosterAddress") : tr("intake.refused.noNumber")));
                return Optional.empty();
            }
            Identity who = claimed.get();
            if (roster.isPresent()) {
                RosterCheck.Verdict verdict = roster.get().email(who, email.senderAddress(), email.fromHeader());
                if (verdict.held()) {
                    log.add(new Entry(name, "held", who.studentId(), verdict.heldBecause()));
                    return Optional.empty();
                }
                who = verdict.identity();
            }
            List<Attached> files = spool(name, homework, spool);
            ReceivedTime received = ReceivedTime.of(email.message(), file, serverReceived);
            return Optional.of(new Candidate(name, who, received, received.submissionTime(email.message()), files,
                    email.senderAddress().orElse("")));
        } catch (Refused refused) {
            log.add(new Entry(name, "refused", "", refused.getMessage()));
            return Optional.empty();
        } catch (MessagingException | IOException | RuntimeException e) {
            log.add(new Entry(name, "refused", "", tr("intake.refused.unreadableEmail", AttachmentName.forLog(String.valueOf(e.getMessage())))));
            return Optional.empty();
        }
    }

    private static boolean modelOrZip(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".zip") || MODEL_EXTENSIONS.stream().anyMatch(lower::endsWith);
    }

    /**
     * The attachments that are homework (zips, model files, and the screenshots, notebooks and
     * scripts the page shows) and whose names can be file names; the others are logged.
     */
    private List<EmailFile.Attachment> homework(EmailFile email, String source) throws MessagingException, IOException {
        List<EmailFile.Attachment> homework = new ArrayList<>();
        for (EmailFile.Attachment attachment : email.attachments()) {
            String lower = attachment.name().toLowerCase(Locale.ROOT);
            if (!modelOrZip(attachment.name()) && SHOWN_EXTENSIONS.stream().noneMatch(lower::endsWith)) {
                continue;
            }
            Optional<String> problem = AttachmentName.problem(attachment.name());
            if (problem.isPresent()) {
                log.add(new Entry(source, "refused", "", tr("intake.refused.attachmentName", AttachmentName.forLog(attachment.name()),
                        problem.get())));
                continue;
            }
            homework.add(attachment);
        }
        return homework;
    }

    /** Streams an email's homework into the spool; on a refusal nothing of the email is kept. */
    private List<Attached> spool(String source, List<EmailFile.Attachment> homework, Spool spool)
            throws MessagingException, IOException, Refused {
        Budget budget = new Budget(maxFiles, maxBytes);
        List<Attached> files = new ArrayList<>();
        try {
            for (EmailFile.Attachment attachment : homework) {
                try (InputStream in = attachment.part().getInputStream()) {
                    files.add(new Attached(attachment.name(), spool.write(source, in, budget)));
                }
            }
            return files;
        } catch (Refused | MessagingException | IOException | RuntimeException e) {
            for (Attached written : files) {
                Files.deleteIfExists(written.file());
            }
            throw e;
        }
    }

    /** Unpacks a candidate into a fresh folder, then swaps it in for any earlier one. */
    private void take(Candidate candidate) throws IOException {
        Identity who = candidate.identity();
        Files.createDirectories(into);
        Path staging = Files.createTempDirectory(into, ".intake-");
        try {
            Budget budget = new Budget(maxFiles, maxBytes);
            int files = 0;
            for (Attached attached : candidate.files()) {
                if (attached.name().toLowerCase(Locale.ROOT).endsWith(".zip")) {
                    Path unpacked = staging.resolve("unpacked-" + files);
                    files += SafeUnzip.unpack(attached.file(), attached.name(), unpacked, budget).size();
                    hoist(unpacked, staging);
                } else {
                    if (!budget.file()) {
                        throw new Refused(tr("intake.refused.tooManyFiles", attached.name(), maxFiles));
                    }
                    if (!budget.bytes(Files.size(attached.file()))) {
                        throw new Refused(tr("intake.refused.tooManyBytes", attached.name(), budget.megabytes(), maxBytes >> 20));
                    }
                    Files.move(attached.file(), staging.resolve(attached.name()), StandardCopyOption.REPLACE_EXISTING);
                    files++;
                }
            }
            Path target = into.resolve(who.folderName());
            for (Path old : existingFolders(who.studentId())) {
                Folders.delete(old);
            }
            // Written last, over any file of that name a student's zip held: the grading run reads it back.
            candidate.submitted().writeTo(staging);
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            log.add(new Entry(candidate.source(), "taken", who.studentId(), tr("intake.taken", files, target.getFileName()),
                    candidate.submitted()));
            heard(candidate);
        } catch (Refused refused) {
            Folders.delete(staging);
            log.add(new Entry(candidate.source(), "refused", who.studentId(), refused.getMessage()));
        } catch (IOException | RuntimeException e) {
            Folders.delete(staging);
            log.add(new Entry(candidate.source(), "refused", who.studentId(), tr("intake.refused.notUnpacked", e.getMessage())));
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
            return folders.filter(f -> Files.isDirectory(f, LinkOption.NOFOLLOW_LINKS))
                    .filter(f -> f.getFileName().toString().startsWith(studentId + "-"))
                    .sorted(Comparator.naturalOrder()).toList();
        }
    }

    /** A superseded email's address counts too: it claimed the same student number. */
    private void heard(Candidate candidate) {
        if (!candidate.sender().isEmpty()) {
            senders.computeIfAbsent(candidate.identity().studentId(), id -> new LinkedHashSet<>()).add(candidate.sender());
        }
    }

    /**
     * Student id to every address an email taken or superseded for them in this run came from (a zip
     * put in the inbox has none): where {@code mail-reports} sends their report when the roster has no
     * address, and only when there is just one.
     */
    public Map<String, List<String>> senders() {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        senders.forEach((id, addresses) -> copy.put(id, List.copyOf(addresses)));
        return copy;
    }

    /** The log as CSV ({@link Csv}, like the gradebook; file names and subjects come from students). */
    public static String csv(List<Entry> log) {
        StringBuilder out = new StringBuilder(Csv.BOM + "source,outcome,student_id,detail,submitted_at,time_source\r\n");
        for (Entry entry : log) {
            out.append(Csv.quoted(entry.source())).append(',').append(entry.outcome()).append(',')
                    .append(Csv.quoted(entry.student())).append(',').append(Csv.quoted(entry.detail()));
            // The time the grading run shows and judges lateness by, and whose clock it is (received, date, file).
            out.append(',').append(entry.submitted() == null ? "" : entry.submitted().instant().toString())
                    .append(',').append(entry.submitted() == null ? "" : entry.submitted().source().word()).append("\r\n");
        }
        return out.toString();
    }
}
