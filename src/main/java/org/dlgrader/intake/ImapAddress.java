package org.dlgrader.intake;

import static org.dlgrader.i18n.Messages.tr;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * {@code imaps://USER@HOST[:PORT]/FOLDER}, the mailbox the intake reads. The user is often an
 * address itself ({@code 12345@qq.com@imap.qq.com}): the host follows the last {@code '@'}. Plain
 * {@code imap://} sends the password unencrypted and is taken only for a server on this computer.
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
        String folder = slash < 0 || slash == rest.length() - 1 ? "INBOX" : decode(rest.substring(slash + 1));
        int at = authority.lastIndexOf('@');
        if (at <= 0) {
            throw new IllegalArgumentException(tr("intake.imap.badAddress", url));
        }
        String user = decode(authority.substring(0, at));
        String hostPort = authority.substring(at + 1);
        String host = hostPort;
        int port = tls ? 993 : 143;
        int colon = hostPort.lastIndexOf(':');
        if (colon >= 0 && !hostPort.endsWith("]") && hostPort.indexOf(':') == colon) {
            host = hostPort.substring(0, colon);
            try {
                port = Integer.parseInt(hostPort.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(tr("intake.imap.badAddress", url));
            }
        } else if (hostPort.startsWith("[") && hostPort.contains("]:")) {
            host = hostPort.substring(0, hostPort.indexOf("]:") + 1);
            port = Integer.parseInt(hostPort.substring(hostPort.indexOf("]:") + 2));
        }
        if (host.isEmpty() || port <= 0 || port > 65535) {
            throw new IllegalArgumentException(tr("intake.imap.badAddress", url));
        }
        ImapAddress address = new ImapAddress(tls, user, host, port, folder);
        if (!tls && !address.loopback()) {
            throw new IllegalArgumentException(tr("intake.imap.plainNotLoopback", host, user, host, folder));
        }
        return address;
    }

    /** By the name written, never by a name server's answer: a name that resolves to 127.0.0.1 today may not tomorrow. */
    boolean loopback() {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.matches("127(\\.\\d{1,3}){3}") || h.equals("::1") || h.equals("[::1]");
    }

    /** The server as the teacher wrote it, for messages. */
    public String server() {
        return host + ":" + port;
    }

    /** Who and where, as the record of taken messages keys them. */
    String account() {
        return user + "@" + server() + "/" + folder;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
