package org.dlgrader.i18n;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The languages the grader speaks: every page, message and console line a student or teacher reads
 * comes from the message bundle in one of these. The class's language is chosen in
 * {@code assignment.json} ({@code "language"}), {@code -Dgrader.lang=} overrides it.
 */
public enum Language {
    EN("en", Locale.ENGLISH),
    ZH_CN("zh-CN", Locale.SIMPLIFIED_CHINESE);

    public static final String PROPERTY = "grader.lang";

    private final String tag;
    private final Locale locale;

    Language(String tag, Locale locale) {
        this.tag = tag;
        this.locale = locale;
    }

    /** The tag a teacher writes: {@code en}, {@code zh-CN}. */
    public String tag() {
        return tag;
    }

    Locale locale() {
        return locale;
    }

    /** The language of a tag, case and {@code _}/{@code -} ignored ({@code zh}, {@code zh_cn}, {@code zh-Hans} too), or null. */
    public static Language of(String tag) {
        if (tag == null) {
            return null;
        }
        String t = tag.trim().replace('_', '-').toLowerCase(Locale.ROOT);
        return switch (t) {
            case "en", "en-us", "en-gb", "english" -> EN;
            case "zh", "zh-cn", "zh-hans", "zh-hans-cn", "chinese", "中文" -> ZH_CN;
            default -> null;
        };
    }

    /** For messages that name the choices: "en, zh-CN". */
    public static String tags() {
        return Arrays.stream(values()).map(Language::tag).collect(Collectors.joining(", "));
    }

    /**
     * The language a run speaks: {@code -Dgrader.lang} when set, else the assignment's, else English.
     *
     * @throws IllegalArgumentException naming the accepted tags when -Dgrader.lang is not one
     */
    public static Language choose(Language fromAssignment) {
        String override = System.getProperty(PROPERTY, "").trim();
        if (!override.isEmpty()) {
            Language chosen = of(override);
            if (chosen == null) {
                throw new IllegalArgumentException("-D" + PROPERTY + "=" + override + " is not a language the grader speaks; use one of: "
                        + tags() + ".");
            }
            return chosen;
        }
        return fromAssignment == null ? EN : fromAssignment;
    }
}
