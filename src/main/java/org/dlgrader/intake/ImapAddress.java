package org.dlgrader.intake;

import static org.dlgrader.i18n.Messages.tr;

import java.util.Locale;

/**
 * {@code imaps://USER@HOST[:PORT]/FOLDER}, the mailbox the intake reads ({@link ServerAddress} for
 * the account part). Plain {@code imap://} sends the password unencrypted and is taken only for a
 * server on this computer.
 */
public record ImapAddress(boolean tls, String user, String host, int port, String folder) {

    public static ImapAddress parse(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        boolean tls = lower.startsWith("imaps://");
        if (!tls && !lower.startsWith("imap://")) {
            throw new IllegalArgumentException(tr("intake.imap.badAddress", url));
        }
        String rest = url.substring(tls ? 8 : 7);
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String folder = slash < 0 || slash == rest.length() - 1 ? "INBOX" : ServerAddress.decode(rest.substring(slash + 1));
        ServerAddress account = ServerAddress.parse(authority, tls ? 993 : 143)
                .orElseThrow(() -> new IllegalArgumentException(tr("intake.imap.badAddress", url)));
        ImapAddress address = new ImapAddress(tls, account.user(), account.host(), account.port(), folder);
        if (!tls && !account.loopback()) {
            throw new IllegalArgumentException(tr("intake.imap.plainNotLoopback", account.host(), account.user(), account.host(), folder));
        }
        return address;
    }

    /** The server as the teacher wrote it, for messages. */
    public String server() {
        return new ServerAddress(user, host, port).server();
    }

    /** Who and where, as the record of taken messages keys them. */
    String account() {
        return user + "@" + server() + "/" + folder;
    }
}
