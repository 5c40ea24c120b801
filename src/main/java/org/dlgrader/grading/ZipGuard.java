package org.dlgrader.grading;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.dlgrader.model.ModelRejected;

/**
 * Refuses a zip-based model (TorchScript, torch.save, .keras) whose entries would unpack to more
 * than the limit, or compress suspiciously well, before libtorch or a loader inflates anything.
 */
final class ZipGuard {

    /** Model weights hardly compress; a thousandfold ratio is a zip bomb, not a model. */
    static final long MAX_RATIO = 1000;

    private ZipGuard() {
    }

    static void check(Path file, int maxUnpackedMb) throws ModelRejected, IOException {
        String name = file.getFileName().toString();
        long limit = (long) maxUnpackedMb << 20;
        long total = 0;
        int entries = 0;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (Enumeration<? extends ZipEntry> all = zip.entries(); all.hasMoreElements(); ) {
                ZipEntry entry = all.nextElement();
                entries++;
                long size = entry.getSize();
                long packed = entry.getCompressedSize();
                if (size < 0) {
                    throw new ModelRejected(name + ": entry " + entry.getName() + " does not declare its size; the archive is damaged.");
                }
                total += size;
                if (packed > 0 && size / packed > MAX_RATIO && size > (1 << 20)) {
                    throw new ModelRejected(String.format("%s: entry %s unpacks %d-fold (%d MB from %d KB), which no model "
                            + "does; it looks like a zip bomb and was not unpacked.", name, entry.getName(), size / packed,
                            size >> 20, packed >> 10));
                }
                if (total > limit) {
                    throw new ModelRejected(String.format("%s unpacks to more than %d MB (limits.maxUnpackedMb); the lesson's "
                            + "models are under 3 MB. It was not unpacked.", name, maxUnpackedMb));
                }
                if (entries > 100_000) {
                    throw new ModelRejected(name + " holds more than 100,000 entries; it is not a model file.");
                }
            }
        } catch (java.util.zip.ZipException e) {
            throw new ModelRejected(name + " is a damaged zip archive (" + e.getMessage()
                    + "); it was probably cut off when copied or attached. Save and send it again.", e);
        }
    }
}
