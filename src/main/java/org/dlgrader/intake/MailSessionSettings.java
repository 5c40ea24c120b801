package org.dlgrader.intake;

import java.util.Properties;
import javax.net.ssl.SSLSocketFactory;

/** The settings every mail connection of the grader (IMAP intake, SMTP reports) starts from. */
public final class MailSessionSettings {

    private MailSessionSettings() {
    }

    /**
     * Time limits for {@code protocol} ("imaps", "smtp"...), and when the connection is TLS a check
     * of the server's host name; {@code trust} (may be null) is the factory of {@link TrustedCertificate}.
     */
    public static Properties of(String protocol, int timeoutMillis, boolean tls, SSLSocketFactory trust) {
        Properties properties = new Properties();
        String prefix = "mail." + protocol + ".";
        properties.setProperty(prefix + "connectiontimeout", String.valueOf(timeoutMillis));
        properties.setProperty(prefix + "timeout", String.valueOf(timeoutMillis));
        if (tls) {
            // Angus Mail 2.0.3 checks the host name by default; said here so that no upgrade or setting turns it off.
            properties.setProperty(prefix + "ssl.checkserveridentity", "true");
            if (trust != null) {
                properties.put(prefix + "ssl.socketFactory", trust);
                // Else a refused certificate makes Angus Mail connect again with Java's factory, whose refusal hides why.
                properties.setProperty(prefix + "socketFactory.fallback", "false");
            }
        }
        return properties;
    }
}
