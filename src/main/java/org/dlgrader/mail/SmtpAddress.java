package org.dlgrader.mail;

import static org.dlgrader.i18n.Messages.tr;

import java.util.Locale;
import org.dlgrader.intake.ServerAddress;

/**
 * {@code smtps://USER@HOST[:PORT]}, the server reports are sent through ({@link ServerAddress} for
 * the account part, as the intake's IMAP address). smtps is TLS from the first byte (port 465);
 * {@code smtp://} with STARTTLS switches to TLS before the login (port 587); plain {@code smtp://}
 * sends the password unencrypted and is taken only for a server on this computer.
 */
public record SmtpAddress(boolean tls, boolean starttls, ServerAddress account) {

    public static SmtpAddress parse(String url, boolean starttls) {
        String lower = url.toLowerCase(Locale.ROOT);
        boolean tls = lower.startsWith("smtps://");
        if (!tls && !lower.startsWith("smtp://")) {
            throw new IllegalArgumentException(tr("mail.smtp.badAddress", url));
        }
        if (tls && starttls) {
            throw new IllegalArgumentException(tr("mail.smtp.starttlsWithSmtps"));
        }
        String authority = url.substring(tls ? 8 : 7);
        if (authority.endsWith("/")) {
            authority = authority.substring(0, authority.length() - 1);
        }
        if (authority.contains("/")) {
            throw new IllegalArgumentException(tr("mail.smtp.badAddress", url));
        }
        ServerAddress account = ServerAddress.parse(authority, tls ? 465 : starttls ? 587 : 25)
                .orElseThrow(() -> new IllegalArgumentException(tr("mail.smtp.badAddress", url)));
        if (!tls && !starttls && !account.loopback()) {
            throw new IllegalArgumentException(tr("mail.smtp.plainNotLoopback", account.host(), account.user(), account.host()));
        }
        return new SmtpAddress(tls, starttls, account);
    }

    public String user() {
        return account.user();
    }

    public String server() {
        return account.server();
    }
}
