package org.dlgrader.isolation;

import static org.dlgrader.i18n.Messages.tr;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * An operating-system sandbox for a worker process, made with bubblewrap (Debian/Ubuntu package
 * {@code bubblewrap}, the mechanism Flatpak uses): new user, PID, network, IPC, UTS and cgroup
 * namespaces, so no network and no view of other processes; a read-only view of only the JDK, the
 * grader's class path, the system libraries and the libtorch natives; a private, size-limited
 * tmpfs for {@code /tmp} and {@code /dev/shm}; no capabilities; killed with its parent. The
 * student's folder, the reports, the data set and the home folder do not exist inside it: the
 * model file reaches the worker as bytes over its channel.
 */
public final class Sandbox {

    /** Where the worker finds its channel inside the sandbox. */
    static final String CHANNEL = "/grader/channel.sock";
    private static final List<String> SYSTEM_LIBRARIES = List.of("/usr/lib", "/usr/lib64", "/usr/lib32", "/lib", "/lib64", "/lib32");

    /** Whether bubblewrap can make a sandbox here, and if not, why. */
    public record Status(boolean available, String reason) {
    }

    private static volatile Status status;

    private Sandbox() {
    }

    /** Tried once per process: bubblewrap is installed and user namespaces work (not in every container). */
    public static Status status() {
        Status known = status;
        if (known == null) {
            known = probe();
            status = known;
        }
        return known;
    }

    private static Status probe() {
        if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
            return new Status(false, tr("isolation.sandbox.linuxOnly", System.getProperty("os.name")));
        }
        Path bwrap = executable();
        if (bwrap == null) {
            return new Status(false, tr("isolation.sandbox.notInstalledHow"));
        }
        List<String> command = new ArrayList<>(List.of(bwrap.toString(), "--unshare-all", "--die-with-parent",
                "--cap-drop", "ALL"));
        command.addAll(systemBinds());
        command.addAll(List.of("--ro-bind", "/usr/bin/true", "/usr/bin/true", "--proc", "/proc", "--dev", "/dev",
                "--tmpfs", "/tmp", "/usr/bin/true"));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes()).trim();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Status(false, tr("isolation.sandbox.noAnswer", 10));
            }
            return process.exitValue() == 0 ? new Status(true, "bubblewrap " + bwrap)
                    : new Status(false, tr("isolation.sandbox.noNamespaces", output));
        } catch (IOException e) {
            return new Status(false, tr("isolation.sandbox.cannotStart", e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Status(false, tr("isolation.sandbox.interrupted"));
        }
    }

    /** Where bubblewrap is, when not on the PATH. */
    public static final String BWRAP_PROPERTY = "grader.bwrap";

    private static Path executable() {
        String named = System.getProperty(BWRAP_PROPERTY);
        if (named != null && !named.isBlank()) {
            return Files.isExecutable(Path.of(named)) ? Path.of(named) : null;
        }
        for (String dir : (System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin:/bin").split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "bwrap");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * The bubblewrap command that runs {@code inner} (a java command line) confined.
     *
     * @param readOnly files and folders the worker may read, mounted at their own paths
     * @param channel the parent's socket file, which appears inside as {@link #CHANNEL}
     * @param tmpMb size of the private /tmp (which receives the model file) and of /dev/shm
     */
    static List<String> command(List<String> inner, List<Path> readOnly, Path channel, int tmpMb, Map<String, String> env) {
        Path bwrap = executable();
        if (bwrap == null) {
            throw new IllegalStateException(tr("isolation.sandbox.notInstalled"));
        }
        List<String> command = new ArrayList<>(List.of(bwrap.toString(),
                "--unshare-all", "--die-with-parent", "--new-session", "--cap-drop", "ALL", "--clearenv"));
        env.forEach((key, value) -> command.addAll(List.of("--setenv", key, value)));
        command.addAll(systemBinds());
        // The private /tmp first, the binds on top: a classpath under /tmp (-Dmaven.repo.local=/tmp/…)
        // would otherwise be hidden by it.
        command.addAll(List.of("--proc", "/proc", "--dev", "/dev",
                "--size", Long.toString((long) tmpMb << 20), "--tmpfs", "/tmp",
                "--size", Long.toString(64L << 20), "--tmpfs", "/dev/shm"));
        Set<Path> binds = new LinkedHashSet<>();
        for (Path path : readOnly) {
            binds.add(path.toAbsolutePath().normalize());
        }
        for (Path path : binds) {
            command.addAll(List.of("--ro-bind", path.toString(), path.toString()));
        }
        command.addAll(List.of("--bind", channel.toString(), CHANNEL, "--chdir", "/tmp"));
        command.addAll(inner);
        return command;
    }

    /**
     * The system libraries the JVM and libtorch link against: /usr/lib and friends, as folders or as
     * the symbolic links a merged-/usr system has, and the dynamic linker's cache. Nothing under
     * /usr/share (where Debian keeps the data set), /home, /root or /etc beyond that cache.
     */
    private static List<String> systemBinds() {
        List<String> binds = new ArrayList<>();
        for (String name : SYSTEM_LIBRARIES) {
            Path path = Path.of(name);
            try {
                if (Files.isSymbolicLink(path)) {
                    binds.addAll(List.of("--symlink", Files.readSymbolicLink(path).toString(), name));
                } else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    binds.addAll(List.of("--ro-bind", name, name));
                }
            } catch (IOException e) {
                // Not there: nothing to bind.
            }
        }
        binds.addAll(List.of("--ro-bind-try", "/etc/ld.so.cache", "/etc/ld.so.cache"));
        return binds;
    }

    /**
     * The JDK folder and what its symbolic links point to outside it (Debian's JDK keeps its
     * configuration in /etc/java-17-openjdk).
     */
    static List<Path> javaHome() {
        Path home = Path.of(System.getProperty("java.home")).toAbsolutePath();
        List<Path> paths = new ArrayList<>();
        try {
            Path real = home.toRealPath();
            paths.add(real);
            try (Stream<Path> all = Files.walk(real, 4)) {
                all.filter(Files::isSymbolicLink).forEach(link -> {
                    try {
                        Path target = link.toRealPath();
                        if (!target.startsWith(real) && !target.startsWith("/usr/lib")) {
                            paths.add(target.getParent());
                        }
                    } catch (IOException e) {
                        // A dangling link: nothing to bind.
                    }
                });
            }
        } catch (IOException e) {
            paths.add(home);
        }
        return paths.stream().distinct().toList();
    }
}
