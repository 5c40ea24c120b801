package org.dlgrader.model.pytorch;

import static org.dlgrader.i18n.Messages.tr;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;

/**
 * An unpickler that builds only what a state_dict holds: ordered dicts, tensors, parameters and
 * storages. Any other class a pickle names is refused before anything is built, so a hostile
 * file cannot run code, and a whole pickled module ({@code torch.save(model)}) is recognised.
 */
final class TorchPickle extends Unpickler {

    /** A storage reference from a persistent id; the bytes are looked up later by key. */
    record StorageRef(StorageType type, String key, String location, long numel) {
    }

    /** {@code torch._utils._rebuild_tensor_v2(storage, offset, size, stride, ...)}. */
    record TensorRef(StorageRef storage, long offset, long[] shape, long[] stride) {
        long numel() {
            long n = 1;
            for (long d : shape) {
                n = Math.multiplyExact(n, d);
            }
            return n;
        }
    }

    /** A storage that declares more values than any model here holds, or fewer than none. */
    static final class StorageTooLarge extends PickleException {
        final long numel;

        StorageTooLarge(long numel) {
            super("a storage of " + numel + " values");
            this.numel = numel;
        }
    }

    /**
     * A class the pickle asked for that is not allowed: {@code global} is its Python name, or what
     * else was asked for in the run's language, as the student's message names it. The exception's
     * own message is never shown (StateDictReader words the refusal).
     */
    static final class Refused extends PickleException {
        final String global;

        Refused(String global) {
            super("refused to build " + global);
            this.global = global;
        }
    }

    private static final short GLOBAL = 'c';
    private static final short STACK_GLOBAL = 0x93;
    private static final short INST = 'i';
    private static final short EMPTY_DICT = '}';
    private static final short DICT = 'd';
    private static final short BUILD = 'b';
    private static final short SETITEMS = 'u';
    private static final short OBJ = 'o';
    private static final short EXT1 = 0x82;
    private static final short EXT2 = 0x83;
    private static final short EXT4 = 0x84;

    private final boolean legacy;

    TorchPickle(boolean legacy) {
        this.legacy = legacy;
    }

    Object read(InputStream in) throws IOException {
        return load(in);
    }

    @Override
    protected Object dispatch(short key) throws IOException {
        switch (key) {
            case GLOBAL -> {
                String module = PickleUtils.readline(input);
                String name = PickleUtils.readline(input);
                stack.add(resolve(module, name));
                return NO_RETURN_VALUE;
            }
            case STACK_GLOBAL -> {
                Object name = stack.pop();
                Object module = stack.pop();
                stack.add(resolve(String.valueOf(module), String.valueOf(name)));
                return NO_RETURN_VALUE;
            }
            case EMPTY_DICT -> {
                // Python dicts keep insertion order, and a state_dict's order is its layers' order.
                stack.add(new LinkedHashMap<Object, Object>());
                return NO_RETURN_VALUE;
            }
            case DICT -> {
                java.util.List<Object> items = stack.pop_all_since_marker();
                LinkedHashMap<Object, Object> dict = new LinkedHashMap<>();
                for (int i = 0; i + 1 < items.size(); i += 2) {
                    dict.put(items.get(i), items.get(i + 1));
                }
                stack.add(dict);
                return NO_RETURN_VALUE;
            }
            case SETITEMS -> {
                // Pyrolite gathers SETITEMS through a HashMap, which loses the order; keep it.
                java.util.List<Object> items = stack.pop_all_since_marker();
                @SuppressWarnings("unchecked")
                Map<Object, Object> dict = (Map<Object, Object>) stack.peek();
                for (int i = 0; i + 1 < items.size(); i += 2) {
                    dict.put(items.get(i), items.get(i + 1));
                }
                return NO_RETURN_VALUE;
            }
            case BUILD -> {
                // torch's OrderedDict carries a _metadata attribute (module versions); it is not needed.
                Object state = stack.pop();
                if (!(stack.peek() instanceof Map)) {
                    throw new Refused(tr("model.pickle.objectState", stack.peek().getClass().getSimpleName()));
                }
                return NO_RETURN_VALUE;
            }
            case INST, OBJ, EXT1, EXT2, EXT4 -> throw new Refused(tr("model.pickle.opcode", Integer.toHexString(key)));
            default -> {
                return super.dispatch(key);
            }
        }
    }

    /** A constructor for the classes a state_dict calls, the storage type itself for storages (only named, never called). */
    private static Object resolve(String module, String name) {
        String global = module + "." + name;
        switch (global) {
            case "collections.OrderedDict":
                return (IObjectConstructor) args -> new LinkedHashMap<Object, Object>();
            case "torch._utils._rebuild_tensor_v2":
            case "torch._utils._rebuild_tensor":
                return (IObjectConstructor) TorchPickle::rebuildTensor;
            case "torch._utils._rebuild_parameter":
            case "torch._utils._rebuild_parameter_with_state":
                return (IObjectConstructor) args -> args[0];
            default:
                if (module.equals("torch") && name.endsWith("Storage")) {
                    StorageType type = StorageType.byName(name);
                    if (type != null) {
                        return type;
                    }
                }
                throw new Refused(global);
        }
    }

    private static Object rebuildTensor(Object[] args) {
        if (args.length < 4 || !(args[0] instanceof StorageRef storage)) {
            throw new PickleException(tr("model.pickle.malformedTensor", Arrays.toString(args)));
        }
        long offset = ((Number) args[1]).longValue();
        long[] shape = longs(args[2]);
        long[] stride = longs(args[3]);
        if (shape.length != stride.length) {
            throw new PickleException(tr("model.pickle.strideLength"));
        }
        if (offset < 0 || offset > storage.numel()) {
            throw new PickleException(tr("model.pickle.offset"));
        }
        return new TensorRef(storage, offset, shape, stride);
    }

    private static long[] longs(Object tuple) {
        Object[] values = tuple instanceof Object[] array ? array : new Object[] {tuple};
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = ((Number) values[i]).longValue();
            if (out[i] < 0) {
                throw new PickleException(tr("model.pickle.negative"));
            }
        }
        return out;
    }

    @Override
    protected Object persistentLoad(Object pid) {
        if (!(pid instanceof Object[] tuple) || tuple.length < 5 || !"storage".equals(tuple[0])
                || !(tuple[1] instanceof StorageType type)) {
            throw new PickleException(tr("model.pickle.persistentId", pid instanceof Object[] t ? Arrays.toString(t) : pid));
        }
        long numel = ((Number) tuple[4]).longValue();
        // Checked before anything multiplies it: 2^62 floats are 2^64 bytes, which a long wraps round to 0.
        if (numel < 0 || numel > StateDictReader.MAX_TENSOR_BYTES / type.bytes) {
            throw new StorageTooLarge(numel);
        }
        if (legacy && tuple.length > 5 && tuple[5] != null) {
            throw new PickleException(tr("model.pickle.legacyViews"));
        }
        return new StorageRef(type, String.valueOf(tuple[2]), String.valueOf(tuple[3]), numel);
    }

    /** Element types of torch storages, with their size in bytes. */
    enum StorageType {
        FLOAT("FloatStorage", 4), DOUBLE("DoubleStorage", 8), HALF("HalfStorage", 2), BFLOAT16("BFloat16Storage", 2),
        LONG("LongStorage", 8), INT("IntStorage", 4), SHORT("ShortStorage", 2), CHAR("CharStorage", 1),
        BYTE("ByteStorage", 1), BOOL("BoolStorage", 1);

        final String pythonName;
        final int bytes;

        StorageType(String pythonName, int bytes) {
            this.pythonName = pythonName;
            this.bytes = bytes;
        }

        static StorageType byName(String name) {
            for (StorageType type : values()) {
                if (type.pythonName.equals(name)) {
                    return type;
                }
            }
            return null;
        }

        boolean isFloatingPoint() {
            return this == FLOAT || this == DOUBLE || this == HALF || this == BFLOAT16;
        }
    }
}
