package org.dlgrader.grading;

import static org.dlgrader.i18n.Messages.tr;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.dlgrader.model.ModelShape;

/**
 * Which networks an exercise accepts ({@code "architecture"} in assignment.json): any model that
 * loads and fits the input and output shapes, or a stack of dense layers whose widths match a
 * pattern ({@code {"dense": [2, "*", 1]}}, where {@code "*"} is any number of hidden layers of any
 * width). Checked in the grading process against the layers a worker reports.
 *
 * @param dense the widths from input to output, {@link #ANY_WIDTHS} for a {@code "*"}; null when any network is accepted
 */
public record Architecture(List<Integer> dense) {

    /** A {@code "*"} in a pattern: widths themselves are at least 1. */
    public static final int ANY_WIDTHS = 0;

    public static final Architecture ANY = new Architecture(null);

    public Architecture {
        dense = dense == null ? null : List.copyOf(dense);
    }

    public static Architecture dense(List<Integer> pattern) {
        return new Architecture(pattern);
    }

    public boolean any() {
        return dense == null;
    }

    /**
     * Why {@code shape} is outside this architecture, for the student of {@code file}, with what was
     * expected and what was found; empty when it is inside, or when the format shows no layers to check.
     */
    public Optional<String> refusal(String file, ModelShape shape) {
        if (any() || !shape.layersKnown()) {
            return Optional.empty();
        }
        Optional<List<Integer>> widths = shape.denseWidths();
        if (widths.isPresent() && matches(dense, 0, widths.get(), 0)) {
            return Optional.empty();
        }
        return Optional.of(tr("grading.architecture.refused", file, describe(), shape.describeLayers()));
    }

    /** Whether this rule wants layers that the format of a model could not show (a note, never a refusal). */
    public boolean unchecked(ModelShape shape) {
        return !any() && !shape.layersKnown();
    }

    /** The rule in words, in the run's language: "dense layers 2 → * → 1 (* = any hidden layers)". */
    public String describe() {
        if (any()) {
            return tr("grading.architecture.any");
        }
        String widths = dense.stream().map(w -> w == ANY_WIDTHS ? "*" : String.valueOf(w)).collect(Collectors.joining(" → "));
        return tr(dense.contains(ANY_WIDTHS) ? "grading.architecture.denseAnyHidden" : "grading.architecture.dense", widths);
    }

    /** Glob matching of widths, "*" standing for any run of widths, none included. */
    private static boolean matches(List<Integer> pattern, int p, List<Integer> widths, int w) {
        if (p == pattern.size()) {
            return w == widths.size();
        }
        if (pattern.get(p) == ANY_WIDTHS) {
            for (int skip = w; skip <= widths.size(); skip++) {
                if (matches(pattern, p + 1, widths, skip)) {
                    return true;
                }
            }
            return false;
        }
        return w < widths.size() && pattern.get(p).equals(widths.get(w)) && matches(pattern, p + 1, widths, w + 1);
    }
}
