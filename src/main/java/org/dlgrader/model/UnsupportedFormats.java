package org.dlgrader.model;

import static org.dlgrader.i18n.Messages.tr;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Model formats students hand in that the grader does not run, named so the message can say what
 * the file is rather than "bytes that match no model format".
 */
final class UnsupportedFormats {

    private static final byte[] NUMPY = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    private UnsupportedFormats() {
    }

    /** "a safetensors file", "a TensorFlow Lite model", in the run's language, or null when the bytes say nothing. */
    static String describe(ModelFile file) {
        String text = file.headText();
        if (file.isZip()) {
            if (file.hasEntry(n -> n.endsWith("saved_model.pb"))) {
                return tr("model.unsupported.savedModel");
            }
            if (file.hasEntry(n -> n.endsWith(".npy"))) {
                return tr("model.unsupported.npz");
            }
            return null;
        }
        if (file.startsWith(NUMPY)) {
            return tr("model.unsupported.npy");
        }
        if (text.length() >= 8 && text.startsWith("TFL3", 4)) {
            return tr("model.unsupported.tflite");
        }
        if (isSafetensors(file)) {
            return tr("model.unsupported.safetensors");
        }
        byte first = (byte) text.charAt(0);
        if (first == (byte) 0x80 && text.length() > 1 && text.charAt(1) >= 2 && text.charAt(1) <= 5) {
            return tr("model.unsupported.pickle");
        }
        return null;
    }

    /** An 8-byte little-endian header length, then the JSON header itself. */
    private static boolean isSafetensors(ModelFile file) {
        String text = file.headText();
        if (text.length() < 10) {
            return false;
        }
        long length = ByteBuffer.wrap(text.substring(0, 8).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))
                .order(ByteOrder.LITTLE_ENDIAN).getLong();
        return length > 1 && length < file.size() && text.charAt(8) == '{' && text.charAt(9) == '"';
    }
}
