package org.dlgrader.intake;

import static org.dlgrader.i18n.Messages.tr;

import java.io.Console;
import java.util.Map;

/**
 * The mailbox's password (for QQ Mail the authorization code, 授权码): from the environment, else
 * asked for without echo. Never an option: a command line is seen by every user of the computer
 * and kept in the shell's history.
 */
public final class ImapPassword {

    public static final String VARIABLE = "DL_GRADER_IMAP_PASSWORD";

    private ImapPassword() {
    }

    /** From {@code environment}, else from {@code console} (null when none); an IllegalArgumentException saying how otherwise. */
    public static char[] from(Map<String, String> environment, Console console, ImapAddress address) {
        String set = environment.get(VARIABLE);
        if (set != null && !set.isEmpty()) {
            return set.toCharArray();
        }
        if (console != null) {
            char[] typed = console.readPassword("%s", tr("intake.imap.passwordPrompt", address.user(), address.server()));
            if (typed != null && typed.length > 0) {
                return typed;
            }
        }
        throw new IllegalArgumentException(tr("intake.imap.noPassword", VARIABLE, address.server()));
    }
}
