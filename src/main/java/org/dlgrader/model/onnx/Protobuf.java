package org.dlgrader.model.onnx;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The protocol-buffer wire format, as much of it as reading and editing an ONNX file needs: the
 * fields of one message, each with where its value lies. No protobuf library: ONNX's schema is a
 * handful of field numbers, and a reader that checks every length against the bytes it has cannot
 * be made to read outside them.
 */
final class Protobuf {

    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH = 2;
    static final int FIXED32 = 5;

    /** Thrown for bytes that are not a well-formed message. */
    static final class Malformed extends Exception {
        Malformed(String message) {
            super(message);
        }
    }

    /**
     * One field: its number, wire type, and either its integer (varint and fixed) or the range
     * {@code [start, end)} of its bytes (length-delimited); {@code from} is where its key starts.
     */
    record Field(int number, int wire, long value, int from, int start, int end) {

        String text(byte[] data) {
            return new String(data, start, end - start, StandardCharsets.UTF_8);
        }
    }

    private Protobuf() {
    }

    /**
     * More fields than any message of an exported network has (its graph has one per node and
     * tensor; tensor values are packed into one field): the grading process reads students' files,
     * and 100 MB of two-byte fields must not become 50 million objects there.
     */
    static final int MAX_FIELDS = 1 << 20;

    /** The fields of the message in {@code data[from, to)}, in the order they are written. */
    static List<Field> fields(byte[] data, int from, int to) throws Malformed {
        List<Field> fields = new ArrayList<>();
        int[] at = {from};
        while (at[0] < to) {
            if (fields.size() >= MAX_FIELDS) {
                throw new Malformed("more than " + MAX_FIELDS + " fields in one message");
            }
            int keyAt = at[0];
            long key = varint(data, at, to);
            int number = (int) (key >>> 3);
            int wire = (int) (key & 7);
            if (number <= 0 || key >>> 3 > Integer.MAX_VALUE) {
                throw new Malformed("field number " + (key >>> 3) + " at byte " + keyAt);
            }
            switch (wire) {
                case VARINT -> fields.add(new Field(number, wire, varint(data, at, to), keyAt, at[0], at[0]));
                case FIXED64, FIXED32 -> {
                    int size = wire == FIXED64 ? 8 : 4;
                    if (to - at[0] < size) {
                        throw new Malformed("a fixed field runs past the end at byte " + keyAt);
                    }
                    fields.add(new Field(number, wire, 0, keyAt, at[0], at[0] + size));
                    at[0] += size;
                }
                case LENGTH -> {
                    long length = varint(data, at, to);
                    if (length < 0 || length > to - at[0]) {
                        throw new Malformed("field " + number + " at byte " + keyAt + " says it is " + length
                                + " bytes long, more than is left");
                    }
                    fields.add(new Field(number, wire, length, keyAt, at[0], at[0] + (int) length));
                    at[0] += (int) length;
                }
                default -> throw new Malformed("wire type " + wire + " at byte " + keyAt);
            }
        }
        return fields;
    }

    static List<Field> fields(byte[] data) throws Malformed {
        return fields(data, 0, data.length);
    }

    /** The numbers of a packed repeated varint field ({@code data[from, to)}), as TensorProto's dims are written. */
    static List<Long> packedVarints(byte[] data, int from, int to) throws Malformed {
        List<Long> values = new ArrayList<>();
        int[] at = {from};
        while (at[0] < to) {
            if (values.size() >= MAX_FIELDS) {
                throw new Malformed("more than " + MAX_FIELDS + " numbers in one field");
            }
            values.add(varint(data, at, to));
        }
        return values;
    }

    private static long varint(byte[] data, int[] at, int to) throws Malformed {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (at[0] >= to) {
                throw new Malformed("a number runs past the end");
            }
            byte b = data[at[0]++];
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new Malformed("a number longer than 10 bytes");
    }

    /** A new content for a length-delimited field, or null to keep it as it is. */
    interface FieldEdit {
        byte[] apply(Field field) throws Malformed;
    }

    /**
     * The message in {@code data[from, to)} with the contents {@code edit} gives its length-delimited
     * fields, every other byte as it was; null when {@code edit} changed nothing.
     */
    static byte[] edit(byte[] data, int from, int to, FieldEdit edit) throws Malformed {
        java.io.ByteArrayOutputStream out = null;
        int copied = from;
        for (Field field : fields(data, from, to)) {
            if (field.wire() != LENGTH) {
                continue;
            }
            byte[] content = edit.apply(field);
            if (content != null) {
                if (out == null) {
                    out = new java.io.ByteArrayOutputStream(to - from + 64);
                }
                out.write(data, copied, field.from() - copied);
                writeBytes(out, field.number(), content);
                copied = field.end();
            }
        }
        if (out == null) {
            return null;
        }
        out.write(data, copied, to - copied);
        return out.toByteArray();
    }

    /** The key of a field, as written before its value. */
    static void writeKey(java.io.ByteArrayOutputStream out, int number, int wire) {
        writeVarint(out, (long) number << 3 | wire);
    }

    static void writeVarint(java.io.ByteArrayOutputStream out, long value) {
        while ((value & ~0x7FL) != 0) {
            out.write((int) (value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out.write((int) value);
    }

    /** A length-delimited field holding {@code bytes}. */
    static void writeBytes(java.io.ByteArrayOutputStream out, int number, byte[] bytes) {
        writeKey(out, number, LENGTH);
        writeVarint(out, bytes.length);
        out.write(bytes, 0, bytes.length);
    }
}
