package org.dlgrader.model.onnx;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dlgrader.model.onnx.Protobuf.Field;
import org.dlgrader.model.onnx.Protobuf.Malformed;

/**
 * ONNX external data (onnx.save_model(..., save_as_external_data=True), and torch.onnx.export for
 * models over 2 GB): tensors whose bytes sit in side-car files next to the model. They are folded
 * into the model here, in the grading process, from the student's folder only, so that the worker
 * receives one self-contained model and ONNX Runtime never opens a file. A side-car that is
 * missing, outside the folder or over the limit is left out, and the loader then refuses the model,
 * naming it.
 */
public final class ExternalData {

    private ExternalData() {
    }

    /**
     * {@code model} with the bytes of its external tensors inside, read from files in {@code model}'s
     * own folder, at most {@code maxBytes} for the whole; {@code bytes} unchanged when it is not ONNX,
     * keeps nothing outside, or a side-car cannot be read within those bounds.
     */
    public static byte[] foldIn(Path model, byte[] bytes, long maxBytes) {
        if (!OnnxLoader.looksLikeOnnx(Arrays.copyOf(bytes, Math.min(bytes.length, 64)))) {
            return bytes;
        }
        try {
            OnnxGraph graph = OnnxGraph.read(bytes);
            if (graph.external().isEmpty()) {
                return bytes;
            }
            for (OnnxGraph.ExternalTensor tensor : graph.external()) {
                if (Locations.problem(tensor.location()) != null) {
                    return bytes;
                }
            }
            Path folder = model.toAbsolutePath().getParent();
            Folding folding = new Folding(bytes, folder, maxBytes - bytes.length);
            byte[] folded = folding.rewrite(0, bytes.length, Schema.MODEL, 0);
            return folded == null ? bytes : folded;
        } catch (Malformed | IOException | ArithmeticException e) {
            return bytes;
        }
    }

    /** One model being folded: the side-car bytes read so far count against {@code budget}. */
    private static final class Folding {
        private final byte[] data;
        private final Path folder;
        private long budget;
        private final Map<String, Path> checked = new HashMap<>();

        Folding(byte[] data, Path folder, long budget) {
            this.data = data;
            this.folder = folder;
            this.budget = budget;
        }

        /** The message in {@code data[from, to)} with every external tensor inside it folded in, or null when unchanged. */
        byte[] rewrite(int from, int to, Schema kind, int depth) throws Malformed, IOException {
            if (depth > Schema.MAX_DEPTH) {
                throw new Malformed("too deep");
            }
            List<Field> fields = Protobuf.fields(data, from, to);
            if (kind == Schema.TENSOR) {
                return tensor(fields);
            }
            ByteArrayOutputStream out = null;
            int copied = from;
            for (Field field : fields) {
                Schema child = kind.child(field.number());
                if (child == null || field.wire() != Protobuf.LENGTH) {
                    continue;
                }
                byte[] changed = rewrite(field.start(), field.end(), child, depth + 1);
                if (changed != null) {
                    if (out == null) {
                        out = new ByteArrayOutputStream(to - from + 1024);
                    }
                    out.write(data, copied, field.from() - copied);
                    Protobuf.writeBytes(out, field.number(), changed);
                    copied = field.end();
                }
            }
            if (out == null) {
                return null;
            }
            out.write(data, copied, to - copied);
            return out.toByteArray();
        }

        /** A TensorProto kept outside: the same fields, without the location, with raw_data read from the side-car. */
        private byte[] tensor(List<Field> fields) throws Malformed, IOException {
            boolean isExternal = fields.stream().anyMatch(f -> f.number() == Schema.TENSOR_DATA_LOCATION
                    && f.wire() == Protobuf.VARINT && f.value() == Schema.DATA_LOCATION_EXTERNAL);
            if (!isExternal) {
                return null;
            }
            Map<String, String> entries = new HashMap<>();
            for (Field f : fields) {
                if (f.number() == Schema.TENSOR_EXTERNAL_DATA && f.wire() == Protobuf.LENGTH) {
                    String key = null;
                    String value = null;
                    for (Field e : Protobuf.fields(data, f.start(), f.end())) {
                        if (e.number() == 1 && e.wire() == Protobuf.LENGTH) {
                            key = e.text(data);
                        } else if (e.number() == 2 && e.wire() == Protobuf.LENGTH) {
                            value = e.text(data);
                        }
                    }
                    if (key != null && value != null) {
                        entries.put(key, value);
                    }
                }
            }
            byte[] raw = read(entries);
            ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length + 256);
            for (Field f : fields) {
                if (f.number() != Schema.TENSOR_EXTERNAL_DATA && f.number() != Schema.TENSOR_DATA_LOCATION
                        && f.number() != Schema.TENSOR_RAW_DATA) {
                    out.write(data, f.from(), f.end() - f.from());
                }
            }
            Protobuf.writeBytes(out, Schema.TENSOR_RAW_DATA, raw);
            return out.toByteArray();
        }

        private byte[] read(Map<String, String> entries) throws IOException, Malformed {
            String location = entries.getOrDefault("location", "");
            Path file = sideCar(location);
            long offset = entries.containsKey("offset") ? Long.parseLong(entries.get("offset")) : 0;
            try (SeekableByteChannel channel = Files.newByteChannel(file, LinkOption.NOFOLLOW_LINKS)) {
                long size = channel.size();
                long length = entries.containsKey("length") ? Long.parseLong(entries.get("length")) : size - offset;
                if (offset < 0 || length < 0 || offset > size || length > size - offset || length > budget) {
                    throw new IOException(location + ": " + length + " bytes at " + offset + " of " + size);
                }
                budget -= length;
                byte[] raw = new byte[Math.toIntExact(length)];
                java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(raw);
                channel.position(offset);
                while (buffer.hasRemaining()) {
                    if (channel.read(buffer) < 0) {
                        throw new IOException(location + " ended early");
                    }
                }
                return raw;
            } catch (NumberFormatException e) {
                throw new Malformed("an offset or length that is not a number");
            }
        }

        /** The side-car, a regular file inside the model's own folder, reached through no link. */
        private Path sideCar(String location) throws IOException {
            Path known = checked.get(location);
            if (known != null) {
                return known;
            }
            Path file = folder.resolve(location).normalize();
            if (!file.startsWith(folder) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException("no side-car " + location);
            }
            for (Path step = file; !step.equals(folder); step = step.getParent()) {
                if (Files.isSymbolicLink(step)) {
                    throw new IOException(location + " is reached through a link");
                }
            }
            checked.put(location, file);
            return file;
        }
    }
}
