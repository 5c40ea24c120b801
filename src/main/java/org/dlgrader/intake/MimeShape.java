package org.dlgrader.intake;

import static org.dlgrader.i18n.Messages.tr;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A look at an email's layout before jakarta.mail parses it. The parser keeps every part's headers
 * in memory and builds all parts of a multipart at once: a 36 MB email of a million empty parts
 * took a gigabyte of heap and minutes. Counted here in one streaming pass: lines that may open a
 * part ("--" and a boundary), and the bytes of each block of header lines (the email's own, and
 * those after each such line, up to the blank line that ends them).
 */
final class MimeShape {

    /** No mail program writes header blocks this large; a million Received lines would. */
    static final int MAX_HEADER_BYTES = 256 << 10;

    private final String source;
    private final int maxFiles;
    private final int maxParts;
    private int parts;
    private boolean inHeaders = true;
    private long headerBytes;

    private MimeShape(String source, int maxFiles) {
        this.source = source;
        this.maxFiles = maxFiles;
        // Each attachment, a text and an HTML version of the message, nested alternatives, and room to spare.
        this.maxParts = 4 * maxFiles + 100;
    }

    /** Refuses {@code email} (its name in the log: {@code source}) when it has more parts or larger headers than allowed. */
    static void check(Path email, String source, int maxFiles) throws IOException, Refused {
        MimeShape shape = new MimeShape(source, maxFiles);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(email), 1 << 16)) {
            long length = 0;
            int first = -1;
            int second = -1;
            for (int c = in.read(); ; c = in.read()) {
                if (c == '\n' || c < 0) {
                    shape.line(first, second, length);
                    if (c < 0) {
                        return;
                    }
                    length = 0;
                    first = -1;
                    second = -1;
                } else if (c != '\r') {
                    first = length == 0 ? c : first;
                    second = length == 1 ? c : second;
                    length++;
                    // A header line of hundreds of megabytes is refused before its end.
                    shape.headerSoFar(length);
                }
            }
        }
    }

    private void line(int first, int second, long length) throws Refused {
        if (first == '-' && second == '-') {
            if (++parts > maxParts) {
                throw new Refused(tr("intake.mime.tooManyParts", source, maxParts, maxFiles));
            }
            inHeaders = true;
            headerBytes = 0;
        } else if (inHeaders && length == 0) {
            inHeaders = false;
        } else if (inHeaders) {
            headerBytes += length;
        }
    }

    private void headerSoFar(long lineLength) throws Refused {
        if (inHeaders && headerBytes + lineLength > MAX_HEADER_BYTES) {
            throw new Refused(tr("intake.mime.headersTooLarge", source, MAX_HEADER_BYTES >> 10));
        }
    }
}
