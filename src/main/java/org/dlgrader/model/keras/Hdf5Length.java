package org.dlgrader.model.keras;

import static org.dlgrader.i18n.Messages.tr;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.dlgrader.model.ModelRejected;

/**
 * How long an HDF5 file says it is: its superblock records the end-of-file address. A file cut off
 * on the way (a failed attachment download) is shorter; such a file may still load when the weights
 * happen to sit in its first part, and would score as if whole, so it is refused as h5py refuses it
 * ("truncated file").
 */
final class Hdf5Length {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    private Hdf5Length() {
    }

    /**
     * @param head the file's first bytes (64 are enough for every superblock version)
     * @param size the file's size in bytes
     */
    static void check(byte[] head, long size, String name) throws ModelRejected {
        long declared = declaredLength(head);
        if (declared > size) {
            throw new ModelRejected(tr("model.hdf5.cutOff", name, size, declared));
        }
    }

    /** The superblock's base address plus end-of-file address, or -1 when the head does not say. */
    static long declaredLength(byte[] head) {
        if (head.length < 12 || !java.util.Arrays.equals(head, 0, 8, SIGNATURE, 0, 8)) {
            return -1;
        }
        ByteBuffer buffer = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
        int version = head[8] & 0xff;
        int offsets;
        int addresses;
        switch (version) {
            case 0, 1 -> {
                offsets = head[13] & 0xff;
                addresses = version == 0 ? 24 : 28;
            }
            case 2, 3 -> {
                offsets = head[9] & 0xff;
                addresses = 12;
            }
            default -> {
                return -1;
            }
        }
        if (offsets != 8 && offsets != 4 || addresses + 3L * offsets > head.length) {
            return -1;
        }
        long base = read(buffer, addresses, offsets);
        // Version 0/1: base, free-space info, end of file. Version 2/3: base, superblock extension, end of file.
        long end = read(buffer, addresses + 2 * offsets, offsets);
        return base < 0 || end < 0 ? -1 : base + end;
    }

    private static long read(ByteBuffer buffer, int at, int size) {
        return size == 8 ? buffer.getLong(at) : buffer.getInt(at) & 0xffffffffL;
    }
}
