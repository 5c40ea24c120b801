package org.dlgrader.plot;

import java.util.function.Supplier;

/**
 * A picture that explains a score: its bytes (PNG or SVG), made only when a report asks for them;
 * bytes rather than an image so it can come back from a grading worker process as it is.
 *
 * @param mediaType {@link #PNG} or {@link #SVG}
 */
public record Figure(String title, String caption, String mediaType, Supplier<byte[]> bytes) {

    public static final String PNG = "image/png";
    public static final String SVG = "image/svg+xml";

    public static Figure png(String title, String caption, Supplier<byte[]> png) {
        return new Figure(title, caption, PNG, png);
    }

    public static Figure svg(String title, String caption, Supplier<byte[]> svg) {
        return new Figure(title, caption, SVG, svg);
    }
}
