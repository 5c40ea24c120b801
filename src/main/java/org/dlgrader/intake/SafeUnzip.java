package org.dlgrader.intake;

import static org.dlgrader.i18n.Messages.tr;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.dlgrader.io.Folders;

/**
 * Unpacks a student's zip into a folder and nothing outside it: no absolute paths, no "..", no
 * links, no names a path cannot hold; within the submission's {@link Budget} of files and bytes,
 * counted as they are written (an entry's declared size may lie). Names from Chinese Windows zips,
 * which are GBK without the UTF-8 flag, are decoded as GBK. The zip is read from disk entry by
 * entry, never whole into memory.
 */
final class SafeUnzip {

    private static final int S_IFLNK = 0120000;
    private static final int END_OF_CENTRAL_DIRECTORY = 0x06054b50;
    private static final int CENTRAL_DIRECTORY_ENTRY = 0x02014b50;

    private SafeUnzip() {
    }

    /**
     * Unpacks {@code zip} (its name as the student wrote it: {@code zipName}) into {@code target},
     * which must not exist, charging {@code budget}; returns the files written.
     */
    static List<Path> unpack(Path zip, String zipName, Path target, Budget budget) throws IOException, Refused {
        Budget attempt = budget.copy();
        List<Path> written;
        try {
            written = unpack(zip, zipName, target, attempt, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException | ZipException malformedUtf8) {
            Folders.delete(target);
            attempt = budget.copy();
            written = unpack(zip, zipName, target, attempt, Charset.forName("GBK"));
        }
        budget.settle(attempt);
        return written;
    }

    private static List<Path> unpack(Path zip, String zipName, Path target, Budget budget, Charset names)
            throws IOException, Refused {
        Files.createDirectories(target);
        Path root = target.toAbsolutePath().normalize();
        List<Path> written = new ArrayList<>();
        Set<String> links = linkEntries(zip, names);
        try (ZipFile file = new ZipFile(zip.toFile(), names)) {
            for (Enumeration<? extends ZipEntry> entries = file.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName().replace('\\', '/');
                String shown = AttachmentName.forLog(name);
                if (entry.isDirectory() || ignorable(name)) {
                    continue;
                }
                if (name.chars().anyMatch(Character::isISOControl)) {
                    throw new Refused(tr("intake.unzip.controlCharacter", zipName, shown));
                }
                if (name.startsWith("/") || name.matches("^[A-Za-z]:.*")) {
                    throw new Refused(tr("intake.unzip.absolutePath", zipName, shown));
                }
                Path out = root.resolve(name).normalize();
                if (!out.startsWith(root) || name.contains("../")) {
                    throw new Refused(tr("intake.unzip.outside", zipName, shown));
                }
                if (links.contains(entry.getName())) {
                    throw new Refused(tr("intake.unzip.link", zipName, shown));
                }
                if (!budget.file()) {
                    throw new Refused(tr("intake.unzip.tooManyFiles", zipName, budget.maxFiles));
                }
                Files.createDirectories(out.getParent());
                try (InputStream in = file.getInputStream(entry); OutputStream sink = Files.newOutputStream(out)) {
                    byte[] buffer = new byte[1 << 16];
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        if (!budget.bytes(n)) {
                            throw new Refused(tr("intake.unzip.tooManyBytes", zipName, budget.megabytes(), budget.maxBytes >> 20));
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
     * Reads the end record from the file's tail and the central directory record by record.
     */
    static Set<String> linkEntries(Path zip, Charset names) throws IOException {
        Set<String> links = new HashSet<>();
        try (FileChannel channel = FileChannel.open(zip, StandardOpenOption.READ)) {
            long size = channel.size();
            int tailLength = (int) Math.min(size, 22 + 65535);
            ByteBuffer tail = ByteBuffer.allocate(tailLength).order(ByteOrder.LITTLE_ENDIAN);
            while (tail.hasRemaining() && channel.read(tail, size - tailLength + tail.position()) > 0) {
                // read until the tail is full
            }
            int eocd = -1;
            for (int i = tailLength - 22; i >= 0; i--) {
                if (tail.getInt(i) == END_OF_CENTRAL_DIRECTORY) {
                    eocd = i;
                    break;
                }
            }
            if (eocd < 0) {
                return links;
            }
            int count = tail.getShort(eocd + 10) & 0xFFFF;
            long offset = tail.getInt(eocd + 16) & 0xFFFFFFFFL;
            if (offset >= size) {
                return links;
            }
            InputStream in = new BufferedInputStream(Channels.newInputStream(channel.position(offset)), 1 << 16);
            for (int k = 0; k < count; k++) {
                byte[] header = in.readNBytes(46);
                ByteBuffer record = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
                if (header.length < 46 || record.getInt(0) != CENTRAL_DIRECTORY_ENTRY) {
                    break;
                }
                int madeBy = (record.getShort(4) & 0xFFFF) >>> 8;
                int nameLength = record.getShort(28) & 0xFFFF;
                int extraLength = record.getShort(30) & 0xFFFF;
                int commentLength = record.getShort(32) & 0xFFFF;
                long external = record.getInt(38) & 0xFFFFFFFFL;
                byte[] name = in.readNBytes(nameLength);
                if (name.length < nameLength) {
                    break;
                }
                if (madeBy == 3 && ((external >>> 16) & 0170000) == S_IFLNK) {
                    links.add(new String(name, names));
                }
                in.skipNBytes(extraLength + commentLength);
            }
        } catch (java.io.EOFException truncated) {
            // A central directory cut short: java.util.zip refuses such a zip when it opens it.
        }
        return links;
    }
}
