package org.dlgrader.intake;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.SharedFileInputStream;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * One {@code .eml} file, read in place: the message and its parts are views of the file
 * ({@link SharedFileInputStream}), so an email of any size costs its headers in memory, and an
 * attachment is decoded only while it is copied out.
 */
final class EmailFile implements AutoCloseable {

    /** An attachment: the name its sender wrote (decoded) and the part that holds it. */
    record Attachment(String name, Part part) {
    }

    /** Deeper nesting is not how mail programs attach files; stop before a crafted email exhausts the stack. */
    private static final int MAX_DEPTH = 10;

    private final SharedFileInputStream in;
    private final MimeMessage message;

    private EmailFile(SharedFileInputStream in, MimeMessage message) {
        this.in = in;
        this.message = message;
    }

    static EmailFile open(Path file) throws IOException, MessagingException {
        Properties properties = new Properties();
        properties.setProperty("mail.mime.decodefilename", "true");
        properties.setProperty("mail.mime.decodeparameters", "true");
        SharedFileInputStream in = new SharedFileInputStream(file.toFile());
        try {
            return new EmailFile(in, new MimeMessage(Session.getInstance(properties), in));
        } catch (MessagingException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    MimeMessage message() {
        return message;
    }

    /** Every part with a file name, in the order the email has them. */
    List<Attachment> attachments() throws MessagingException, IOException {
        List<Attachment> found = new ArrayList<>();
        collect(message, found, 0);
        return found;
    }

    private static void collect(Part part, List<Attachment> found, int depth) throws MessagingException, IOException {
        if (depth > MAX_DEPTH) {
            return;
        }
        if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                collect(body, found, depth + 1);
            }
            return;
        }
        String name = part.getFileName();
        if (name != null) {
            found.add(new Attachment(decoded(name), part));
        }
    }

    /** Some mail programs encode a file name as a MIME word where RFC 2231 says not to; decode those too. */
    private static String decoded(String name) {
        try {
            return MimeUtility.decodeText(name);
        } catch (UnsupportedEncodingException unknownCharset) {
            return name;
        }
    }

    String subject() {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            return null;
        }
    }

    /** The display name of the sender ("张三" in {@code 张三 <zhangsan@example.edu>}). */
    String senderName() {
        return single().map(InternetAddress::getPersonal).orElse(null);
    }

    /** The sender's address in lower case, when the email has exactly one. */
    Optional<String> senderAddress() {
        return single().map(InternetAddress::getAddress).filter(a -> a != null && !a.isBlank())
                .map(a -> a.strip().toLowerCase(Locale.ROOT));
    }

    /** The From header as written, for a log line. */
    String fromHeader() {
        try {
            String from = message.getHeader("From", ", ");
            return from == null ? "" : MimeUtility.unfold(from);
        } catch (MessagingException e) {
            return "";
        }
    }

    private Optional<InternetAddress> single() {
        try {
            Address[] from = message.getFrom();
            return from != null && from.length == 1 && from[0] instanceof InternetAddress address
                    ? Optional.of(address) : Optional.empty();
        } catch (MessagingException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
