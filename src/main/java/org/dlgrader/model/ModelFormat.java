package org.dlgrader.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** The model formats the grader reads, told apart by content: students rename files freely. */
public enum ModelFormat {
    TORCHSCRIPT("TorchScript (torch.jit.save)"),
    PYTORCH_ZIP("PyTorch torch.save file"),
    PYTORCH_LEGACY("PyTorch torch.save file (legacy pre-1.6 format)"),
    KERAS_H5("Keras HDF5"),
    KERAS_ZIP("Keras 3 .keras archive"),
    DJL_PARAMS("DJL parameters"),
    DAMAGED_ZIP("damaged zip archive"),
    UNKNOWN("unknown");

    private static final byte[] HDF5 = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    private static final byte[] ZIP = {'P', 'K', 3, 4};
    private static final byte[] DJL = "DJL@".getBytes(StandardCharsets.US_ASCII);
    /** A pickle (protocol 2) whose first object is torch's legacy magic number 0x1950a86a20f9469cfc6c. */
    private static final byte[] LEGACY_TORCH = {(byte) 0x80, 0x02, (byte) 0x8a, 0x0a, 0x6c, (byte) 0xfc, (byte) 0x9c, 0x46};

    public final String description;

    ModelFormat(String description) {
        this.description = description;
    }

    public static ModelFormat detect(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(16);
        }
        if (startsWith(head, HDF5)) {
            return KERAS_H5;
        }
        if (startsWith(head, DJL)) {
            return DJL_PARAMS;
        }
        if (startsWith(head, LEGACY_TORCH)) {
            return PYTORCH_LEGACY;
        }
        if (startsWith(head, ZIP)) {
            List<String> names = entryNames(file);
            if (names.isEmpty()) {
                return DAMAGED_ZIP;
            }
            if (names.contains("config.json") && names.stream().anyMatch(n -> n.endsWith(".weights.h5"))) {
                return KERAS_ZIP;
            }
            boolean pickle = names.stream().anyMatch(n -> n.endsWith("/data.pkl") || n.equals("data.pkl"));
            boolean code = names.stream().anyMatch(n -> n.contains("/code/") || n.endsWith("/constants.pkl"));
            if (pickle && code) {
                return TORCHSCRIPT;
            }
            if (pickle) {
                return PYTORCH_ZIP;
            }
        }
        return UNKNOWN;
    }

    static List<String> entryNames(Path file) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (var entries = zip.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                names.add(entry.getName());
            }
        } catch (java.util.zip.ZipException e) {
            return List.of();
        }
        return names;
    }

    private static boolean startsWith(byte[] head, byte[] prefix) {
        return head.length >= prefix.length && Arrays.equals(head, 0, prefix.length, prefix, 0, prefix.length);
    }
}
