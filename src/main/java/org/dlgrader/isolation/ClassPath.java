package org.dlgrader.isolation;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The class path a child JVM needs to run this project's code. */
public final class ClassPath {

    private ClassPath() {
    }

    /**
     * java.class.path when started with java -cp (or by Surefire/Failsafe), the class loader's URLs
     * when a host such as Maven's exec:java loaded this code.
     */
    public static String current() {
        List<String> entries = new ArrayList<>();
        for (ClassLoader loader = ClassPath.class.getClassLoader(); loader != null; loader = loader.getParent()) {
            if (loader instanceof URLClassLoader urls) {
                for (URL url : urls.getURLs()) {
                    try {
                        entries.add(Path.of(url.toURI()).toString());
                    } catch (URISyntaxException | IllegalArgumentException e) {
                        // Not a file: nothing a child JVM could use.
                    }
                }
            }
        }
        return entries.isEmpty() ? System.getProperty("java.class.path") : String.join(File.pathSeparator, entries);
    }
}
