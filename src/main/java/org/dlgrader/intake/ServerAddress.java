package org.dlgrader.intake;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code USER@HOST[:PORT]}, the account part of a mail server's address ({@code imaps://…},
 * {@code smtps://…}). The user is often an address itself ({@code 12345@qq.com@smtp.qq.com}): the
 * host follows the last {@code '@'}. The user may be percent-encoded.
 */
public record ServerAddress(String user, String host, int port) {

    /** The account in {@code authority}, with {@code defaultPort} when none is written; empty when it is none. */
    public static Optional<ServerAddress> parse(String authority, int defaultPort) {
        int at = authority.lastIndexOf('@');
        if (at <= 0) {
            return Optional.empty();
        }
        String user = decode(authority.substring(0, at));
        String hostPort = authority.substring(at + 1);
        String host = hostPort;
        int port = defaultPort;
        try {
            int colon = hostPort.lastIndexOf(':');
            if (colon >= 0 && !hostPort.endsWith("]") && hostPort.indexOf(':') == colon) {
                host = hostPort.substring(0, colon);
                port = Integer.parseInt(hostPort.substring(colon + 1));
            } else if (hostPort.startsWith("[") && hostPort.contains("]:")) {
                host = hostPort.substring(0, hostPort.indexOf("]:") + 1);
                port = Integer.parseInt(hostPort.substring(hostPort.indexOf("]:") + 2));
            }
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (host.isEmpty() || port <= 0 || port > 65535) {
            return Optional.empty();
        }
        return Optional.of(new ServerAddress(user, host, port));
    }

    /**
     * Whether the server is this computer, where an unencrypted protocol exposes the password to no
     * network. By the name written, never by a name server's answer: a name that resolves to
     * 127.0.0.1 today may not tomorrow.
     */
    public boolean loopback() {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.matches("127(\\.\\d{1,3}){3}") || h.equals("::1") || h.equals("[::1]");
    }

    /** The server as the teacher wrote it, for messages. */
    public String server() {
        return host + ":" + port;
    }

    static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
