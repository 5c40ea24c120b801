package org.dlgrader.isolation;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/** The class path a child JVM needs to run this project's code, as a list of real files and folders. */
public final class ClassPath {

    private ClassPath() {
    }

    /**
     * java.class.path when started with java -cp, the class loader's URLs when a host such as Maven's
     * exec:java loaded this code; a jar that only lists others in its manifest (what Surefire and
     * Failsafe start test JVMs with) is replaced by what it lists, so a sandbox can be given exactly
     * those files.
     */
    public static List<Path> entries() {
        List<String> raw = new ArrayList<>();
        for (ClassLoader loader = ClassPath.class.getClassLoader(); loader != null; loader = loader.getParent()) {
            if (loader instanceof URLClassLoader urls) {
                for (URL url : urls.getURLs()) {
                    try {
                        raw.add(Path.of(url.toURI()).toString());
                    } catch (URISyntaxException | IllegalArgumentException e) {
                        // Not a file: nothing a child JVM could use.
                    }
                }
            }
        }
        if (raw.isEmpty()) {
            raw.addAll(List.of(System.getProperty("java.class.path").split(File.pathSeparator)));
        }
        Set<Path> entries = new LinkedHashSet<>();
        for (String entry : raw) {
            if (entry.isBlank()) {
                continue;
            }
            Path path = Path.of(entry).toAbsolutePath().normalize();
            List<Path> listed = manifestClassPath(path);
            if (listed.isEmpty()) {
                entries.add(path);
            } else {
                entries.addAll(listed);
            }
        }
        return entries.stream().filter(Files::exists).toList();
    }

    public static String current() {
        return String.join(File.pathSeparator, entries().stream().map(Path::toString).toList());
    }

    /** The Class-Path of a jar that holds no classes of its own (a launcher jar), else nothing. */
    private static List<Path> manifestClassPath(Path jar) {
        if (!jar.toString().endsWith(".jar") || !Files.isRegularFile(jar)) {
            return List.of();
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String classPath = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
            boolean launcherOnly = file.stream().noneMatch(e -> e.getName().endsWith(".class") && !e.getName().contains("surefire"));
            if (classPath == null || classPath.isBlank() || !launcherOnly) {
                return List.of();
            }
            List<Path> listed = new ArrayList<>();
            URI base = jar.toUri();
            for (String item : classPath.trim().split("\\s+")) {
                try {
                    listed.add(Path.of(base.resolve(item)).toAbsolutePath().normalize());
                } catch (IllegalArgumentException e) {
                    // Not a file URL.
                }
            }
            listed.add(jar);
            return listed;
        } catch (IOException e) {
            return List.of();
        }
    }
}
