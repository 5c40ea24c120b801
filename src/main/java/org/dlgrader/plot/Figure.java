package org.dlgrader.plot;

import java.util.function.Supplier;

/**
 * A picture that explains a score, as PNG bytes made only when a report asks for them; bytes
 * rather than an image so it can come back from a grading worker process as it is.
 */
public record Figure(String title, String caption, Supplier<byte[]> png) {
}
