package org.dlgrader.data;

import static org.dlgrader.i18n.Messages.tr;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URL;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Downloads official FashionMNIST files into a folder, each checked against its SHA-256
 * ({@link OfficialFile}) before it is given its name.
 *
 * <p>A file is written to a {@code .part} file beside its target and moved into place only once its
 * length and SHA-256 are the official ones, so a download that breaks off, a damaged one, or one the
 * process is killed during leaves nothing under the name a later run looks for. Each file is tried
 * at each location in turn: the project's own, then Keras's mirror.
 */
final class FashionMnistDownload {

    /** The Fashion-MNIST project's own location (as torchvision uses it), then Keras's mirror. */
    static final List<String> MIRRORS = List.of(
            "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/",
            "https://storage.googleapis.com/tensorflow/tf-keras-datasets/");
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);
    /** How long a server may send nothing before the attempt is given up. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
    private static final int MAX_REDIRECTS = 5;
    /** A .part file this old belongs to a run that was killed; younger ones may be another run's. */
    private static final Duration STALE = Duration.ofDays(1);
    private static final int BAR_WIDTH = 110;

    private final List<String> mirrors;
    private final PrintStream console;
    private final Duration connectTimeout;
    private final Duration readTimeout;

    /** @param console where the progress goes (standard error); null for none */
    FashionMnistDownload(List<String> mirrors, PrintStream console, Duration connectTimeout, Duration readTimeout) {
        this.mirrors = List.copyOf(mirrors);
        this.console = console;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    /** One location that did not give the file; its message says which and why. */
    private static final class Failure extends Exception {
        Failure(String message) {
            super(message);
        }
    }

    /** Downloads {@code files} into {@code folder}, or throws naming the file, what went wrong and what to do. */
    void fetch(Path folder, List<OfficialFile> files) {
        if (files.isEmpty()) {
            return;
        }
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new DatasetException(tr("data.download.cannotWrite", folder, e.toString()), e);
        }
        removeStaleParts(folder);
        say(tr("data.download.start", FashionMnistLocator.names(files), FashionMnistLocator.megabytes(files), folder));
        for (OfficialFile file : files) {
            fetch(folder, file);
        }
    }

    private void fetch(Path folder, OfficialFile file) {
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < mirrors.size(); i++) {
            String url = mirrors.get(i) + file.fileName;
            try {
                fetchFrom(url, folder, file);
                return;
            } catch (Failure failure) {
                failures.add(failure.getMessage());
                if (i + 1 < mirrors.size()) {
                    say(tr("data.download.tryNext", failure.getMessage(), mirrors.get(i + 1) + file.fileName));
                }
            }
        }
        throw new DatasetException(tr("data.download.failed", file.fileName, String.join("; ", failures),
                file.size, file.sha256, folder));
    }

    private void fetchFrom(String url, Path folder, OfficialFile file) throws Failure {
        Path part = newPart(folder, file);
        try {
            HttpURLConnection connection = connect(url);
            try (InputStream body = connection.getInputStream()) {
                String sha256 = copy(url, body, part, file);
                if (!sha256.equals(file.sha256)) {
                    throw new Failure(tr("data.download.reason.checksum", url, sha256, file.sha256));
                }
            } catch (IOException e) {
                throw new Failure(tr("data.download.reason.unreachable", url, e.toString()));
            } finally {
                connection.disconnect();
            }
            move(part, folder.resolve(file.fileName));
        } finally {
            try {
                Files.deleteIfExists(part);
            } catch (IOException e) {
                // Left behind, it is never read (no file is looked for under a .part name) and is swept a day later.
            }
        }
    }

    /** Opens {@code url}, following redirects (also from http to https, which HttpURLConnection does not). */
    private HttpURLConnection connect(String url) throws Failure {
        String current = url;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpURLConnection connection;
            int status;
            try {
                URL location = URI.create(current).toURL();
                connection = (HttpURLConnection) location.openConnection();
                connection.setConnectTimeout((int) connectTimeout.toMillis());
                connection.setReadTimeout((int) readTimeout.toMillis());
                connection.setInstanceFollowRedirects(false);
                connection.setRequestProperty("User-Agent", "dl-grader");
                status = connection.getResponseCode();
            } catch (IOException | IllegalArgumentException e) {
                throw new Failure(tr("data.download.reason.unreachable", url, e.toString()));
            }
            if (status == HttpURLConnection.HTTP_OK) {
                return connection;
            }
            String next = connection.getHeaderField("Location");
            connection.disconnect();
            if (status / 100 != 3 || next == null) {
                throw new Failure(tr("data.download.reason.http", url, status));
            }
            try {
                current = URI.create(current).resolve(next).toString();
            } catch (IllegalArgumentException e) {
                throw new Failure(tr("data.download.reason.unreachable", url, e.toString()));
            }
        }
        throw new Failure(tr("data.download.reason.redirects", url, MAX_REDIRECTS));
    }

    /**
     * Streams {@code body} into {@code part} with a progress bar, and returns its SHA-256. A body that
     * ends early, stalls or runs past the official length is this location's failure; a file that
     * cannot be written is not (another location would not help), so it stops the download at once.
     */
    private String copy(String url, InputStream body, Path part, OfficialFile file) throws Failure {
        MessageDigest sha256 = sha256();
        long received = 0;
        byte[] buffer = new byte[1 << 16];
        try (OutputStream out = Files.newOutputStream(part); ProgressBar bar = bar(file)) {
            while (true) {
                int n;
                try {
                    n = body.read(buffer);
                } catch (SocketTimeoutException e) {
                    throw new Failure(tr("data.download.reason.stalled", url, readTimeout.toSeconds(), received, file.size));
                } catch (IOException e) {
                    throw new Failure(tr("data.download.reason.cutOff", url, received, file.size) + " (" + e + ")");
                }
                if (n < 0) {
                    break;
                }
                received += n;
                if (received > file.size) {
                    throw new Failure(tr("data.download.reason.tooLong", url, file.size));
                }
                sha256.update(buffer, 0, n);
                out.write(buffer, 0, n);
                if (bar != null) {
                    bar.stepTo(received);
                }
            }
        } catch (IOException e) {
            throw new DatasetException(tr("data.download.cannotWrite", part.getParent(), e.toString()), e);
        }
        if (received < file.size) {
            throw new Failure(tr("data.download.reason.cutOff", url, received, file.size));
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    private static Path newPart(Path folder, OfficialFile file) {
        try {
            return Files.createTempFile(folder, file.fileName + ".", ".part");
        } catch (IOException e) {
            throw new DatasetException(tr("data.download.cannotWrite", folder, e.toString()), e);
        }
    }

    /** Gives a checked file its name in one step: readers see the whole file or none. */
    private static void move(Path part, Path target) {
        try {
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new DatasetException(tr("data.download.cannotWrite", target.getParent(), e.toString()), e);
        }
    }

    private static void removeStaleParts(Path folder) {
        Instant before = Instant.now().minus(STALE);
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(folder, "*.part")) {
            for (Path part : parts) {
                if (Files.getLastModifiedTime(part).toInstant().isBefore(before)) {
                    Files.deleteIfExists(part);
                }
            }
        } catch (IOException e) {
            // Only tidying: a .part file is never read.
        }
    }

    /** A bar in megabytes with the speed; on a terminal it redraws in place, in a log it writes a line now and then. */
    private ProgressBar bar(OfficialFile file) {
        if (console == null) {
            return null;
        }
        boolean terminal = System.console() != null;
        return new ProgressBarBuilder()
                .setTaskName(file.fileName)
                .setInitialMax(file.size)
                .setUnit(" MB", 1_000_000)
                .showSpeed()
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(terminal ? 200 : 5000)
                // A width given, so that the library does not ask the terminal for one (about a second each bar).
                .setConsumer(terminal ? new ConsoleProgressBarConsumer(console, BAR_WIDTH)
                        : new DelegatingProgressBarConsumer(console::println, BAR_WIDTH))
                .build();
    }

    private void say(String line) {
        if (console != null) {
            console.println(line);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
