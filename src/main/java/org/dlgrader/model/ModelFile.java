package org.dlgrader.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * A model file as the grader first sees it: its name, its size, its first bytes and, for a zip
 * archive, its listing. Each is read once and shared by format detection, the zip guard and the
 * loaders, which then read the contents they need.
 */
public final class ModelFile {

    /** Enough for every magic number and the start of a text file (a Git LFS pointer, a JSON config). */
    static final int HEAD_BYTES = 64;
    private static final byte[] ZIP = {'P', 'K', 3, 4};

    /** One entry of a zip archive as its central directory declares it. */
    public record Entry(String name, long size, long compressedSize) {
    }

    private final Path path;
    private final long size;
    /** The most bytes the whole model may have with its side-cars folded in; 0 when side-cars are not read. */
    private final long maxContentBytes;
    private final byte[] head;
    private List<Entry> entries;
    private byte[] bytes;
    private String zipProblem;

    private ModelFile(Path path, long size, byte[] head, long maxContentBytes) {
        this.path = path;
        this.size = size;
        this.head = head;
        this.maxContentBytes = maxContentBytes;
    }

    /** The file alone: files it names beside it (ONNX external data) are not read. */
    public static ModelFile of(Path path) throws IOException {
        return of(path, 0);
    }

    /**
     * A student's file in their folder: {@link #bytes()} also folds in the side-car files it names
     * there (ONNX external data), up to {@code maxContentBytes} for the whole model.
     */
    public static ModelFile of(Path path, long maxContentBytes) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(path)) {
            head = in.readNBytes(HEAD_BYTES);
        }
        return new ModelFile(path, Files.size(path), head, maxContentBytes);
    }

    public Path path() {
        return path;
    }

    /** The name the student gave the file: what every message calls it. */
    public String name() {
        return path.getFileName().toString();
    }

    public long size() {
        return size;
    }

    /**
     * The whole model, read on the first call and kept: the fingerprint and a worker process both
     * need it. Only for files whose size was checked against the limit first. Side-cars the file
     * names are folded in when this file was made to read them, so that the fingerprint changes with
     * them and a worker needs nothing else.
     */
    public synchronized byte[] bytes() throws IOException {
        if (bytes == null) {
            byte[] raw = Files.readAllBytes(path);
            bytes = maxContentBytes > 0 ? ModelLoaders.withSideCars(this, raw, maxContentBytes) : raw;
        }
        return bytes;
    }

    public boolean startsWith(byte[] prefix) {
        return head.length >= prefix.length && Arrays.equals(head, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** The file's first bytes ({@value #HEAD_BYTES} at most). */
    public byte[] head() {
        return head.clone();
    }

    /** The first bytes as Latin-1 text, for formats that start with words ("version https://git-lfs"). */
    public String headText() {
        return new String(head, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    public boolean isZip() {
        return startsWith(ZIP);
    }

    /**
     * The entries of a zip archive, read from its central directory on the first call; empty when the
     * file is not a zip or its directory is damaged ({@link #zipProblem} says how).
     */
    public synchronized List<Entry> entries() {
        if (entries == null) {
            entries = List.of();
            if (isZip()) {
                List<Entry> found = new ArrayList<>();
                try (ZipFile zip = new ZipFile(path.toFile())) {
                    for (var all = zip.entries(); all.hasMoreElements(); ) {
                        ZipEntry entry = all.nextElement();
                        found.add(new Entry(entry.getName(), entry.getSize(), entry.getCompressedSize()));
                        if (found.size() > ZipGuard.MAX_ENTRIES) {
                            break;
                        }
                    }
                    entries = Collections.unmodifiableList(found);
                } catch (ZipException e) {
                    zipProblem = e.getMessage();
                } catch (IOException e) {
                    zipProblem = String.valueOf(e.getMessage());
                }
            }
        }
        return entries;
    }

    /** Why a file that starts like a zip has no readable listing, or null. */
    public synchronized String zipProblem() {
        entries();
        return zipProblem;
    }

    public boolean hasEntry(java.util.function.Predicate<String> name) {
        return entries().stream().map(Entry::name).anyMatch(name);
    }
}
