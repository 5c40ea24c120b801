package org.dlgrader.model;

/**
 * Refuses a zip-based model (TorchScript, torch.save, .keras) whose entries would unpack to more
 * than the limit, or compress suspiciously well, before libtorch or a loader inflates anything.
 * It reads only the listing {@link ModelFile} already holds.
 */
public final class ZipGuard {

    /** Model weights hardly compress; a thousandfold ratio is a zip bomb, not a model. */
    static final long MAX_RATIO = 1000;
    static final int MAX_ENTRIES = 100_000;

    private ZipGuard() {
    }

    /**
     * An entry's bytes, at most {@code limit}, checked against the CRC its archive records: Java checks
     * compressed entries itself, but not stored ones, and torch.save stores tensors uncompressed, so
     * a flipped byte there would be read as a wrong weight.
     */
    public static byte[] read(java.util.zip.ZipFile zip, java.util.zip.ZipEntry entry, long limit, String name)
            throws java.io.IOException, ModelRejected {
        byte[] bytes;
        try (java.io.InputStream in = zip.getInputStream(entry)) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        } catch (java.util.zip.ZipException e) {
            throw damaged(name, entry.getName() + ": " + e.getMessage());
        }
        if (bytes.length > limit) {
            throw new ModelRejected(name + ": entry " + entry.getName() + " unpacks to more than " + limit + " bytes.");
        }
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(bytes);
        if (entry.getCrc() != -1 && crc.getValue() != entry.getCrc()) {
            throw damaged(name, entry.getName() + " does not match its checksum");
        }
        return bytes;
    }

    /** Every entry read and checked against its CRC: for archives that another library reads after us. */
    public static void verify(java.util.zip.ZipFile zip, String name, long limit) throws java.io.IOException, ModelRejected {
        for (var entries = zip.entries(); entries.hasMoreElements(); ) {
            read(zip, entries.nextElement(), limit, name);
        }
    }

    public static ModelRejected damaged(String name, String what) {
        return new ModelRejected(name + " is damaged: " + what + ". It was probably damaged while it was copied or attached; "
                + "save it again and attach it again.");
    }

    public static void check(ModelFile file, int maxUnpackedMb) throws ModelRejected {
        String name = file.name();
        long limit = (long) maxUnpackedMb << 20;
        long total = 0;
        if (file.entries().size() > MAX_ENTRIES) {
            throw new ModelRejected(name + " holds more than " + MAX_ENTRIES + " entries; it is not a model file.");
        }
        for (ModelFile.Entry entry : file.entries()) {
            long size = entry.size();
            long packed = entry.compressedSize();
            if (size < 0) {
                throw new ModelRejected(name + ": entry " + entry.name() + " does not declare its size; the archive is damaged.");
            }
            total += size;
            if (packed > 0 && size / packed > MAX_RATIO && size > (1 << 20)) {
                throw new ModelRejected(String.format("%s: entry %s unpacks %d-fold (%d MB from %d KB), which no model "
                        + "does; it looks like a zip bomb and was not unpacked.", name, entry.name(), size / packed,
                        size >> 20, packed >> 10));
            }
            if (total > limit || total < 0) {
                throw new ModelRejected(String.format("%s unpacks to more than %d MB (limits.maxUnpackedMb); the lesson's "
                        + "models are under 3 MB. It was not unpacked.", name, maxUnpackedMb));
            }
        }
    }
}
