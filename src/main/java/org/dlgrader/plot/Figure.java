package org.dlgrader.plot;

import java.awt.image.BufferedImage;
import java.util.function.Supplier;

/**
 * A picture that explains a score, drawn only when a report asks for it: grading without
 * reports never pays for rendering.
 */
public record Figure(String title, String caption, Supplier<BufferedImage> image) {
}
