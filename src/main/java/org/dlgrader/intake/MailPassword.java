package org.dlgrader.intake;

import java.io.Console;
import java.util.Map;

/**
 * A mail server's password (for QQ Mail the authorization code, 授权码): from an environment
 * variable, else asked for without echo. Never an option: a command line is seen by every user of
 * the computer and kept in the shell's history. {@link ImapPassword} for reading, the SMTP one for sending.
 */
public final class MailPassword {

    private MailPassword() {
    }

    /**
     * From {@code variable} in {@code environment}, else typed at {@code console} (null when none)
     * after {@code prompt}; else an IllegalArgumentException saying {@code missing}.
     */
    public static char[] from(Map<String, String> environment, Console console, String variable, String prompt, String missing) {
        String set = environment.get(variable);
        if (set != null && !set.isEmpty()) {
            return set.toCharArray();
        }
        if (console != null) {
            char[] typed = console.readPassword("%s", prompt);
            if (typed != null && typed.length > 0) {
                return typed;
            }
        }
        throw new IllegalArgumentException(missing);
    }
}
