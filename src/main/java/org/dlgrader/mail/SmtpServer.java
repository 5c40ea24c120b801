package org.dlgrader.mail;

import static org.dlgrader.i18n.Messages.tr;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.Optional;
import java.util.Properties;
import javax.net.ssl.SSLSocketFactory;
import org.dlgrader.intake.MailErrors;
import org.dlgrader.intake.MailSessionSettings;
import org.dlgrader.intake.TrustedCertificate;

/** A logged-in connection to the SMTP server, which sends each message as it comes. */
public final class SmtpServer implements Delivery {

    /** A server that cannot be used: the message says which and what the teacher can do. */
    public static final class Unreachable extends IOException {
        Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final SmtpAddress address;
    private final Session session;
    private final Transport transport;

    private SmtpServer(SmtpAddress address, Session session, Transport transport) {
        this.address = address;
        this.session = session;
        this.transport = transport;
    }

    /**
     * Connects and logs in, or says why not; nothing is sent yet. {@code trust} (may be null) makes
     * the TLS connection trust a certificate Java's authorities did not sign ({@link TrustedCertificate}).
     */
    public static SmtpServer open(SmtpAddress address, char[] password, int timeoutMillis, SSLSocketFactory trust) throws Unreachable {
        String protocol = address.tls() ? "smtps" : "smtp";
        Properties properties = MailSessionSettings.of(protocol, timeoutMillis, address.tls() || address.starttls(), trust);
        String prefix = "mail." + protocol + ".";
        properties.setProperty(prefix + "auth", "true");
        properties.setProperty(prefix + "writetimeout", String.valueOf(timeoutMillis));
        if (address.starttls()) {
            // Required, not only enabled: a server (or someone between) that declines STARTTLS gets no password in the clear.
            properties.setProperty(prefix + "starttls.enable", "true");
            properties.setProperty(prefix + "starttls.required", "true");
        }
        Session session = Session.getInstance(properties);
        Transport transport = null;
        try {
            transport = session.getTransport(protocol);
            transport.connect(address.account().host(), address.account().port(), address.user(), new String(password));
            return new SmtpServer(address, session, transport);
        } catch (AuthenticationFailedException e) {
            closeQuietly(transport);
            throw new Unreachable(tr("mail.smtp.loginFailed", address.server(), address.user(), MailErrors.reason(e)), e);
        } catch (MessagingException e) {
            closeQuietly(transport);
            Optional<String> certificate = MailErrors.certificate(e, address.account().host(), address.server());
            if (certificate.isPresent()) {
                throw new Unreachable(certificate.get() + " " + tr("mail.nothingSent"), e);
            }
            throw new Unreachable(tr("mail.smtp.unreachable", address.server(), MailErrors.reason(e), tr("mail.nothingSent")), e);
        }
    }

    public SmtpAddress address() {
        return address;
    }

    @Override
    public Session session() {
        return session;
    }

    @Override
    public boolean sends() {
        return true;
    }

    @Override
    public String deliver(String studentId, MimeMessage message) throws MessagingException {
        transport.sendMessage(message, message.getAllRecipients());
        return tr("mail.detail.sent", message.getMessageID());
    }

    @Override
    public void close() {
        closeQuietly(transport);
    }

    private static void closeQuietly(Transport transport) {
        try {
            if (transport != null) {
                transport.close();
            }
        } catch (MessagingException ignored) {
            // QUIT not answered: every message was handed over already, or the run says it was not.
        }
    }
}
