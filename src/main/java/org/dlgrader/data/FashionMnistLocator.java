package org.dlgrader.data;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the folder that holds the four FashionMNIST files.
 *
 * <p>Order: {@code -Dfashion.mnist.dir}, {@code $FASHION_MNIST_DIR}, the Debian package's folder,
 * the user's cache. When none has the files and {@code -Dfashion.mnist.download=true} (or the
 * network is otherwise allowed, i.e. {@code ai.djl.offline} is not true) the official files are
 * downloaded into the cache.
 */
public final class FashionMnistLocator {

    public static final String PROPERTY = "fashion.mnist.dir";
    public static final String ENVIRONMENT = "FASHION_MNIST_DIR";
    public static final Path DEBIAN = Path.of("/usr/share/datasets/fashion-mnist");
    static final String MIRROR = "https://fashion-mnist.s3-website.eu-central-1.amazonaws.com/";

    private FashionMnistLocator() {
    }

    public static Path cacheDirectory() {
        return Path.of(System.getProperty("user.home"), ".cache", "dl-grader", "fashion-mnist");
    }

    /**
     * The candidate folders in the order they are searched. A folder the teacher names is the only
     * one: when it lacks the files, that is said, rather than another copy silently used.
     */
    public static List<Path> candidates() {
        List<Path> candidates = new ArrayList<>();
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            return List.of(Path.of(property));
        }
        String environment = System.getenv(ENVIRONMENT);
        if (environment != null && !environment.isBlank()) {
            return List.of(Path.of(environment));
        }
        candidates.add(DEBIAN);
        candidates.add(cacheDirectory());
        return candidates;
    }

    public static Path locate() {
        List<Path> candidates = candidates();
        for (Path candidate : candidates) {
            if (holdsAllFiles(candidate)) {
                return candidate;
            }
        }
        if (downloadAllowed()) {
            return download(cacheDirectory());
        }
        throw new DatasetException("FashionMNIST was not found in any of " + candidates
                + " and downloading is off (offline mode). " + FashionMnist.HOW_TO_GET);
    }

    /** Whether some candidate folder already holds the files (no download needed). */
    public static boolean isInstalled() {
        return candidates().stream().anyMatch(FashionMnistLocator::holdsAllFiles);
    }

    public static boolean holdsAllFiles(Path directory) {
        for (FashionMnist.Split split : FashionMnist.Split.values()) {
            if (!Files.isRegularFile(directory.resolve(split.imagesFile))
                    || !Files.isRegularFile(directory.resolve(split.labelsFile))) {
                return false;
            }
        }
        return true;
    }

    static boolean downloadAllowed() {
        String explicit = System.getProperty("fashion.mnist.download");
        if (explicit != null) {
            return Boolean.parseBoolean(explicit);
        }
        return !Boolean.getBoolean("ai.djl.offline");
    }

    private static Path download(Path cache) {
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(20))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        try {
            Files.createDirectories(cache);
            for (FashionMnist.Split split : FashionMnist.Split.values()) {
                for (String name : List.of(split.imagesFile, split.labelsFile)) {
                    Path target = cache.resolve(name);
                    if (Files.isRegularFile(target)) {
                        continue;
                    }
                    System.err.println("Downloading " + MIRROR + name + " to " + target);
                    HttpResponse<InputStream> response = client.send(
                            HttpRequest.newBuilder(URI.create(MIRROR + name)).timeout(Duration.ofMinutes(5)).build(),
                            HttpResponse.BodyHandlers.ofInputStream());
                    if (response.statusCode() != 200) {
                        throw new DatasetException("Downloading " + MIRROR + name + " failed with HTTP "
                                + response.statusCode() + ". " + FashionMnist.HOW_TO_GET);
                    }
                    // Download beside the target and move, so an interrupted download never looks complete.
                    Path partial = Files.createTempFile(cache, name, ".part");
                    try (InputStream body = response.body()) {
                        Files.copy(body, partial, StandardCopyOption.REPLACE_EXISTING);
                    }
                    Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
                }
            }
            return cache;
        } catch (IOException e) {
            throw new DatasetException("FashionMNIST is not installed and downloading it failed ("
                    + e.getMessage() + "). " + FashionMnist.HOW_TO_GET, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatasetException("Download of FashionMNIST was interrupted.", e);
        }
    }
}
