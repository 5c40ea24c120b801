package org.dlgrader.intake;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Student number and name from what a student wrote: an attachment's file name or an email's
 * subject ("2024001-张三.zip", "张三_2024001_作业.zip", "作业 2024001 张三"). The lesson asks for
 * 署名+学号 (name and student number); the number is the longest run of 6 to 12 digits.
 */
public record Identity(String studentId, String name) {

    /** Long enough for any name, short enough that id-name stays far below file systems' 255 bytes. */
    static final int MAX_NAME = 40;

    private static final Pattern NUMBER = Pattern.compile("(?<!\\d)\\d{6,12}(?!\\d)");
    /** Words that say "homework" rather than who sent it. */
    private static final Pattern NOISE = Pattern.compile(
            "(?i)(作业|作業|提交|第?[0-9一二三四五六七八九十]+[次版]|\\bv\\d+\\b|lesson[ _-]?\\d*|homework|hw\\d*|assignment|深度学习|submission|final|最终版?|的)");

    public static Optional<Identity> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String stem = text.replaceAll("(?i)\\.(zip|eml|pth|pt|h5|keras|params)$", "");
        Matcher matcher = NUMBER.matcher(stem);
        String id = null;
        while (matcher.find()) {
            if (id == null || matcher.group().length() > id.length()) {
                id = matcher.group();
            }
        }
        if (id == null) {
            return Optional.empty();
        }
        String name = NOISE.matcher(stem.replace(id, " ")).replaceAll(" ");
        return Optional.of(new Identity(id, folderSafe(name)));
    }

    /**
     * A name a folder can carry: letters (any script), digits and single spaces, at most
     * {@value #MAX_NAME} characters; "unnamed" when nothing is left.
     */
    static String folderSafe(String name) {
        String safe = name.replaceAll("[\\p{Punct}\\s　、，。：；（）【】《》]+", " ")
                .replaceAll("[^\\p{L}\\p{N} ]", "").replaceAll(" +", " ").trim();
        if (safe.codePointCount(0, safe.length()) > MAX_NAME) {
            safe = safe.substring(0, safe.offsetByCodePoints(0, MAX_NAME)).trim();
        }
        return safe.isEmpty() ? "unnamed" : safe;
    }

    /** Whether two written names are one: case, spaces and punctuation aside ("王 小明" is "王小明"). */
    static boolean sameName(String a, String b) {
        return folderSafe(a).replace(" ", "").equalsIgnoreCase(folderSafe(b).replace(" ", ""));
    }

    public String folderName() {
        return studentId + "-" + name;
    }
}
