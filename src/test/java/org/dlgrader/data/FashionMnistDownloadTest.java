package org.dlgrader.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.dlgrader.data.FashionMnist.Split;
import org.dlgrader.i18n.Language;
import org.dlgrader.i18n.Messages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The download, against an HTTP server of the test's own on the loopback address that serves the
 * official files (rebuilt from Debian's, see {@link RealFiles}) well, damaged, cut off, late or not at
 * all. No test reaches the internet. Only the test set is served (4.4 MB): grading needs no more,
 * and the training files take the same path.
 */
class FashionMnistDownloadTest {

    private static HttpServer server;
    private static String base;
    /** Paths requested, in order, and bytes sent: what a student's self-check costs. */
    private static final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private static final AtomicLong served = new AtomicLong();

    @TempDir
    Path dir;

    private Path home;
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    @BeforeAll
    static void serve() throws IOException {
        RealFiles.assumeInstalled();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext("/ok/", exchange -> send(exchange, official(exchange)));
        server.createContext("/corrupt/", exchange -> {
            byte[] bytes = official(exchange).clone();
            bytes[bytes.length / 2] ^= 0x01;
            send(exchange, bytes);
        });
        // Sends half the file and ends the response there (chunked: no length promised).
        server.createContext("/half/", exchange -> {
            requests.add(exchange.getRequestURI().getPath());
            byte[] official = official(exchange);
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(official, 0, official.length / 2);
            }
        });
        server.createContext("/missing/", exchange -> {
            requests.add(exchange.getRequestURI().getPath());
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.createContext("/moved/", exchange -> {
            requests.add(exchange.getRequestURI().getPath());
            exchange.getResponseHeaders().add("Location", "/ok/" + name(exchange));
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/longer/", exchange -> {
            byte[] official = official(exchange);
            byte[] longer = java.util.Arrays.copyOf(official, official.length + 100);
            send(exchange, longer);
        });
        // Sends a little, then nothing while the connection stays open.
        server.createContext("/stalls/", exchange -> {
            requests.add(exchange.getRequestURI().getPath());
            exchange.sendResponseHeaders(200, official(exchange).length);
            OutputStream out = exchange.getResponseBody();
            out.write(official(exchange), 0, 1000);
            out.flush();
            sleep(3_000);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @BeforeEach
    void machine() throws IOException {
        home = Files.createDirectories(dir.resolve("home"));
        requests.clear();
        served.set(0);
    }

    @AfterEach
    void english() {
        Messages.use(Language.EN);
    }

    private static String name(HttpExchange exchange) {
        String path = exchange.getRequestURI().getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static byte[] official(HttpExchange exchange) {
        String name = name(exchange);
        return RealFiles.official(Stream.of(OfficialFile.values()).filter(f -> f.fileName.equals(name)).findFirst().orElseThrow());
    }

    private static void send(HttpExchange exchange, byte[] bytes) throws IOException {
        requests.add(exchange.getRequestURI().getPath());
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
            served.addAndGet(bytes.length);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private FashionMnistLocator locator(String... mirrors) {
        return locator(Duration.ofSeconds(10), mirrors);
    }

    private FashionMnistLocator locator(Duration readTimeout, String... mirrors) {
        FashionMnistLocator.Machine machine = new FashionMnistLocator.Machine("Linux", home, dir.resolve("work"),
                dir.resolve("no-debian"), name -> null, name -> null);
        return new FashionMnistLocator(machine, List.of(mirrors),
                new PrintStream(console, true, StandardCharsets.UTF_8), readTimeout);
    }

    private Path cache() {
        return home.resolve(".cache/dl-grader/fashion-mnist");
    }

    private List<String> cached() throws IOException {
        if (!Files.isDirectory(cache())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(cache())) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    private String console() {
        return console.toString(StandardCharsets.UTF_8);
    }

    private static final EnumSet<Split> TEST = EnumSet.of(Split.TEST);

    /** A student's self-check on a machine without the data: the test set, checked, into the cache; nothing else. */
    @Test
    void theTestSetIsDownloadedCheckedIntoTheCacheAndNothingMore() throws Exception {
        long start = System.nanoTime();
        Path folder = locator(base + "/ok/").folderFor(TEST);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(folder).isEqualTo(cache());
        assertThat(cached()).containsExactly("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");
        assertThat(requests).containsExactly("/ok/t10k-images-idx3-ubyte.gz", "/ok/t10k-labels-idx1-ubyte.gz");
        assertThat(served.get()).isEqualTo(4_422_102L + 5_148L);
        for (OfficialFile file : OfficialFile.of(Split.TEST)) {
            assertThat(sha256(Files.readAllBytes(cache().resolve(file.fileName)))).isEqualTo(file.sha256);
        }
        FashionMnist test = FashionMnist.load(folder, Split.TEST);
        assertThat(test.size()).isEqualTo(10_000);
        assertThat(test.labelHistogram()).containsOnly(1000);
        assertThat(console())
                .contains("FashionMNIST is not on this machine: downloading t10k-images-idx3-ubyte.gz, "
                        + "t10k-labels-idx1-ubyte.gz (4.4 MB) into " + cache() + ". -Dgrader.download=false turns downloads off.")
                .as("the progress bar names each file").contains("t10k-images-idx3-ubyte.gz 100%").contains("t10k-labels-idx1-ubyte.gz 100%");
        System.out.printf("downloaded %,d bytes (the test set) in %d ms%n", served.get(), millis);

        // Found in the cache from now on: nothing is fetched again.
        requests.clear();
        assertThat(locator(base + "/ok/").folderFor(TEST)).isEqualTo(cache());
        assertThat(requests).isEmpty();
    }

    @Test
    void aCorruptedFileIsRefusedByNameAndNothingIsKept() throws Exception {
        assertThatThrownBy(() -> locator(base + "/corrupt/").folderFor(TEST))
                .isInstanceOf(DatasetException.class)
                .hasMessageStartingWith("Could not download t10k-images-idx3-ubyte.gz: " + base + "/corrupt/t10k-images-idx3-ubyte.gz "
                        + "sent a file whose SHA-256 is ")
                .hasMessageContaining(", not the official 346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073 "
                        + "(damaged on the way, or not the official file). Nothing half-downloaded was kept. Try again "
                        + "(check the internet connection or proxy); or copy the official t10k-images-idx3-ubyte.gz "
                        + "(4,422,102 bytes, SHA-256 346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073) into "
                        + cache() + " yourself; or, on Debian/Ubuntu, apt-get install dataset-fashion-mnist.");
        assertThat(cached()).as("no file, no .part").isEmpty();

        // A later run is not misled by the failed one.
        assertThat(locator(base + "/ok/").folderFor(TEST)).isEqualTo(cache());
        assertThat(FashionMnist.load(cache(), Split.TEST).size()).isEqualTo(10_000);
    }

    @Test
    void aCorruptedFileIsSaidInChinese() throws Exception {
        Messages.use(Language.ZH_CN);

        assertThatThrownBy(() -> locator(base + "/corrupt/").folderFor(TEST))
                .hasMessageStartingWith("无法下载 t10k-images-idx3-ubyte.gz：" + base + "/corrupt/t10k-images-idx3-ubyte.gz 发送的文件 SHA-256 是 ")
                .hasMessageContaining("而官方文件是 346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073（传输中损坏，或者不是官方文件）")
                .hasMessageContaining("没有保留任何下载到一半的文件。请再试一次")
                .hasMessageContaining("（4,422,102 字节，SHA-256 346e55b9");
        assertThat(cached()).isEmpty();
    }

    @Test
    void aServerThatIsDownIsSaidForEachLocation() throws Exception {
        String down1 = "http://127.0.0.1:" + closedPort() + "/";
        String down2 = "http://127.0.0.1:" + closedPort() + "/";

        assertThatThrownBy(() -> locator(down1, down2).folderFor(TEST))
                .isInstanceOf(DatasetException.class)
                .hasMessageStartingWith("Could not download t10k-images-idx3-ubyte.gz: " + down1 + "t10k-images-idx3-ubyte.gz "
                        + "could not be reached (java.net.ConnectException")
                .hasMessageContaining("; " + down2 + "t10k-images-idx3-ubyte.gz could not be reached (")
                .hasMessageContaining("Nothing half-downloaded was kept. Try again (check the internet connection or proxy)");
        assertThat(cached()).isEmpty();
        assertThat(console()).contains("; trying " + down2 + "t10k-images-idx3-ubyte.gz");
    }

    @Test
    void aFileThatStopsHalfwayIsNotKept() throws Exception {
        assertThatThrownBy(() -> locator(base + "/half/").folderFor(TEST))
                .isInstanceOf(DatasetException.class)
                .hasMessageStartingWith("Could not download t10k-images-idx3-ubyte.gz: " + base + "/half/t10k-images-idx3-ubyte.gz "
                        + "stopped after 2,211,051 of 4,422,102 bytes. ")
                .hasMessageContaining("Nothing half-downloaded was kept.");
        assertThat(cached()).isEmpty();
    }

    /**
     * A connection that drops in the middle of the file, after promising all of it. The JDK's server
     * always finishes a response, so this one is a socket that writes the response by hand.
     */
    @Test
    void aConnectionThatDropsHalfwayLeavesNothing() throws Exception {
        byte[] official = RealFiles.official(OfficialFile.TEST_IMAGES);
        try (ServerSocket dropper = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Thread thread = new Thread(() -> {
                try (Socket socket = dropper.accept()) {
                    socket.getInputStream().read(new byte[4096]);
                    OutputStream out = socket.getOutputStream();
                    out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + official.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(official, 0, official.length / 2);
                    out.flush();
                } catch (IOException e) {
                    // The client went away first: the test's assertions say what happened.
                }
            });
            thread.start();

            String url = "http://127.0.0.1:" + dropper.getLocalPort() + "/";
            assertThatThrownBy(() -> locator(url).folderFor(TEST))
                    .hasMessageStartingWith("Could not download t10k-images-idx3-ubyte.gz: " + url + "t10k-images-idx3-ubyte.gz "
                            + "stopped after ")
                    .hasMessageContaining(" of 4,422,102 bytes")
                    .hasMessageContaining("Nothing half-downloaded was kept.");
            thread.join(10_000);
        }
        assertThat(cached()).isEmpty();
    }

    @Test
    void whenTheFirstLocationFailsTheFallbackServes() throws Exception {
        Path folder = locator(base + "/missing/", base + "/ok/").folderFor(TEST);

        assertThat(folder).isEqualTo(cache());
        assertThat(cached()).containsExactly("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");
        assertThat(requests).containsExactly("/missing/t10k-images-idx3-ubyte.gz", "/ok/t10k-images-idx3-ubyte.gz",
                "/missing/t10k-labels-idx1-ubyte.gz", "/ok/t10k-labels-idx1-ubyte.gz");
        assertThat(console()).contains(base + "/missing/t10k-images-idx3-ubyte.gz answered HTTP 404; trying "
                + base + "/ok/t10k-images-idx3-ubyte.gz");
        assertThat(FashionMnist.load(folder, Split.TEST).size()).isEqualTo(10_000);
    }

    @Test
    void aDamagedFileFromTheFirstLocationIsReplacedByTheFallbacks() throws Exception {
        assertThat(locator(base + "/corrupt/", base + "/ok/").folderFor(TEST)).isEqualTo(cache());
        assertThat(sha256(Files.readAllBytes(cache().resolve("t10k-images-idx3-ubyte.gz"))))
                .isEqualTo(OfficialFile.TEST_IMAGES.sha256);
        assertThat(cached()).containsExactly("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");
    }

    /** The project's location is plain http; a move to https (or elsewhere) is followed. */
    @Test
    void aRedirectIsFollowed() throws Exception {
        assertThat(locator(base + "/moved/").folderFor(TEST)).isEqualTo(cache());
        assertThat(requests).contains("/moved/t10k-images-idx3-ubyte.gz", "/ok/t10k-images-idx3-ubyte.gz");
    }

    /** Only the files the cache lacks are fetched. */
    @Test
    void aHalfFilledCacheGetsOnlyWhatItLacks() throws Exception {
        Files.createDirectories(cache());
        Files.write(cache().resolve("t10k-labels-idx1-ubyte.gz"), RealFiles.official(OfficialFile.TEST_LABELS));

        assertThat(locator(base + "/ok/").folderFor(TEST)).isEqualTo(cache());
        assertThat(requests).containsExactly("/ok/t10k-images-idx3-ubyte.gz");
    }

    @Test
    void moreBytesThanTheOfficialFileAreRefused() throws Exception {
        assertThatThrownBy(() -> locator(base + "/longer/").folderFor(TEST))
                .hasMessageContaining(base + "/longer/t10k-images-idx3-ubyte.gz sent more than the 4,422,102 bytes of the official file");
        assertThat(cached()).isEmpty();
    }

    @Test
    void aServerThatStopsSendingIsGivenUp() throws Exception {
        assertThatThrownBy(() -> locator(Duration.ofSeconds(1), base + "/stalls/").folderFor(TEST))
                .hasMessageContaining(base + "/stalls/t10k-images-idx3-ubyte.gz sent nothing for 1 s, after 1,000 of 4,422,102 bytes");
        assertThat(cached()).isEmpty();
    }

    /** Downloads off: nothing is asked of any server. */
    @Test
    void withDownloadsOffNothingIsFetched() {
        Map<String, String> properties = new HashMap<>(Map.of(FashionMnistLocator.DOWNLOAD_PROPERTY, "false"));
        FashionMnistLocator.Machine machine = new FashionMnistLocator.Machine("Linux", home, dir.resolve("work"),
                dir.resolve("no-debian"), properties::get, name -> null);
        FashionMnistLocator offline = new FashionMnistLocator(machine, List.of(base + "/ok/"), null, Duration.ofSeconds(1));

        assertThatThrownBy(() -> offline.folderFor(TEST)).isInstanceOf(DatasetException.class)
                .hasMessageContaining("Downloading is off (-Dgrader.download=false)");
        assertThat(requests).isEmpty();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
