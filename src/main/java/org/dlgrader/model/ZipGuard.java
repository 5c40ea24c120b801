package org.dlgrader.model;

import static org.dlgrader.i18n.Messages.tr;

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
            throw new ModelRejected(tr("model.zip.entryTooLarge", name, entry.getName(), limit));
        }
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(bytes);
        if (entry.getCrc() != -1 && crc.getValue() != entry.getCrc()) {
            throw damaged(name, tr("model.zip.checksum", entry.getName()));
        }
        return bytes;
    }

    /** Every entry read and checked against its CRC: for archives that another library reads after us. */
    public static void verify(java.util.zip.ZipFile zip, String name, long limit) throws java.io.IOException, ModelRejected {
        for (var entries = zip.entries(); entries.hasMoreElements(); ) {
            read(zip, entries.nextElement(), limit, name);
        }
    }

    /** @param what what is wrong, in the run's language, without a full stop ("x.pkl does not match its checksum") */
    public static ModelRejected damaged(String name, String what) {
        return new ModelRejected(tr("model.zip.damaged", name, what));
    }

    public static void check(ModelFile file, int maxUnpackedMb) throws ModelRejected {
        String name = file.name();
        long limit = (long) maxUnpackedMb << 20;
        long total = 0;
        if (file.entries().size() > MAX_ENTRIES) {
            throw new ModelRejected(tr("model.zip.tooManyEntries", name, MAX_ENTRIES));
        }
        for (ModelFile.Entry entry : file.entries()) {
            long size = entry.size();
            long packed = entry.compressedSize();
            if (size < 0) {
                throw new ModelRejected(tr("model.zip.noSize", name, entry.name()));
            }
            total += size;
            if (packed > 0 && size / packed > MAX_RATIO && size > (1 << 20)) {
                throw new ModelRejected(tr("model.zip.bomb", name, entry.name(), size / packed, size >> 20, packed >> 10));
            }
            if (total > limit || total < 0) {
                throw new ModelRejected(tr("model.zip.tooLarge", name, maxUnpackedMb));
            }
        }
    }
}
