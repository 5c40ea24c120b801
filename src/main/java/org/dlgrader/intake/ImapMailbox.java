package org.dlgrader.intake;

import static org.dlgrader.i18n.Messages.tr;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.FetchProfile;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.ComparisonTerm;
import jakarta.mail.search.ReceivedDateTerm;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import javax.net.ssl.SSLSocketFactory;
import org.dlgrader.io.Folders;

/**
 * A folder of an IMAP mailbox, read without changing it (opened read-only, so no message is marked
 * read). Each message not in the {@link TakenMail} record is copied to a file of its own while the
 * intake looks at it, at most the intake's limit and a byte, and given the server's received date
 * (INTERNALDATE) as its time: the fallback when the message has no readable {@code Received:} stamp,
 * ahead of the {@code Date:} header the sender writes.
 */
public final class ImapMailbox implements Intake.Mailbox, AutoCloseable {

    /** A mailbox that cannot be read: the message says which server and what the teacher can do. */
    public static final class Unreachable extends IOException {
        Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final ImapAddress address;
    private final Store store;
    private final Folder folder;
    private final LocalDate since;
    private final TakenMail taken;
    private final long limit;
    private final List<TakenMail.Key> delivered = new ArrayList<>();
    private int skipped;
    private int found;

    private ImapMailbox(ImapAddress address, Store store, Folder folder, LocalDate since, TakenMail taken, long limit) {
        this.address = address;
        this.store = store;
        this.folder = folder;
        this.since = since;
        this.taken = taken;
        this.limit = limit;
    }

    /**
     * Logs in and opens the folder, or says why not. {@code since} (may be null) is the server's
     * SEARCH SINCE; {@code trust} (may be null) makes the TLS connection trust a certificate Java's
     * authorities did not sign ({@link TrustedCertificate}).
     */
    public static ImapMailbox open(ImapAddress address, char[] password, LocalDate since, TakenMail taken, long limit, int timeoutMillis,
            SSLSocketFactory trust) throws Unreachable {
        String protocol = address.tls() ? "imaps" : "imap";
        Properties properties = MailSessionSettings.of(protocol, timeoutMillis, address.tls(), trust);
        // Reading a message must not mark it read in the teacher's mailbox.
        properties.setProperty("mail." + protocol + ".peek", "true");
        Store store = null;
        try {
            store = Session.getInstance(properties).getStore(protocol);
            store.connect(address.host(), address.port(), address.user(), new String(password));
        } catch (AuthenticationFailedException e) {
            closeQuietly(store);
            throw new Unreachable(tr("intake.imap.loginFailed", address.server(), address.user(), MailErrors.reason(e)), e);
        } catch (MessagingException e) {
            closeQuietly(store);
            throw new Unreachable(MailErrors.certificate(e, address.host(), address.server())
                    .orElseGet(() -> tr("intake.imap.unreachable", address.server(), MailErrors.reason(e))), e);
        }
        try {
            Folder folder = store.getFolder(address.folder());
            if (!folder.exists()) {
                throw new Unreachable(tr("intake.imap.noFolder", address.folder(), address.server()), null);
            }
            folder.open(Folder.READ_ONLY);
            return new ImapMailbox(address, store, folder, since, taken, limit);
        } catch (MessagingException e) {
            closeQuietly(store);
            throw new Unreachable(tr("intake.imap.unreachable", address.server(), MailErrors.reason(e)), e);
        } catch (Unreachable e) {
            closeQuietly(store);
            throw e;
        }
    }

    @Override
    public void deliver(Intake.Letters letters) throws IOException {
        Path temp = Files.createTempDirectory("dl-grader-imap-");
        try {
            long validity = ((UIDFolder) folder).getUIDValidity();
            Message[] messages = since == null ? folder.getMessages()
                    : folder.search(new ReceivedDateTerm(ComparisonTerm.GE, Date.from(since.atStartOfDay(ZoneId.systemDefault()).toInstant())));
            FetchProfile profile = new FetchProfile();
            profile.add(FetchProfile.Item.ENVELOPE);
            profile.add(UIDFolder.FetchProfileItem.UID);
            folder.fetch(messages, profile);
            found = messages.length;
            for (Message message : messages) {
                String messageId = ((MimeMessage) message).getMessageID();
                TakenMail.Key key = new TakenMail.Key(address.account(), validity, ((UIDFolder) folder).getUID(message),
                        messageId == null ? "" : messageId);
                if (taken.contains(key)) {
                    skipped++;
                    continue;
                }
                Path eml = temp.resolve(key.uid() + ".eml");
                try (OutputStream out = new AtMost(Files.newOutputStream(eml), limit + 1)) {
                    message.writeTo(out);
                } catch (AtMost.Full over) {
                    // Enough to be refused by its size: the rest is not downloaded.
                }
                Date received = message.getReceivedDate();
                if (received != null) {
                    Files.setLastModifiedTime(eml, FileTime.from(received.toInstant()));
                }
                letters.accept(source(key), eml, received == null ? null : received.toInstant());
                Files.deleteIfExists(eml);
                delivered.add(key);
            }
        } catch (MessagingException e) {
            throw new Unreachable(tr("intake.imap.unreachable", address.server(), MailErrors.reason(e)), e);
        } finally {
            Folders.delete(temp);
        }
    }

    /** The messages handed to the intake in this run, for the record once the intake is done. */
    public List<TakenMail.Key> delivered() {
        return List.copyOf(delivered);
    }

    /** How many messages the search found, and how many of them an earlier run took. */
    public String summary() {
        return tr("intake.imap.summary", address.server(), address.folder(), found, skipped, delivered.size());
    }

    @Override
    public void close() {
        try {
            if (folder.isOpen()) {
                folder.close(false);
            }
        } catch (MessagingException ignored) {
            // Closing a read-only folder changes nothing on the server.
        }
        closeQuietly(store);
    }

    private static void closeQuietly(Store store) {
        try {
            if (store != null) {
                store.close();
            }
        } catch (MessagingException ignored) {
            // A store that cannot be closed is gone already.
        }
    }

    /** Stops a download one byte past the limit. */
    private static final class AtMost extends FilterOutputStream {
        static final class Full extends IOException {
        }

        private long left;

        AtMost(OutputStream out, long left) {
            super(out);
            this.left = left;
        }

        @Override
        public void write(int b) throws IOException {
            if (left <= 0) {
                throw new Full();
            }
            out.write(b);
            left--;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            int now = (int) Math.min(len, left);
            out.write(b, off, now);
            left -= now;
            if (now < len) {
                throw new Full();
            }
        }
    }

    /** How the intake log names the message {@code key} stands for. */
    public String source(TakenMail.Key key) {
        return tr("intake.imap.source", address.folder(), key.uid());
    }
}
