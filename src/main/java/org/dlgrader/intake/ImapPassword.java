package org.dlgrader.intake;

import static org.dlgrader.i18n.Messages.tr;

import java.io.Console;
import java.util.Map;

/** The IMAP mailbox's password or authorization code, as {@link MailPassword} reads one. */
public final class ImapPassword {

    public static final String VARIABLE = "DL_GRADER_IMAP_PASSWORD";

    private ImapPassword() {
    }

    /** From {@code environment}, else from {@code console} (null when none); an IllegalArgumentException saying how otherwise. */
    public static char[] from(Map<String, String> environment, Console console, ImapAddress address) {
        return MailPassword.from(environment, console, VARIABLE, tr("intake.imap.passwordPrompt", address.user(), address.server()),
                tr("intake.imap.noPassword", VARIABLE, address.server()));
    }
}
