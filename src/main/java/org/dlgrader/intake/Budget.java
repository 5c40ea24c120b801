package org.dlgrader.intake;

/**
 * How many files and bytes one submission may still write: {@code --max-files} and
 * {@code --max-mb}. Counted as bytes are written, because a zip entry's or an attachment's
 * declared size may lie.
 */
final class Budget {

    final int maxFiles;
    final long maxBytes;
    private int files;
    private long bytes;

    Budget(int maxFiles, long maxBytes) {
        this.maxFiles = maxFiles;
        this.maxBytes = maxBytes;
    }

    /** A budget that starts where this one stands, for an attempt that may be thrown away. */
    Budget copy() {
        Budget copy = new Budget(maxFiles, maxBytes);
        copy.files = files;
        copy.bytes = bytes;
        return copy;
    }

    /** Takes what {@code attempt} spent (an attempt made on a {@link #copy()}). */
    void settle(Budget attempt) {
        files = attempt.files;
        bytes = attempt.bytes;
    }

    /** Counts one more file; false when that is one too many. */
    boolean file() {
        return ++files <= maxFiles;
    }

    /** Counts {@code n} more bytes; false when the total is now over the limit. */
    boolean bytes(long n) {
        bytes += n;
        return bytes <= maxBytes;
    }

    String megabytes() {
        return (maxBytes >> 20) + " MB";
    }
}
