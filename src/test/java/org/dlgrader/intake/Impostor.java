package org.dlgrader.intake;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * A man in the middle on 127.0.0.1: a TLS server showing the certificate in a keystore, which
 * passes what the client says, in clear, to a mail server's plain port and counts it. A client that
 * checks the certificate's host name says nothing to it; one that does not hands it the password.
 */
public final class Impostor implements AutoCloseable {

    private final SSLServerSocket socket;
    private final int upstream;
    private final AtomicLong heard = new AtomicLong();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "impostor");
        thread.setDaemon(true);
        return thread;
    });

    public Impostor(Path keystore, int upstream) throws Exception {
        KeyStore keys = KeyStore.getInstance(keystore.toFile(), TestCertificates.PASSWORD.toCharArray());
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, TestCertificates.PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(managers.getKeyManagers(), null, null);
        this.socket = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 10, InetAddress.getLoopbackAddress());
        this.upstream = upstream;
        threads.submit(this::accept);
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** How many bytes the client sent after the handshake: its commands, its login, its password. */
    public long heard() {
        return heard.get();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                SSLSocket client = (SSLSocket) socket.accept();
                threads.submit(() -> relay(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void relay(SSLSocket client) {
        try (client) {
            client.startHandshake();
            // Only a client that accepted the certificate reaches the real server.
            try (Socket server = new Socket(InetAddress.getLoopbackAddress(), upstream)) {
                threads.submit(() -> copy(server.getInputStream(), client.getOutputStream(), null));
                copy(client.getInputStream(), server.getOutputStream(), heard);
            }
        } catch (IOException refusedOrGone) {
            // The client refused the certificate, or the session is over.
        }
    }

    private static Void copy(InputStream in, OutputStream out, AtomicLong count) throws IOException {
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer)) > 0; ) {
            if (count != null) {
                count.addAndGet(n);
            }
            out.write(buffer, 0, n);
            out.flush();
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        socket.close();
        threads.shutdownNow();
    }
}
