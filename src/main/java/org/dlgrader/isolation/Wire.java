package org.dlgrader.isolation;

import static org.dlgrader.i18n.Messages.tr;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.dlgrader.model.DenseNetwork;
import org.dlgrader.model.InputRows;
import org.dlgrader.model.InputSpec;
import org.dlgrader.model.LoadedModel;
import org.dlgrader.model.LocalRunner;
import org.dlgrader.model.ModelRun;
import org.dlgrader.model.ModelShape;

/**
 * The private channel between the grading process and a worker: a Unix-domain socket the parent
 * creates for that worker alone, never standard output (which a model's {@code print} writes to).
 * Binary frames: a kind byte, then the kind's fields. Everything read from a worker is bounded
 * before it is allocated, so a worker that lies about sizes is caught, not believed.
 */
final class Wire {

    static final byte HELLO = 1;
    static final byte READY = 2;
    static final byte ROWS = 3;
    static final byte JOB = 4;
    static final byte RESULT = 5;

    static final byte OUTPUTS = 0;
    static final byte REFUSED = 1;
    static final byte NOT_GRADABLE = 2;
    static final byte GRADER_FAULT = 3;

    /** The longest text a worker may send in one field; the parent cuts it further for pages. */
    static final int MAX_TEXT_BYTES = 64 << 10;
    static final int MAX_NOTES = 64;
    static final int MAX_NAME_BYTES = 1024;
    /** More layers than any model of a lesson has; a shape beyond it is sent cut, which the grading process sees as incomplete. */
    static final int MAX_LAYERS = 1024;
    static final int MAX_LAYER_SIZES = 8;
    static final int MAX_KIND_BYTES = 32;

    private Wire() {
    }

    /** A malformed or impossible message: the worker that sent it is not to be trusted again. */
    static final class Violation extends IOException {
        Violation(String message) {
            super(message);
        }
    }

    static DataInputStream in(SocketChannel channel) {
        // Straight to the channel: Channels.newInputStream would hold the channel's blocking lock
        // while it waits, and block every write meanwhile.
        InputStream raw = new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return channel.read(ByteBuffer.wrap(b, off, len));
            }
        };
        return new DataInputStream(new BufferedInputStream(raw, 1 << 16));
    }

    static DataOutputStream out(SocketChannel channel) {
        OutputStream raw = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
        };
        return new DataOutputStream(new BufferedOutputStream(raw, 1 << 16));
    }

    static void writeText(DataOutputStream out, String text, int maxBytes) throws IOException {
        byte[] bytes = (text == null ? "" : text).getBytes(StandardCharsets.UTF_8);
        int length = Math.min(bytes.length, maxBytes);
        out.writeInt(length);
        out.write(bytes, 0, length);
    }

    static String readText(DataInputStream in, int maxBytes) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > maxBytes) {
            throw new Violation(tr("isolation.wire.textTooLong", length, maxBytes));
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static void writeFloats(DataOutputStream out, float[] values, int from, int count) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(Math.min(count, 1 << 18) * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int start = from; start < from + count; ) {
            int n = Math.min(bytes.capacity() / 4, from + count - start);
            bytes.clear();
            bytes.asFloatBuffer().put(values, start, n);
            out.write(bytes.array(), 0, n * 4);
            start += n;
        }
    }

    static float[] readFloats(DataInputStream in, int count) throws IOException {
        float[] values = new float[count];
        byte[] chunk = new byte[Math.min(count, 1 << 18) * 4];
        for (int start = 0; start < count; ) {
            int n = Math.min(chunk.length / 4, count - start);
            in.readFully(chunk, 0, n * 4);
            ByteBuffer.wrap(chunk, 0, n * 4).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values, start, n);
            start += n;
        }
        return values;
    }

    // ---- parent to worker

    static void writeRows(DataOutputStream out, InputRows rows) throws IOException {
        out.writeByte(ROWS);
        writeText(out, rows.name(), MAX_NAME_BYTES);
        out.writeInt(rows.count());
        out.writeInt(rows.features());
        writeFloats(out, rows.rows(), 0, rows.rows().length);
    }

    static InputRows readRows(DataInputStream in) throws IOException {
        String name = readText(in, MAX_NAME_BYTES);
        int count = in.readInt();
        int features = in.readInt();
        return new InputRows(name, readFloats(in, Math.multiplyExact(count, features)), count, features);
    }

    /** A job as the worker receives it: the file's bytes, the format the parent recognised, what to feed. */
    record Job(long id, String format, String fileName, byte[] bytes, InputSpec spec, List<String> rows, int maxUnpackedMb,
            int threads) {
    }

    static void writeJob(DataOutputStream out, Job job) throws IOException {
        out.writeByte(JOB);
        out.writeLong(job.id());
        writeText(out, job.format(), MAX_NAME_BYTES);
        writeText(out, job.fileName(), MAX_NAME_BYTES);
        out.writeInt(job.bytes().length);
        out.write(job.bytes());
        out.writeInt(job.spec().features());
        out.writeInt(job.spec().outputs());
        out.writeInt(job.spec().layouts().size());
        for (long[] layout : job.spec().layouts()) {
            out.writeInt(layout.length);
            for (long d : layout) {
                out.writeLong(d);
            }
        }
        // No network (the free example exercise) is sent as no widths: a network always has two or more.
        DenseNetwork network = job.spec().network();
        out.writeBoolean(network != null && network.flattenInput());
        out.writeInt(network == null ? 0 : network.widths().size());
        for (int width : network == null ? List.<Integer>of() : network.widths()) {
            out.writeInt(width);
        }
        out.writeInt(job.rows().size());
        for (String name : job.rows()) {
            writeText(out, name, MAX_NAME_BYTES);
        }
        out.writeInt(job.maxUnpackedMb());
        out.writeInt(job.threads());
    }

    static Job readJob(DataInputStream in) throws IOException {
        long id = in.readLong();
        String format = readText(in, MAX_NAME_BYTES);
        String fileName = readText(in, MAX_NAME_BYTES);
        byte[] bytes = in.readNBytes(in.readInt());
        int features = in.readInt();
        int outputs = in.readInt();
        List<long[]> layouts = new ArrayList<>();
        for (int i = in.readInt(); i > 0; i--) {
            long[] layout = new long[in.readInt()];
            for (int d = 0; d < layout.length; d++) {
                layout[d] = in.readLong();
            }
            layouts.add(layout);
        }
        boolean flatten = in.readBoolean();
        List<Integer> widths = new ArrayList<>();
        for (int i = in.readInt(); i > 0; i--) {
            widths.add(in.readInt());
        }
        List<String> rows = new ArrayList<>();
        for (int i = in.readInt(); i > 0; i--) {
            rows.add(readText(in, MAX_NAME_BYTES));
        }
        int maxUnpackedMb = in.readInt();
        int threads = in.readInt();
        return new Job(id, format, fileName, bytes, new InputSpec(features, outputs, layouts,
                widths.isEmpty() ? null : new DenseNetwork(widths, flatten)), rows,
                maxUnpackedMb, threads);
    }

    // ---- worker to parent

    static void writeResult(DataOutputStream out, long id, ModelRun run) throws IOException {
        out.writeByte(RESULT);
        out.writeLong(id);
        if (run instanceof ModelRun.Outputs outputs) {
            out.writeByte(OUTPUTS);
            writeText(out, outputs.description(), MAX_TEXT_BYTES);
            List<String> notes = outputs.notes().stream().limit(MAX_NOTES).toList();
            out.writeInt(notes.size());
            for (String note : notes) {
                writeText(out, note, MAX_TEXT_BYTES);
            }
            out.writeBoolean(outputs.declaresSoftmax());
            out.writeInt(outputs.outputs().size());
            for (LoadedModel.Output output : outputs.outputs()) {
                out.writeInt(output.count());
                out.writeInt(output.width());
                writeFloats(out, output.values(), 0, output.values().length);
            }
            writeShape(out, outputs.shape());
        } else if (run instanceof ModelRun.Refused refused) {
            out.writeByte(REFUSED);
            writeText(out, refused.message(), MAX_TEXT_BYTES);
        } else if (run instanceof ModelRun.NotGradable notGradable) {
            out.writeByte(NOT_GRADABLE);
            writeText(out, notGradable.reason(), MAX_TEXT_BYTES);
        } else {
            out.writeByte(GRADER_FAULT);
            writeText(out, ((ModelRun.GraderFault) run).reason(), MAX_TEXT_BYTES);
        }
    }

    /** What a job's answer may hold: as many outputs as it fed rows, each no larger than its rows allow. */
    record Expected(List<Integer> rowCounts, int outputs) {
    }

    static ModelRun readResult(DataInputStream in, Expected expected) throws IOException {
        byte kind = in.readByte();
        switch (kind) {
            case OUTPUTS -> {
                String description = readText(in, MAX_TEXT_BYTES);
                int noteCount = in.readInt();
                if (noteCount < 0 || noteCount > MAX_NOTES) {
                    throw new Violation(tr("isolation.wire.notes", noteCount));
                }
                List<String> notes = new ArrayList<>();
                for (int i = 0; i < noteCount; i++) {
                    notes.add(readText(in, MAX_TEXT_BYTES));
                }
                boolean softmax = in.readBoolean();
                int outputCount = in.readInt();
                if (outputCount != expected.rowCounts().size()) {
                    throw new Violation(tr("isolation.wire.outputCount", outputCount, expected.rowCounts().size()));
                }
                List<LoadedModel.Output> outputs = new ArrayList<>();
                for (int i = 0; i < outputCount; i++) {
                    int count = in.readInt();
                    int width = in.readInt();
                    int rows = expected.rowCounts().get(i);
                    boolean complete = width == expected.outputs() && count == rows;
                    boolean firstBatch = width != expected.outputs() && count > 0 && count <= Math.min(rows, LocalRunner.BATCH);
                    if (width < 1 || width > LocalRunner.MAX_WIDTH || !(complete || firstBatch)) {
                        throw new Violation(tr("isolation.wire.outputRows", count, width, rows));
                    }
                    outputs.add(new LoadedModel.Output(readFloats(in, count * width), count, width));
                }
                return new ModelRun.Outputs(description, notes, softmax, outputs, readShape(in));
            }
            case REFUSED -> {
                return new ModelRun.Refused(readText(in, MAX_TEXT_BYTES));
            }
            case NOT_GRADABLE -> {
                return new ModelRun.NotGradable(readText(in, MAX_TEXT_BYTES));
            }
            case GRADER_FAULT -> {
                return new ModelRun.GraderFault(readText(in, MAX_TEXT_BYTES));
            }
            default -> throw new Violation(tr("isolation.wire.unknownAnswer", kind));
        }
    }

    /** A model's layers as raw numbers and kinds: the grading process decides what they mean. */
    static void writeShape(DataOutputStream out, ModelShape shape) throws IOException {
        List<ModelShape.Layer> layers = shape.layers();
        if (layers.size() > MAX_LAYERS) {
            // Cut, never dropped: a model must not slip past an architecture rule by having too many layers to list.
            layers = new ArrayList<>(layers.subList(0, MAX_LAYERS - 1));
            layers.add(new ModelShape.Layer(ModelShape.OTHER, List.of(shape.layers().size())));
        }
        out.writeLong(shape.parameters());
        out.writeInt(layers.size());
        for (ModelShape.Layer layer : layers) {
            writeText(out, layer.kind(), MAX_KIND_BYTES);
            List<Integer> sizes = layer.sizes().stream().limit(MAX_LAYER_SIZES).toList();
            out.writeInt(sizes.size());
            for (int size : sizes) {
                out.writeInt(size);
            }
        }
    }

    static ModelShape readShape(DataInputStream in) throws IOException {
        long parameters = in.readLong();
        int count = in.readInt();
        if (parameters < -1 || count < 0 || count > MAX_LAYERS) {
            throw new Violation(tr("isolation.wire.shape", count, parameters));
        }
        List<ModelShape.Layer> layers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String kind = readText(in, MAX_KIND_BYTES);
            // Only kinds the grader knows reach a page; anything else a worker says is "other".
            kind = ModelShape.KINDS.contains(kind) ? kind : ModelShape.OTHER;
            int sizeCount = in.readInt();
            if (sizeCount < 0 || sizeCount > MAX_LAYER_SIZES) {
                throw new Violation(tr("isolation.wire.shape", count, parameters));
            }
            List<Integer> sizes = new ArrayList<>();
            for (int s = 0; s < sizeCount; s++) {
                int size = in.readInt();
                if (size < 0) {
                    throw new Violation(tr("isolation.wire.shape", count, parameters));
                }
                sizes.add(size);
            }
            layers.add(new ModelShape.Layer(kind, sizes));
        }
        return new ModelShape(layers, parameters);
    }

    static void expectKind(byte actual, byte expected) throws IOException {
        if (actual != expected) {
            throw new Violation(tr("isolation.wire.unexpectedKind", actual, expected));
        }
    }

    static byte readKind(DataInputStream in) throws IOException {
        int kind = in.read();
        if (kind < 0) {
            throw new EOFException("the channel closed");
        }
        return (byte) kind;
    }
}
