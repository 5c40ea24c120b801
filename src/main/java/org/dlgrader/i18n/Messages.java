package org.dlgrader.i18n;

import java.util.Collections;
import java.util.IllegalFormatException;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.TreeMap;

/**
 * The one message bundle ({@code org/dlgrader/i18n/messages*.properties}, UTF-8): what the grader
 * says, in the run's language. A process speaks one language, chosen once when it starts
 * ({@link #use}): the grading process from the assignment, a worker from the assignment it is handed.
 *
 * <p>Texts are {@link String#format} patterns, not {@code MessageFormat} ones: English texts are full of
 * apostrophes that MessageFormat would eat, and {@code %2$s} lets a translation put the arguments in
 * its own order. Numbers are formatted the same in every language ({@link Locale#ROOT}): "numbers,
 * file names and code stay as they are".
 */
public final class Messages {

    private static final String BUNDLE = "org.dlgrader.i18n.messages";
    private static volatile Language current = Language.EN;

    private Messages() {
    }

    /** The language this process speaks from now on. */
    public static void use(Language language) {
        current = language == null ? Language.EN : language;
    }

    public static Language language() {
        return current;
    }

    /** The text of {@code key} in this process's language, with {@code args} put in. */
    public static String tr(String key, Object... args) {
        return in(current, key, args);
    }

    /** The text of {@code key} in {@code language}. */
    public static String in(Language language, String key, Object... args) {
        String pattern = pattern(language, key);
        if (args.length == 0) {
            return pattern;
        }
        try {
            return String.format(Locale.ROOT, pattern, args);
        } catch (IllegalFormatException e) {
            // A translation whose placeholders do not fit is a bug in the bundle (MessagesTest holds
            // the two languages to the same placeholders); say the text rather than fail a grade.
            return pattern + " " + java.util.Arrays.toString(args);
        }
    }

    /** Whether the bundle has {@code key}: for texts a teacher may leave out, such as an exercise's save line. */
    public static boolean has(String key) {
        return bundle(current).containsKey(key);
    }

    /** Every text under {@code prefix} (without it), for page templates. */
    public static Map<String, String> all(String prefix) {
        ResourceBundle bundle = bundle(current);
        Map<String, String> texts = new TreeMap<>();
        for (String key : Collections.list(bundle.getKeys())) {
            if (key.startsWith(prefix)) {
                texts.put(key.substring(prefix.length()), bundle.getString(key));
            }
        }
        return texts;
    }

    private static String pattern(Language language, String key) {
        try {
            return bundle(language).getString(key);
        } catch (MissingResourceException e) {
            throw new IllegalStateException("The message bundle has no text '" + key + "' in " + language.tag(), e);
        }
    }

    private static ResourceBundle bundle(Language language) {
        // No fallback to the machine's default locale: a Chinese laptop grading an English class
        // must speak English.
        return ResourceBundle.getBundle(BUNDLE, language.locale(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }
}
