package org.dlgrader.intake;

import static org.dlgrader.i18n.Messages.tr;

import jakarta.mail.MessagingException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.Optional;

/** What a mail server's failure says, for the sentence that tells the teacher what to do. */
public final class MailErrors {

    private MailErrors() {
    }

    /**
     * What is wrong with the certificate a TLS server showed, when that is why the connection
     * failed: the sentence for it says which server and that nothing, not even the password, was
     * sent. Empty for any other failure.
     */
    public static Optional<String> certificate(Exception e, String host, String server) {
        boolean wrongHost = false;
        for (Throwable cause = e; cause != null; cause = next(cause)) {
            if (cause instanceof CertPathBuilderException || cause instanceof CertPathValidatorException
                    || cause.getClass().getName().equals("sun.security.validator.ValidatorException")) {
                return Optional.of(tr("tls.untrusted", server, reason(e)));
            }
            // JSSE's words for a certificate that names other hosts (HostnameChecker), for an IP address or a name.
            String text = cause.getMessage();
            if (cause instanceof CertificateException && text != null && (text.startsWith("No subject alternative") || text.startsWith("No name matching"))) {
                wrongHost = true;
            }
        }
        return wrongHost ? Optional.of(tr("tls.wrongHost", server, host, reason(e))) : Optional.empty();
    }

    private static Throwable next(Throwable cause) {
        Throwable next = cause instanceof MessagingException m && m.getNextException() != null ? m.getNextException() : cause.getCause();
        return next == cause ? null : next;
    }

    /** The innermost cause, which names what went wrong (connection refused, unknown host, the server's answer). */
    public static String reason(Exception e) {
        Throwable cause = e;
        while (true) {
            Throwable next = cause instanceof MessagingException m && m.getNextException() != null ? m.getNextException() : cause.getCause();
            if (next == null || next == cause) {
                break;
            }
            cause = next;
        }
        String text = cause.getMessage();
        return cause.getClass().getSimpleName() + (text == null || text.isBlank() ? "" : ": " + text.strip());
    }
}
