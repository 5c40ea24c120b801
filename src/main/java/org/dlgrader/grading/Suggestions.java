package org.dlgrader.grading;

import static org.dlgrader.i18n.Messages.tr;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;

/** "did you mean accuracy?": the known name nearest to a mistyped one, when one is near enough. */
public final class Suggestions {

    private Suggestions() {
    }

    /** " (did you mean 'accuracy'?)", or an empty string when nothing known is within a few edits. */
    public static String nearest(String typed, Collection<String> known) {
        if (typed == null) {
            return "";
        }
        return known.stream()
                .min(Comparator.comparingInt(k -> distance(typed.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT))))
                .filter(k -> distance(typed.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT)) <= Math.max(2, k.length() / 3))
                .map(k -> tr("grading.suggestion.didYouMean", k))
                .orElse("");
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
