package org.dlgrader.data;

import static org.dlgrader.i18n.Messages.tr;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.dlgrader.data.FashionMnist.Split;

/**
 * Finds the folder that holds the FashionMNIST files a caller needs, and downloads them when no
 * folder does.
 *
 * <p>Order: the folder a teacher names ({@code -Dfashion.mnist.dir}, else {@code $FASHION_MNIST_DIR}),
 * which is then the only one; else the Debian package's folder, torchvision's
 * ({@code ./data/FashionMNIST/raw}, where the lesson's {@code datasets.FashionMNIST(root="data",
 * download=True)} leaves the files), Keras's ({@code ~/.keras/datasets/fashion-mnist}) and the
 * grader's own cache. A folder counts only when it has every file asked for: grading asks for the
 * test set, the reference trainers for the training set as well. When none has them the official
 * files are downloaded into the cache, unless {@code -Dgrader.download=false} (or
 * {@code GRADER_DOWNLOAD=false}) says not to. {@code ai.djl.offline} is not read: it is always true,
 * for DJL's natives.
 */
public final class FashionMnistLocator {

    public static final String PROPERTY = "fashion.mnist.dir";
    public static final String ENVIRONMENT = "FASHION_MNIST_DIR";
    public static final String DOWNLOAD_PROPERTY = "grader.download";
    public static final String DOWNLOAD_ENVIRONMENT = "GRADER_DOWNLOAD";
    /** The switch of earlier versions, still read so that a script that turned downloads off keeps them off. */
    static final String OLD_DOWNLOAD_PROPERTY = "fashion.mnist.download";
    public static final Path DEBIAN = Path.of("/usr/share/datasets/fashion-mnist");

    /**
     * What the locator reads from the machine it runs on. Tests build their own, so that each folder
     * can be laid out with real files without touching the real home or working folder.
     *
     * @param os the {@code os.name} property: "Windows ...", "Mac OS X", anything else is taken as Linux
     */
    public record Machine(String os, Path home, Path workingDirectory, Path debian,
            Function<String, String> properties, Function<String, String> environment) {

        public static Machine current() {
            return new Machine(System.getProperty("os.name", ""), Path.of(System.getProperty("user.home")),
                    Path.of("").toAbsolutePath(), DEBIAN, System::getProperty, System::getenv);
        }

        boolean windows() {
            return os.toLowerCase(Locale.ROOT).startsWith("windows");
        }

        boolean mac() {
            return os.toLowerCase(Locale.ROOT).startsWith("mac");
        }

        /** A property, or null when it is unset or blank. */
        String property(String name) {
            return nonBlank(properties.apply(name));
        }

        String variable(String name) {
            return nonBlank(environment.apply(name));
        }

        private static String nonBlank(String value) {
            return value == null || value.isBlank() ? null : value.trim();
        }
    }

    /** A folder in the search order, and whose folder it is (said in messages). */
    private record Folder(Path path, String what) {
    }

    private final Machine machine;
    private final FashionMnistDownload download;

    public FashionMnistLocator(Machine machine) {
        this(machine, new FashionMnistDownload(FashionMnistDownload.MIRRORS, System.err,
                FashionMnistDownload.CONNECT_TIMEOUT, FashionMnistDownload.READ_TIMEOUT));
    }

    FashionMnistLocator(Machine machine, FashionMnistDownload download) {
        this.machine = machine;
        this.download = download;
    }

    /** Tests: downloads from {@code mirrors} (loopback servers), progress to {@code console} (null: none). */
    FashionMnistLocator(Machine machine, List<String> mirrors, PrintStream console, Duration readTimeout) {
        this(machine, new FashionMnistDownload(mirrors, console, FashionMnistDownload.CONNECT_TIMEOUT, readTimeout));
    }

    /** The locator of this process: the real home, working folder, properties and environment. */
    public static FashionMnistLocator system() {
        return new FashionMnistLocator(Machine.current());
    }

    /** The folder holding all four files (training and test set), downloading what is missing. */
    public static Path locate() {
        return system().folderFor(EnumSet.allOf(Split.class));
    }

    /** The folder holding {@code split}'s two files, downloading them when no folder has them. */
    public static Path locate(Split split) {
        return system().folderFor(EnumSet.of(split));
    }

    /** Whether some folder already holds all four files (nothing needs downloading). */
    public static boolean isInstalled() {
        return system().find(EnumSet.allOf(Split.class)).isPresent();
    }

    /** Whether some folder already holds {@code split}'s two files (nothing needs downloading). */
    public static boolean isInstalled(Split split) {
        return system().find(EnumSet.of(split)).isPresent();
    }

    /** The folders searched, in order. */
    public static List<Path> candidates() {
        return system().searched();
    }

    public static Path cacheDirectory() {
        return system().cache();
    }

    public static boolean holdsAllFiles(Path directory) {
        return missing(directory, needed(EnumSet.allOf(Split.class))).isEmpty();
    }

    /** The folders searched, in order; a folder the teacher names is the only one. */
    public List<Path> searched() {
        return folders().stream().map(Folder::path).toList();
    }

    private List<Folder> folders() {
        Path named = named();
        if (named != null) {
            return List.of(new Folder(named, namedBy()));
        }
        List<Folder> folders = new ArrayList<>();
        // apt-get exists only on Linux; on Windows this path would mean a folder on the current drive.
        if (!machine.windows() && !machine.mac()) {
            folders.add(new Folder(machine.debian(), tr("data.folder.debian")));
        }
        folders.add(new Folder(machine.workingDirectory().resolve(Path.of("data", "FashionMNIST", "raw")),
                tr("data.folder.torchvision")));
        folders.add(new Folder(keras(), tr("data.folder.keras")));
        folders.add(new Folder(cache(), tr("data.folder.cache")));
        return folders;
    }

    /** Where Keras's {@code fashion_mnist.load_data()} keeps the files: {@code $KERAS_HOME} or {@code ~/.keras}. */
    private Path keras() {
        Path kerasHome = path(machine.variable("KERAS_HOME"));
        Path root = kerasHome != null ? kerasHome : machine.home().resolve(".keras");
        return root.resolve(Path.of("datasets", "fashion-mnist"));
    }

    /**
     * The grader's download cache, where each system keeps such files: {@code $XDG_CACHE_HOME} or
     * {@code ~/.cache} on Linux, {@code ~/Library/Caches} on macOS, {@code %LOCALAPPDATA%} on Windows.
     */
    public Path cache() {
        Path root;
        if (machine.windows()) {
            Path local = path(machine.variable("LOCALAPPDATA"));
            root = local != null ? local : machine.home().resolve(Path.of("AppData", "Local"));
        } else if (machine.mac()) {
            root = machine.home().resolve(Path.of("Library", "Caches"));
        } else {
            Path xdg = path(machine.variable("XDG_CACHE_HOME"));
            // The XDG specification ignores a relative value.
            root = xdg != null && xdg.isAbsolute() ? xdg : machine.home().resolve(".cache");
        }
        return root.resolve(Path.of("dl-grader", "fashion-mnist"));
    }

    /** The first folder that holds every file of {@code splits}, without downloading. */
    public Optional<Path> find(Set<Split> splits) {
        List<OfficialFile> needed = needed(splits);
        return searched().stream().filter(folder -> missing(folder, needed).isEmpty()).findFirst();
    }

    /**
     * The first folder that holds every file of {@code splits}; when none does, the cache after the
     * missing files are downloaded into it, unless a folder is named or downloads are off: then an
     * error that lists where it looked, what is missing and how to get the files.
     */
    public Path folderFor(Set<Split> splits) {
        Optional<Path> found = find(splits);
        if (found.isPresent()) {
            return found.get();
        }
        List<OfficialFile> needed = needed(splits);
        List<Folder> folders = folders();
        if (named() != null) {
            throw new DatasetException(notFoundNamed(folders.get(0).path(), needed));
        }
        String offBy = downloadsOffBy();
        if (offBy != null) {
            throw new DatasetException(notFoundSearched(folders, needed, offBy));
        }
        Path cache = cache();
        List<OfficialFile> lacking = needed.stream().filter(file -> !present(cache, file)).toList();
        download.fetch(cache, lacking);
        return cache;
    }

    private Path named() {
        String value = machine.property(PROPERTY) != null ? machine.property(PROPERTY) : machine.variable(ENVIRONMENT);
        if (value == null) {
            return null;
        }
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new DatasetException(tr("data.locate.badFolder", namedBy(), value, e.getMessage()), e);
        }
    }

    /** A folder from the environment, or null when it is unset or not a path this system accepts (then the default serves). */
    private static Path path(String value) {
        try {
            return value == null ? null : Path.of(value);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private String namedBy() {
        return machine.property(PROPERTY) != null ? "-D" + PROPERTY : "$" + ENVIRONMENT;
    }

    /**
     * The setting that turned downloads off, as the user wrote it ({@code -Dgrader.download=false}),
     * or null when downloads are on (the default). A value that is neither on nor off is refused
     * rather than guessed: a teacher who meant "off" must not get a download.
     */
    String downloadsOffBy() {
        List<String[]> settings = List.of(
                new String[] {"-D" + DOWNLOAD_PROPERTY, machine.property(DOWNLOAD_PROPERTY)},
                new String[] {"-D" + OLD_DOWNLOAD_PROPERTY, machine.property(OLD_DOWNLOAD_PROPERTY)},
                new String[] {DOWNLOAD_ENVIRONMENT, machine.variable(DOWNLOAD_ENVIRONMENT)});
        for (String[] setting : settings) {
            String value = setting[1];
            if (value == null) {
                continue;
            }
            switch (value.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on", "1":
                    return null;
                case "false", "no", "off", "0":
                    return setting[0] + "=" + value;
                default:
                    throw new DatasetException(tr("data.download.badSwitch", setting[0] + "=" + value));
            }
        }
        return null;
    }

    static List<OfficialFile> needed(Set<Split> splits) {
        return splits.stream().sorted().flatMap(split -> OfficialFile.of(split).stream()).toList();
    }

    /** The needed files that {@code folder} lacks; a file torchvision has unpacked counts as present. */
    static List<OfficialFile> missing(Path folder, List<OfficialFile> needed) {
        return needed.stream().filter(file -> !present(folder, file)).toList();
    }

    static boolean present(Path folder, OfficialFile file) {
        return Files.isRegularFile(folder.resolve(file.fileName)) || Files.isRegularFile(folder.resolve(file.unpackedName()));
    }

    private String notFoundNamed(Path folder, List<OfficialFile> needed) {
        List<String> sentences = new ArrayList<>();
        sentences.add(tr("data.locate.notFoundNamed", folder, namedBy(), names(needed)));
        partial(folder, needed).ifPresent(sentences::add);
        sentences.add(tr("data.locate.getNamed", namedBy()));
        return String.join(tr("data.locate.sentenceSeparator"), sentences);
    }

    private String notFoundSearched(List<Folder> folders, List<OfficialFile> needed, String offBy) {
        List<String> sentences = new ArrayList<>();
        String where = folders.stream().map(f -> tr("data.locate.folder", f.path(), f.what()))
                .collect(Collectors.joining(tr("data.locate.folderSeparator")));
        sentences.add(tr("data.locate.notFoundSearched", names(needed), where, offBy));
        for (Folder folder : folders) {
            partial(folder.path(), needed).ifPresent(sentences::add);
        }
        sentences.add(tr("data.locate.getSearched", offBy, megabytes(needed), cache()));
        return String.join(tr("data.locate.sentenceSeparator"), sentences);
    }

    /** For a folder that has some of the needed files but not all: which it has and which it lacks. */
    private static Optional<String> partial(Path folder, List<OfficialFile> needed) {
        List<OfficialFile> lacking = missing(folder, needed);
        if (lacking.isEmpty() || lacking.size() == needed.size()) {
            return Optional.empty();
        }
        List<OfficialFile> has = needed.stream().filter(file -> !lacking.contains(file)).toList();
        return Optional.of(tr("data.locate.partial", folder, names(has), names(lacking)));
    }

    static String names(List<OfficialFile> files) {
        return files.stream().map(file -> file.fileName).collect(Collectors.joining(", "));
    }

    static String megabytes(List<OfficialFile> files) {
        return String.format(Locale.ROOT, "%.1f MB", files.stream().mapToLong(file -> file.size).sum() / 1e6);
    }
}
