package org.dlgrader.intake;

import static org.dlgrader.i18n.Messages.tr;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * {@code --trust-cert FILE}: a school's own certificate authority, or its server's self-signed
 * certificate, trusted besides the authorities Java trusts. Only which certificates are trusted
 * changes: the mail connection still checks that the certificate names the host it connects to.
 * Never a switch that trusts every server, which would hand the password to anyone in between.
 */
public final class TrustedCertificate {

    /** The keystore's password, when FILE is a keystore; keytool's usual one when unset. */
    public static final String PASSWORD_VARIABLE = "DL_GRADER_TRUST_PASSWORD";

    private TrustedCertificate() {
    }

    /** A factory for TLS connections that trust Java's authorities and the certificates in {@code file}; null for no file. */
    public static SSLSocketFactory socketFactory(Path file, Map<String, String> environment) {
        if (file == null) {
            return null;
        }
        List<X509Certificate> extra = read(file, environment);
        try {
            KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
            anchors.load(null, null);
            int n = 0;
            for (X509Certificate certificate : javaAuthorities()) {
                anchors.setCertificateEntry("java-" + n++, certificate);
            }
            for (X509Certificate certificate : extra) {
                anchors.setCertificateEntry("trusted-" + n++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(anchors);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException(tr("tls.trustFileUnusable", file, MailErrors.reason(e)), e);
        }
    }

    private static List<X509Certificate> javaAuthorities() throws GeneralSecurityException {
        TrustManagerFactory java = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        java.init((KeyStore) null);
        List<X509Certificate> found = new ArrayList<>();
        for (TrustManager manager : java.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                Collections.addAll(found, x509.getAcceptedIssuers());
            }
        }
        return found;
    }

    /** The certificates in a PEM or DER file, else in a keystore (JKS, PKCS12); at least one, or the message says what the file must be. */
    static List<X509Certificate> read(Path file, Map<String, String> environment) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(tr("tls.noTrustFile", file.toAbsolutePath()));
        }
        List<X509Certificate> found = new ArrayList<>();
        String why;
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            certificates.stream().filter(X509Certificate.class::isInstance).map(X509Certificate.class::cast).forEach(found::add);
            why = "no certificate";
        } catch (GeneralSecurityException | IOException notCertificates) {
            why = MailErrors.reason(notCertificates);
        }
        if (found.isEmpty()) {
            String password = environment.getOrDefault(PASSWORD_VARIABLE, "changeit");
            try {
                KeyStore store = KeyStore.getInstance(file.toFile(), password.toCharArray());
                for (String alias : Collections.list(store.aliases())) {
                    if (store.getCertificate(alias) instanceof X509Certificate certificate) {
                        found.add(certificate);
                    }
                }
            } catch (NoSuchFileException e) {
                throw new IllegalArgumentException(tr("tls.noTrustFile", file.toAbsolutePath()), e);
            } catch (GeneralSecurityException | IOException | IllegalArgumentException notKeystore) {
                why = why + "; " + MailErrors.reason(notKeystore);
            }
        }
        if (found.isEmpty()) {
            throw new IllegalArgumentException(tr("tls.badTrustFile", file.toAbsolutePath(), why, PASSWORD_VARIABLE));
        }
        return found;
    }
}
