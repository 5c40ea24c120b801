package org.dlgrader.report;

import static org.dlgrader.i18n.Messages.tr;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The screenshots, notebooks and scripts in a student's folder, for the student page. Only regular
 * files inside the folder count: links are listed as left out and never followed (a link named
 * {@code shot.png} may point at {@code /etc/passwd}), and every file is opened with
 * {@code O_NOFOLLOW}, so a file swapped for a link after the listing is not read either.
 */
final class HandedInFiles {

    enum Kind {
        IMAGE, NOTEBOOK, SCRIPT;

        static Optional<Kind> of(String name) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.endsWith(".png") || lower.endsWith(".jpg") || lower.endsWith(".jpeg")) {
                return Optional.of(IMAGE);
            }
            if (lower.endsWith(".ipynb")) {
                return Optional.of(NOTEBOOK);
            }
            return lower.endsWith(".py") ? Optional.of(SCRIPT) : Optional.empty();
        }
    }

    /** A file to show: its name as the page shows it (relative to the folder) and where it lies. */
    record Found(String name, Kind kind, Path path) {
    }

    /** What the folder holds to show, and what was left out and why (sentences for the student). */
    record Listing(List<Found> files, List<String> leftOut) {
        boolean isEmpty() {
            return files.isEmpty() && leftOut.isEmpty();
        }
    }

    /** Students zip a folder in a folder; deeper than this is not homework. */
    static final int MAX_DEPTH = 3;
    /** Entries looked at in one folder tree: a folder of a million files costs no more than this. */
    static final int MAX_ENTRIES = 2000;
    /** Names longer than this are cut on the page. */
    private static final int MAX_NAME_CHARS = 120;

    private HandedInFiles() {
    }

    static Listing in(Path folder) {
        List<Found> files = new ArrayList<>();
        List<String> leftOut = new ArrayList<>();
        if (folder == null || !Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return new Listing(files, leftOut);
        }
        Path root = folder.toAbsolutePath().normalize();
        // Files.walk does not follow links: a linked folder is one entry, never descended into.
        try (Stream<Path> walk = Files.walk(root, MAX_DEPTH)) {
            List<Path> entries = walk.limit(MAX_ENTRIES + 1L).sorted().toList();
            if (entries.size() > MAX_ENTRIES) {
                leftOut.add(tr("report.handedIn.tooManyEntries", MAX_ENTRIES));
                entries = entries.subList(0, MAX_ENTRIES);
            }
            for (Path path : entries) {
                Path relative = root.relativize(path);
                if (path.equals(root) || hidden(relative)) {
                    continue;
                }
                String name = shown(relative);
                Optional<Kind> kind = Kind.of(path.getFileName().toString());
                if (kind.isEmpty()) {
                    continue;
                }
                if (Files.isSymbolicLink(path)) {
                    leftOut.add(tr("report.handedIn.link", name));
                } else if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                    files.add(new Found(name, kind.get(), path));
                }
            }
        } catch (IOException | UncheckedIOException e) {
            leftOut.add(tr("report.handedIn.unlisted"));
        }
        return new Listing(files, leftOut);
    }

    /** Dot-files and the folders Mac and Windows zips add are never homework. */
    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            String name = part.toString();
            if (name.startsWith(".") || name.equals("__MACOSX") || name.equals("__pycache__")) {
                return true;
            }
        }
        return false;
    }

    /** A name as the page shows it: '/' between folders, no control characters, not endless. */
    static String shown(Path relative) {
        String name = relative.toString().replace('\\', '/').replaceAll("[\\p{Cntrl}\\p{Cf}]", "?");
        return name.length() > MAX_NAME_CHARS ? name.substring(0, MAX_NAME_CHARS) + "…" : name;
    }

    /**
     * The file's bytes, at most {@code max}; empty when it holds more. Opened without following a
     * link, so what is read is the file that was listed or nothing.
     */
    static Optional<byte[]> read(Found file, long max) throws IOException {
        try (SeekableByteChannel channel = Files.newByteChannel(file.path(), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
                InputStream in = Channels.newInputStream(channel)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            return bytes.length > max ? Optional.empty() : Optional.of(bytes);
        }
    }
}
