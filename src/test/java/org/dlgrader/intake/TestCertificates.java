package org.dlgrader.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.DummySSLServerSocketFactory;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.Certificate;

/**
 * The test servers' certificates in src/test/resources/org/dlgrader/tls (made by keytool, see
 * make-certificates.sh there): {@code server} names 127.0.0.1 and localhost, {@code elsewhere} only
 * mail.example.com, {@code stranger} is one the client is never told to trust.
 */
public final class TestCertificates {

    public static final String PASSWORD = "changeit";

    private TestCertificates() {
    }

    public static Path file(String name) {
        try {
            return Path.of(TestCertificates.class.getResource("/org/dlgrader/tls/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * GreenMail's IMAPS and SMTPS show {@code server.p12}. GreenMail reads the keystore once per JVM,
     * when its first TLS server starts: call this before any (a static field of the test class).
     */
    public static boolean greenMailShowsServerCertificate() {
        System.setProperty(DummySSLServerSocketFactory.GREENMAIL_KEYSTORE_FILE_PROPERTY, file("server.p12").toString());
        System.setProperty(DummySSLServerSocketFactory.GREENMAIL_KEYSTORE_PASSWORD_PROPERTY, PASSWORD);
        System.setProperty(DummySSLServerSocketFactory.GREENMAIL_KEY_PASSWORD_PROPERTY, PASSWORD);
        return true;
    }

    /** Fails when GreenMail was started with another keystore (a test that ran first without {@link #greenMailShowsServerCertificate}). */
    public static void assertGreenMailShowsServerCertificate() throws Exception {
        KeyStore shown = ((DummySSLServerSocketFactory) DummySSLServerSocketFactory.getDefault()).getKeyStore();
        KeyStore ours = KeyStore.getInstance(file("server.p12").toFile(), PASSWORD.toCharArray());
        assertThat(certificate(shown)).as("GreenMail's TLS certificate: its keystore is read once per JVM").isEqualTo(certificate(ours));
    }

    private static Certificate certificate(KeyStore store) throws KeyStoreException {
        return store.getCertificate(store.aliases().nextElement());
    }
}
