package org.dlgrader.plot;

import java.awt.Color;
import java.nio.charset.StandardCharsets;

/** A small SVG document written element by element: the few shapes the report's figures need. */
final class Svg {

    private final StringBuilder out = new StringBuilder(16 << 10);

    Svg(int width, int height) {
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">")
                .append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>");
    }

    /** A bitmap scaled to {@code size} without smoothing, as matplotlib's imshow shows 28x28 images. */
    void image(int x, int y, int size, String dataUri) {
        out.append("<image x=\"").append(x).append("\" y=\"").append(y).append("\" width=\"").append(size)
                .append("\" height=\"").append(size).append("\" preserveAspectRatio=\"none\" image-rendering=\"pixelated\"")
                .append(" style=\"image-rendering:pixelated\" href=\"").append(dataUri).append("\"/>");
    }

    /** A rectangle, filled and/or outlined (null for none). */
    void rect(int x, int y, int width, int height, Color fill, Color stroke) {
        out.append("<rect x=\"").append(x).append("\" y=\"").append(y).append("\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" fill=\"");
        if (fill == null) {
            out.append("none");
        } else {
            hex(fill);
        }
        out.append('"');
        if (stroke != null) {
            // Half-pixel offsets would blur a one-pixel line; crispEdges keeps it sharp as Java2D drew it.
            out.append(" stroke=\"");
            hex(stroke);
            out.append("\" shape-rendering=\"crispEdges\"");
        }
        out.append("/>");
    }

    /** Text centred on {@code x} with its baseline at {@code y}. */
    void text(double x, int y, int size, Color color, String text) {
        // Half pixels are enough for text; appended by hand, as String.format was the most of this class's time.
        out.append("<text x=\"").append(Math.round(x * 2) / 2.0).append("\" y=\"").append(y).append("\" font-size=\"").append(size)
                .append("\" text-anchor=\"middle\" fill=\"");
        hex(color);
        out.append("\">");
        escape(text);
        out.append("</text>");
    }

    byte[] bytes() {
        return (out + "</svg>").getBytes(StandardCharsets.UTF_8);
    }

    private void escape(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
    }

    private void hex(Color color) {
        out.append('#');
        for (int shift = 20; shift >= 0; shift -= 4) {
            out.append(Character.forDigit((color.getRGB() >> shift) & 0xF, 16));
        }
    }
}
