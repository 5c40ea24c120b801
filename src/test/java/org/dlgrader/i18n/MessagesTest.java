package org.dlgrader.i18n;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bundle in both languages: the same keys, the same placeholders, nothing left in English in
 * the Chinese file, and every key the code asks for present. A missing or broken translation would
 * otherwise show up first on a student's page.
 */
class MessagesTest {

    private static final Path DIR = Path.of("src/main/resources/org/dlgrader/i18n");
    private static final Pattern PLACEHOLDER = Pattern.compile("%(\\d+\\$)?[-#+ 0,(]*\\d*(?:\\.\\d+)?([a-zA-Z%])");
    /** Texts that are the same in both languages: made of code, names or numbers only. */
    private static final Set<String> SAME_IN_BOTH = Set.of();

    @AfterEach
    void english() {
        Messages.use(Language.EN);
        System.clearProperty(Language.PROPERTY);
    }

    static Properties load(String file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(DIR.resolve(file), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }

    @Test
    void bothLanguagesHaveTheSameKeysAndPlaceholders() throws IOException {
        Properties en = load("messages.properties");
        Properties zh = load("messages_zh_CN.properties");
        assertThat(new TreeSet<>(zh.stringPropertyNames())).as("keys in Chinese")
                .isEqualTo(new TreeSet<>(en.stringPropertyNames()));
        List<String> wrong = new ArrayList<>();
        for (String key : en.stringPropertyNames()) {
            if (!placeholders(en.getProperty(key)).equals(placeholders(zh.getProperty(key)))) {
                wrong.add(key + ": en " + placeholders(en.getProperty(key)) + ", zh-CN " + placeholders(zh.getProperty(key)));
            }
        }
        assertThat(wrong).as("texts whose placeholders differ").isEmpty();
    }

    @Test
    void theChineseBundleIsTranslated() throws IOException {
        Properties en = load("messages.properties");
        Properties zh = load("messages_zh_CN.properties");
        List<String> english = new ArrayList<>();
        for (String key : zh.stringPropertyNames()) {
            String text = zh.getProperty(key);
            if (!SAME_IN_BOTH.contains(key) && text.equals(en.getProperty(key)) && text.matches("(?s).*[A-Za-z]{4,}.*")) {
                english.add(key);
            }
        }
        assertThat(english).as("keys still in English in messages_zh_CN.properties").isEmpty();
    }

    @Test
    void everyKeyTheCodeAsksForIsThere() throws IOException {
        Properties en = load("messages.properties");
        Pattern call = Pattern.compile("\\b(?:tr|Messages\\.in\\([^,()]+,)\\s*\\(?\\s*\"([a-z][A-Za-z0-9_.-]+)\"");
        Set<String> missing = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = call.matcher(Files.readString(file));
                while (m.find()) {
                    if (!en.containsKey(m.group(1))) {
                        missing.add(m.group(1) + " (" + file.getFileName() + ")");
                    }
                }
            }
        }
        assertThat(missing).as("keys used in the code but not in the bundle").isEmpty();
    }

    @Test
    void aTextIsSaidInTheChosenLanguage() {
        Messages.use(Language.ZH_CN);
        assertThat(Messages.tr("i18n.language.name")).isEqualTo("简体中文");
        Messages.use(Language.EN);
        assertThat(Messages.tr("i18n.language.name")).isEqualTo("English");
    }

    @Test
    void theOverrideWinsAndAWrongOneIsNamed() {
        System.setProperty(Language.PROPERTY, "en");
        assertThat(Language.choose(Language.ZH_CN)).isEqualTo(Language.EN);
        System.setProperty(Language.PROPERTY, "zh_cn");
        assertThat(Language.choose(Language.EN)).isEqualTo(Language.ZH_CN);
        System.setProperty(Language.PROPERTY, "fr");
        assertThatThrownBy(() -> Language.choose(Language.EN)).hasMessageContaining("-Dgrader.lang=fr")
                .hasMessageContaining("en, zh-CN");
    }

    static List<String> placeholders(String text) {
        List<String> found = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(text);
        int next = 1;
        while (m.find()) {
            if (m.group(2).equals("%") || m.group(2).equals("n")) {
                continue;
            }
            int index = m.group(1) == null ? next++ : Integer.parseInt(m.group(1).substring(0, m.group(1).length() - 1));
            found.add(index + ":" + Character.toLowerCase(m.group(2).charAt(0)));
        }
        found.sort(null);
        return found;
    }
}
