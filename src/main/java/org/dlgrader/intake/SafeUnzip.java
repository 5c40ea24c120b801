package org.dlgrader.intake;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.dlgrader.io.Folders;

/**
 * Unpacks a student's zip into a folder and nothing outside it: no absolute paths, no "..", no
 * links; at most {@code maxFiles} files and {@code maxBytes} bytes, counted as they are written
 * (an entry's declared size may lie). Names from Chinese Windows zips, which are GBK without the
 * UTF-8 flag, are decoded as GBK.
 */
final class SafeUnzip {

    /** A refusal: the zip is not unpacked at all, and this says why. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    private static final int S_IFLNK = 0120000;

    private SafeUnzip() {
    }

    /** Unpacks {@code zip} into {@code target} (which must not exist); returns the files written. */
    static List<Path> unpack(Path zip, Path target, int maxFiles, long maxBytes) throws IOException, Refused {
        try {
            return unpack(zip, target, maxFiles, maxBytes, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException | ZipException malformedUtf8) {
            Folders.delete(target);
            return unpack(zip, target, maxFiles, maxBytes, Charset.forName("GBK"));
        }
    }

    private static List<Path> unpack(Path zip, Path target, int maxFiles, long maxBytes, Charset names)
            throws IOException, Refused {
        String zipName = zip.getFileName().toString();
        Files.createDirectories(target);
        Path root = target.toAbsolutePath().normalize();
        List<Path> written = new ArrayList<>();
        long total = 0;
        java.util.Set<String> links = linkEntries(zip, names);
        try (ZipFile file = new ZipFile(zip.toFile(), names)) {
            for (Enumeration<? extends ZipEntry> entries = file.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName().replace('\\', '/');
                if (entry.isDirectory() || ignorable(name)) {
                    continue;
                }
                if (name.startsWith("/") || name.matches("^[A-Za-z]:.*")) {
                    throw new Refused(zipName + " holds " + name + ", an absolute path; refused");
                }
                Path out = root.resolve(name).normalize();
                if (!out.startsWith(root) || name.contains("../")) {
                    throw new Refused(zipName + " holds " + name + ", which points outside the folder it unpacks into; refused");
                }
                if (links.contains(entry.getName())) {
                    throw new Refused(zipName + " holds " + name + ", a symbolic link; refused");
                }
                if (written.size() >= maxFiles) {
                    throw new Refused(zipName + " holds more than " + maxFiles + " files; refused");
                }
                Files.createDirectories(out.getParent());
                try (InputStream in = file.getInputStream(entry); OutputStream sink = Files.newOutputStream(out)) {
                    byte[] buffer = new byte[1 << 16];
                    int n;
                    while ((n = in.read(buffer)) > 0) {
                        total += n;
                        if (total > maxBytes) {
                            throw new Refused(zipName + " unpacks to more than " + (maxBytes >> 20) + " MB; refused");
                        }
                        sink.write(buffer, 0, n);
                    }
                }
                written.add(out);
            }
        } catch (Refused e) {
            Folders.delete(target);
            throw e;
        }
        return written;
    }

    /** Folders some zip tools add that are never homework. */
    private static boolean ignorable(String name) {
        return name.startsWith("__MACOSX/") || name.endsWith(".DS_Store") || name.endsWith("Thumbs.db");
    }

    /**
     * Names of entries whose Unix mode says "symbolic link": the mode sits in the upper half of
     * each central-directory record's external attributes, which java.util.zip does not expose.
     */
    static java.util.Set<String> linkEntries(Path zip, Charset names) throws IOException {
        java.util.Set<String> links = new java.util.HashSet<>();
        byte[] bytes = Files.readAllBytes(zip);
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int eocd = -1;
        for (int i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
            if (buffer.getInt(i) == 0x06054b50) {
                eocd = i;
                break;
            }
        }
        if (eocd < 0) {
            return links;
        }
        long offset = buffer.getInt(eocd + 16) & 0xFFFFFFFFL;
        int count = buffer.getShort(eocd + 10) & 0xFFFF;
        int p = (int) Math.min(offset, bytes.length);
        for (int k = 0; k < count && p + 46 <= bytes.length && buffer.getInt(p) == 0x02014b50; k++) {
            int madeBy = (buffer.getShort(p + 4) & 0xFFFF) >>> 8;
            int nameLength = buffer.getShort(p + 28) & 0xFFFF;
            int extraLength = buffer.getShort(p + 30) & 0xFFFF;
            int commentLength = buffer.getShort(p + 32) & 0xFFFF;
            long external = buffer.getInt(p + 38) & 0xFFFFFFFFL;
            if (madeBy == 3 && ((external >>> 16) & 0170000) == S_IFLNK && p + 46 + nameLength <= bytes.length) {
                links.add(new String(bytes, p + 46, nameLength, names));
            }
            p += 46 + nameLength + extraLength + commentLength;
        }
        return links;
    }
}
