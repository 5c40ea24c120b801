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
