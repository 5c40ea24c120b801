package org.dlgrader.plot;

import java.awt.Color;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

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
                .append("\" height=\"").append(height).append("\" fill=\"").append(fill == null ? "none" : hex(fill)).append('"');
        if (stroke != null) {
            // Half-pixel offsets would blur a one-pixel line; crispEdges keeps it sharp as Java2D drew it.
            out.append(" stroke=\"").append(hex(stroke)).append("\" shape-rendering=\"crispEdges\"");
        }
        out.append("/>");
    }

    /** Text centred on {@code x} with its baseline at {@code y}. */
    void text(double x, int y, int size, Color color, String text) {
        out.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"%d\" text-anchor=\"middle\" fill=\"%s\">",
                x, y, size, hex(color)));
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

    private static String hex(Color color) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", color.getRed(), color.getGreen(), color.getBlue());
    }
}
