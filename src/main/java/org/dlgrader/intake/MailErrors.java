package org.dlgrader.intake;

import jakarta.mail.MessagingException;

/** What a mail server's failure says, for the sentence that tells the teacher what to do. */
public final class MailErrors {

    private MailErrors() {
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
