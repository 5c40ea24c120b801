package org.dlgrader.model.pytorch;

import static org.dlgrader.i18n.Messages.tr;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import net.razorvine.pickle.PickleException;
import org.dlgrader.model.ModelRejected;
import org.dlgrader.model.ZipGuard;
import org.dlgrader.model.pytorch.TorchPickle.StorageRef;
import org.dlgrader.model.pytorch.TorchPickle.TensorRef;

/**
 * Reads the tensors of a {@code torch.save(model.state_dict(), ...)} file, zip or legacy format,
 * on any machine: tensors saved on cuda or mps are read as plain bytes.
 */
public final class StateDictReader {

    /** Limits that keep a hostile archive from exhausting memory before a check can refuse it. */
    static final long MAX_PICKLE_BYTES = 16L << 20;
    static final long MAX_TENSOR_BYTES = 512L << 20;

    private StateDictReader() {
    }

    public static Map<String, Tensor> read(Path file, boolean legacy) throws ModelRejected {
        String name = file.getFileName().toString();
        try {
            Object root;
            Map<String, byte[]> storages;
            if (legacy) {
                LegacyFile parsed = readLegacy(file);
                root = parsed.root;
                storages = parsed.storages;
            } else {
                try (ZipFile zip = new ZipFile(file.toFile())) {
                    String prefix = archivePrefix(zip, name);
                    ZipEntry pickle = zip.getEntry(prefix + "data.pkl");
                    root = new TorchPickle(false).read(new BufferedInputStream(boundedStream(zip, pickle, MAX_PICKLE_BYTES, name)));
                    storages = new HashMap<>();
                    for (TensorRef tensor : tensors(root, name).values()) {
                        StorageRef storage = tensor.storage();
                        if (!storages.containsKey(storage.key())) {
                            storages.put(storage.key(), readStorage(zip, prefix + "data/" + storage.key(), storage, name));
                        }
                    }
                }
            }
            Map<String, Tensor> out = new LinkedHashMap<>();
            for (Map.Entry<String, TensorRef> entry : tensors(root, name).entrySet()) {
                out.put(entry.getKey(), toTensor(entry.getKey(), entry.getValue(), storages.get(entry.getValue().storage().key()), name));
            }
            return out;
        } catch (TorchPickle.Refused refused) {
            throw new ModelRejected(tr("model.stateDict.wholeModel", name, refused.global));
        } catch (TorchPickle.StorageTooLarge large) {
            throw new ModelRejected(tr("model.stateDict.storageTooLarge", name, large.numel));
        } catch (PickleException | ClassCastException | IllegalArgumentException | ArithmeticException e) {
            throw new ModelRejected(tr("model.stateDict.unreadable", name, e.getMessage()), e);
        } catch (java.util.zip.ZipException e) {
            throw new ModelRejected(tr("model.stateDict.damagedZip", name, e.getMessage()), e);
        } catch (IOException e) {
            throw new ModelRejected(tr("model.stateDict.ioError", name, e.getMessage()), e);
        }
    }

    /** Accepts a bare state_dict, or a checkpoint dict that holds one under a usual key. */
    @SuppressWarnings("unchecked")
    private static Map<String, TensorRef> tensors(Object root, String name) throws ModelRejected {
        if (root instanceof Map<?, ?> map) {
            for (String key : List.of("state_dict", "model_state_dict", "model")) {
                if (map.get(key) instanceof Map<?, ?> inner && !inner.isEmpty()) {
                    return tensors(inner, name);
                }
            }
            Map<String, TensorRef> tensors = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (entry.getValue() instanceof TensorRef tensor) {
                    tensors.put(String.valueOf(entry.getKey()), tensor);
                }
            }
            if (!tensors.isEmpty()) {
                return tensors;
            }
        }
        throw new ModelRejected(tr("model.stateDict.noTensors", name));
    }

    private static String archivePrefix(ZipFile zip, String name) throws ModelRejected {
        for (var entries = zip.entries(); entries.hasMoreElements(); ) {
            String entry = entries.nextElement().getName();
            if (entry.endsWith("data.pkl")) {
                return entry.substring(0, entry.length() - "data.pkl".length());
            }
        }
        throw new ModelRejected(tr("model.stateDict.noDataPkl", name));
    }

    private static InputStream boundedStream(ZipFile zip, ZipEntry entry, long limit, String name) throws IOException, ModelRejected {
        if (entry.getSize() > limit) {
            throw new ModelRejected(tr("model.stateDict.entryTooLarge", name, entry.getName(), entry.getSize(), limit));
        }
        return new java.io.ByteArrayInputStream(ZipGuard.read(zip, entry, limit, name));
    }

    private static byte[] readStorage(ZipFile zip, String entryName, StorageRef storage, String name) throws IOException, ModelRejected {
        ZipEntry entry = zip.getEntry(entryName);
        long expected = storage.numel() * storage.type().bytes;
        if (entry == null) {
            throw new ModelRejected(tr("model.stateDict.missingData", name, entryName));
        }
        if (expected > MAX_TENSOR_BYTES) {
            throw new ModelRejected(tr("model.stateDict.tensorTooLarge", name, expected));
        }
        byte[] bytes = ZipGuard.read(zip, entry, expected + 1, name);
        if (bytes.length != expected) {
            throw new ModelRejected(tr("model.stateDict.dataSize", name, entryName, bytes.length, expected,
                    storage.numel(), storage.type().bytes));
        }
        return bytes;
    }

    private static Tensor toTensor(String key, TensorRef ref, byte[] bytes, String name) throws ModelRejected {
        StorageRef storage = ref.storage();
        if (!storage.type().isFloatingPoint()) {
            throw new ModelRejected(tr("model.stateDict.notFloat", name, key, storage.type().pythonName.replace("Storage", "")));
        }
        // Exact arithmetic: shapes and strides come from the file, and a wrapped product would pass any bound.
        long last = ref.offset();
        for (int d = 0; d < ref.shape().length; d++) {
            if (ref.shape()[d] == 0) {
                last = -1;
                break;
            }
            last = Math.addExact(last, Math.multiplyExact(ref.shape()[d] - 1, ref.stride()[d]));
        }
        if (last >= storage.numel()) {
            throw new ModelRejected(tr("model.stateDict.pastEnd", name, key));
        }
        long numel = ref.numel();
        if (numel > MAX_TENSOR_BYTES / 4) {
            throw new ModelRejected(tr("model.stateDict.tensorTooLargeForExercise", name, key));
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        float[] data = new float[(int) numel];
        if (storage.type() == TorchPickle.StorageType.FLOAT && contiguous(ref)) {
            buffer.position((int) ref.offset() * 4);
            buffer.asFloatBuffer().get(data);
            return new Tensor(key, ref.shape().clone(), data, storage.location());
        }
        long[] index = new long[ref.shape().length];
        for (int i = 0; i < numel; i++) {
            long position = ref.offset();
            for (int d = 0; d < index.length; d++) {
                position += index[d] * ref.stride()[d];
            }
            data[i] = element(buffer, storage.type(), (int) position);
            for (int d = index.length - 1; d >= 0; d--) {
                if (++index[d] < ref.shape()[d]) {
                    break;
                }
                index[d] = 0;
            }
        }
        return new Tensor(key, ref.shape().clone(), data, storage.location());
    }

    /** Row-major without gaps: the stride of each axis is the product of the sizes after it. */
    private static boolean contiguous(TensorRef ref) {
        long expected = 1;
        for (int d = ref.shape().length - 1; d >= 0; d--) {
            if (ref.shape()[d] != 1 && ref.stride()[d] != expected) {
                return false;
            }
            expected *= ref.shape()[d];
        }
        return true;
    }

    private static float element(ByteBuffer buffer, TorchPickle.StorageType type, int index) {
        return switch (type) {
            case FLOAT -> buffer.getFloat(index * 4);
            case DOUBLE -> (float) buffer.getDouble(index * 8);
            case HALF -> halfToFloat(buffer.getShort(index * 2));
            case BFLOAT16 -> Float.intBitsToFloat((buffer.getShort(index * 2) & 0xFFFF) << 16);
            default -> throw new IllegalStateException("not floating point: " + type);
        };
    }

    /** IEEE 754 half precision to float (Float.float16ToFloat arrives only in Java 20). */
    static float halfToFloat(short half) {
        int bits = half & 0xFFFF;
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1F;
        int mantissa = bits & 0x3FF;
        if (exponent == 0x1F) {
            return Float.intBitsToFloat(sign | 0x7F800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            float value = mantissa * 0x1p-24f;
            return sign == 0 ? value : -value;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }

    private record LegacyFile(Object root, Map<String, byte[]> storages) {
    }

    /**
     * The pre-1.6 format: pickles of the magic number, protocol version and system info, the
     * object itself, the list of storage keys, then each storage as a little-endian int64 count
     * followed by its raw bytes.
     */
    private static LegacyFile readLegacy(Path file) throws IOException, ModelRejected {
        String name = file.getFileName().toString();
        if (Files.size(file) > MAX_TENSOR_BYTES) {
            throw new ModelRejected(tr("model.stateDict.legacyTooLarge", name));
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            for (int i = 0; i < 3; i++) {
                new TorchPickle(true).read(in);
            }
            Object root = new TorchPickle(true).read(in);
            Object keys = new TorchPickle(true).read(in);
            Map<String, StorageRef> byKey = new HashMap<>();
            for (TensorRef tensor : tensors(root, name).values()) {
                byKey.put(tensor.storage().key(), tensor.storage());
            }
            Map<String, byte[]> storages = new HashMap<>();
            for (Object key : (List<?>) keys) {
                StorageRef storage = byKey.get(String.valueOf(key));
                byte[] count = in.readNBytes(8);
                if (count.length < 8) {
                    throw new ModelRejected(tr("model.stateDict.legacyMissing", name, key));
                }
                long numel = ByteBuffer.wrap(count).order(ByteOrder.LITTLE_ENDIAN).getLong();
                int elementBytes = storage == null ? 4 : storage.type().bytes;
                if (numel < 0 || numel * elementBytes > MAX_TENSOR_BYTES || (storage != null && numel != storage.numel())) {
                    throw new ModelRejected(tr("model.stateDict.legacyCount", name, key, numel));
                }
                byte[] bytes = in.readNBytes((int) (numel * elementBytes));
                if (bytes.length != numel * elementBytes) {
                    throw new ModelRejected(tr("model.stateDict.legacyShort", name, key, bytes.length, numel * elementBytes));
                }
                storages.put(String.valueOf(key), bytes);
            }
            return new LegacyFile(root, storages);
        }
    }
}
