package org.dlgrader.mail;

import static org.dlgrader.i18n.Messages.tr;

import java.io.Console;
import java.util.Map;
import org.dlgrader.intake.MailPassword;

/** The SMTP server's password or authorization code, as {@link MailPassword} reads one; its own variable, as the IMAP one has. */
public final class SmtpPassword {

    public static final String VARIABLE = "DL_GRADER_SMTP_PASSWORD";

    private SmtpPassword() {
    }

    public static char[] from(Map<String, String> environment, Console console, SmtpAddress address) {
        return MailPassword.from(environment, console, VARIABLE, tr("mail.smtp.passwordPrompt", address.user(), address.server()),
                tr("mail.smtp.noPassword", VARIABLE, address.server()));
    }
}
