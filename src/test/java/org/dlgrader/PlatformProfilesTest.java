package org.dlgrader;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The pom picks the libtorch natives of the machine Maven runs on: Maven is run on this pom as if on
 * each of the four platforms Maven Central has natives for, and on two it has none for.
 *
 * <p>How a run pretends to be another machine: Maven 3.9.7 and later match {@code <os>} activation
 * against {@code -Dos.name}/{@code -Dos.arch} given on its command line, so the wrapper's Maven
 * (what students run) is given them there. Maven 3.8 matches against plexus-utils' {@code Os}, which
 * reads the JVM's own os.name/os.arch once, before Maven applies its command line: there they must
 * be JVM options (MAVEN_OPTS). That four different classifiers come back on one machine is the
 * proof that the properties reached the activation.
 *
 * <p>{@code dependency:tree} only collects the graph (POMs), so nothing of the 40-110 MB jars is
 * downloaded; that each jar exists is asked of Maven Central with a HEAD request.
 */
@Tag("slow")
class PlatformProfilesTest {

    /** An os.name/os.arch pair as a JVM on that machine reports it, and the classifier it needs. */
    record Machine(String osName, String osArch, String classifier) {
        String label() {
            return osName + "/" + osArch;
        }
    }

    static final List<Machine> SUPPORTED = List.of(
            new Machine("Linux", "amd64", "linux-x86_64"),
            new Machine("Windows 11", "amd64", "win-x86_64"),
            new Machine("Mac OS X", "aarch64", "osx-aarch64"),
            new Machine("Linux", "aarch64", "linux-aarch64"));
    /** An Intel Mac (or an x86_64 JDK on Apple silicon) and Windows on ARM: no natives on Maven Central. */
    static final Machine INTEL_MAC = new Machine("Mac OS X", "x86_64", null);
    static final Machine WINDOWS_ARM = new Machine("Windows 11", "aarch64", null);

    static final String REMOTE = System.getProperty("platform.remote", "https://repo.maven.apache.org/maven2");
    static final Path PROJECT = Path.of("").toAbsolutePath();
    static final Path OUT = PROJECT.resolve("target/platform-profiles");

    /** What one Maven run printed, how it ended, and the dependency tree it wrote (empty if none). */
    record Run(int exitCode, String output, String tree, double seconds) {
        List<String> nativeJars() {
            return tree.lines().filter(line -> line.contains(":pytorch-native-cpu:"))
                    .map(line -> line.replaceAll("^[ |+\\\\-]+", "")).toList();
        }
    }

    private static final Map<String, CompletableFuture<Run>> RUNS = new LinkedHashMap<>();
    private static ExecutorService pool;
    private static long started;

    /**
     * One run as this machine is, which fetches the wrapper's Maven, the plugins and the POMs where
     * they are missing; then every other run, two at a time (each is a few seconds of CPU, mostly JVM
     * start). Those are offline: Maven also sets the os properties in its own JVM, and the JDK's
     * socket code then looks for the other OS's classes and fails.
     */
    @BeforeAll
    static void runMaven() throws Exception {
        started = System.nanoTime();
        Files.createDirectories(OUT);
        RUNS.put("this-machine", CompletableFuture.completedFuture(maven(wrapper(), null, List.of(), "this-machine")));
        pool = Executors.newFixedThreadPool(2);
        for (Machine machine : SUPPORTED) {
            submit(machine.classifier(), () -> maven(wrapper(), machine, List.of("-o"), machine.classifier()));
        }
        submit("intel-mac", () -> maven(wrapper(), INTEL_MAC, List.of("-o"), "intel-mac"));
        submit("windows-arm", () -> maven(wrapper(), WINDOWS_ARM, List.of("-o"), "windows-arm"));
        submit("gpu", () -> maven(wrapper(), WINDOWS_ARM, List.of("-o", "-Dgpu"), "gpu"));
        Path mvn = systemMaven38();
        if (mvn != null) {
            submit("maven38", () -> maven(mvn, SUPPORTED.get(2), List.of("-o"), "maven38"));
        }
    }

    @AfterAll
    static void stop() {
        if (pool != null) {
            pool.shutdownNow();
        }
        StringBuilder each = new StringBuilder();
        RUNS.forEach((name, run) -> each.append(String.format(Locale.ROOT, " %s %.1f s", name, run.getNow(new Run(-1, "", "", 0)).seconds())));
        System.out.printf(Locale.ROOT, "PlatformProfilesTest: %d Maven runs in %.1f s:%s%n", RUNS.size(),
                (System.nanoTime() - started) / 1e9, each);
    }

    private interface MavenRun {
        Run call() throws Exception;
    }

    private static void submit(String name, MavenRun run) {
        RUNS.put(name, CompletableFuture.supplyAsync(() -> {
            try {
                return run.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, pool));
    }

    private static Run result(String name) throws Exception {
        return RUNS.get(name).get(5, TimeUnit.MINUTES);
    }

    @Test
    void thisMachineGetsItsOwnNatives() throws Exception {
        Run run = result("this-machine");
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch");
        Machine self = SUPPORTED.stream().filter(m -> os.startsWith(m.osName().toLowerCase(Locale.ROOT).substring(0, 3))
                && arch.equals(m.osArch())).findFirst().orElse(null);
        if (self == null) {
            assertThat(run.output()).contains("dl-grader cannot run on this machine");
            return;
        }
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.nativeJars()).containsExactly("ai.djl.pytorch:pytorch-native-cpu:jar:" + self.classifier() + ":2.7.1:runtime");
    }

    @Test
    void eachSupportedMachineGetsExactlyItsOwnNatives() throws Exception {
        List<String> classifiers = new ArrayList<>();
        for (Machine machine : SUPPORTED) {
            Run run = result(machine.classifier());
            assertThat(run.exitCode()).as("%s: Maven failed:%n%s", machine.label(), run.output()).isZero();
            assertThat(run.nativeJars()).as(machine.label())
                    .containsExactly("ai.djl.pytorch:pytorch-native-cpu:jar:" + machine.classifier() + ":2.7.1:runtime");
            assertThat(run.tree()).as(machine.label()).contains("ai.djl.pytorch:pytorch-jni:jar:2.7.1-0.36.0:runtime");
            classifiers.add(run.nativeJars().get(0));
        }
        // One machine ran all four: the os properties, not the machine, chose each classifier.
        assertThat(classifiers).doesNotHaveDuplicates();
    }

    @Test
    void eachOfTheseNativesIsOnMavenCentral() throws Exception {
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(20)).build();
        for (Machine machine : SUPPORTED) {
            String url = REMOTE + "/ai/djl/pytorch/pytorch-native-cpu/2.7.1/pytorch-native-cpu-2.7.1-" + machine.classifier() + ".jar";
            HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create(url))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.discarding());
            assertThat(response.statusCode()).as(url).isEqualTo(200);
            // A real libtorch (40-110 MB), not the 3 kB placeholder that asks DJL to download natives.
            assertThat(response.headers().firstValueAsLong("content-length").orElse(0)).as(url).isGreaterThan(30L << 20);
        }
    }

    @Test
    void aMachineWithoutNativesStopsAtTheFirstPhaseNamingItself() throws Exception {
        for (var entry : Map.of(INTEL_MAC, "intel-mac", WINDOWS_ARM, "windows-arm").entrySet()) {
            Machine machine = entry.getKey();
            Run run = result(entry.getValue());
            assertThat(run.exitCode()).as(machine.label()).isNotZero();
            assertThat(run.output()).as(machine.label())
                    .contains("enforce (supported-platform)")
                    .contains("dl-grader cannot run on this machine (os.name \"" + machine.osName() + "\", os.arch \""
                            + machine.osArch() + "\"): PyTorch's CPU natives exist only for Windows x86_64, macOS aarch64 "
                            + "(Apple silicon), Linux x86_64 and Linux aarch64");
            assertThat(run.tree()).as("stopped before the tree").isEmpty();
        }
    }

    @Test
    void gpuLeavesTheCpuNativesOutOnAnyMachine() throws Exception {
        Run run = result("gpu");
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.nativeJars()).isEmpty();
        assertThat(run.tree()).contains("ai.djl.pytorch:pytorch-engine:jar:0.36.0");
    }

    /** Maven 3.8 (CI's Debian Maven) sees the properties only as JVM options, and picks the same jar. */
    @Test
    void maven38SeesTheMachineThroughMavenOpts() throws Exception {
        Assumptions.assumeTrue(RUNS.containsKey("maven38"), "no Maven 3.8 on the PATH");
        Run run = result("maven38");
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.nativeJars()).containsExactly("ai.djl.pytorch:pytorch-native-cpu:jar:osx-aarch64:2.7.1:runtime");
    }

    /**
     * {@code validate} (where the platform check runs) and the dependency tree, as on {@code machine}
     * (null: as on this one).
     * The properties go on the command line (Maven 3.9.7+) and, for Maven 3.8, in MAVEN_OPTS too. There
     * the JVM itself believes it runs elsewhere: a Windows os.name makes Maven's console library call
     * Windows' console API and die, a macOS one its network code, so 3.8 is asked only offline, for macOS.
     */
    static Run maven(Path maven, Machine machine, List<String> extra, String name) throws IOException, InterruptedException {
        Path tree = OUT.resolve(name + ".txt");
        Path log = OUT.resolve(name + ".log");
        Files.deleteIfExists(tree);
        List<String> command = new ArrayList<>(List.of(maven.toString(), "-B", "-ntp"));
        if (machine != null) {
            command.addAll(List.of("-Dos.name=" + machine.osName(), "-Dos.arch=" + machine.osArch()));
        }
        command.addAll(extra);
        command.addAll(List.of("validate", "dependency:tree", "-DoutputFile=" + tree));
        ProcessBuilder builder = new ProcessBuilder(command).directory(PROJECT.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        if (machine != null && !maven.getFileName().toString().startsWith("mvnw")) {
            String opts = builder.environment().getOrDefault("MAVEN_OPTS", "");
            builder.environment().put("MAVEN_OPTS", (opts + " -Dos.name=" + machine.osName().replace(" ", "")
                    + " -Dos.arch=" + machine.osArch()).trim());
        }
        long start = System.nanoTime();
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(name + ": Maven did not finish in 5 minutes; see " + log);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        String written = Files.exists(tree) ? Files.readString(tree, StandardCharsets.UTF_8) : "";
        return new Run(process.exitValue(), output, written, (System.nanoTime() - start) / 1e9);
    }

    static Path wrapper() {
        boolean windows = System.getProperty("os.name").startsWith("Windows");
        return PROJECT.resolve(windows ? "mvnw.cmd" : "mvnw");
    }

    /** {@code mvn} on the PATH when it is a Maven 3.8, else null. */
    static Path systemMaven38() throws IOException, InterruptedException {
        if (System.getProperty("os.name").startsWith("Windows")) {
            return null;
        }
        for (String folder : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path mvn = Path.of(folder, "mvn");
            if (Files.isExecutable(mvn)) {
                Process process = new ProcessBuilder(mvn.toString(), "-v").redirectErrorStream(true).start();
                String version = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                process.waitFor(1, TimeUnit.MINUTES);
                return version.lines().anyMatch(line -> line.contains("Apache Maven 3.8.")) ? mvn : null;
            }
        }
        return null;
    }
}
