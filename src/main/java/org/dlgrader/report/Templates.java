package org.dlgrader.report;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;
import org.dlgrader.i18n.Messages;

/**
 * Mustache templates from {@code src/main/resources/templates}. Mustache escapes every value as
 * HTML, which matters here: names and messages come from students' files.
 *
 * <p>Every template also sees the page texts of the message bundle in the run's language: the key
 * {@code report.page.student.check} is {@code {{t.student.check}}}, and {@code {{lang}}} is the
 * page's language tag.
 */
final class Templates {

    private static final MustacheFactory FACTORY = new DefaultMustacheFactory("templates");

    private Templates() {
    }

    static String render(String template, Object view) {
        Mustache mustache = FACTORY.compile(template);
        StringWriter out = new StringWriter();
        mustache.execute(out, new Object[] {Map.of("t", texts(), "lang", Messages.language().tag()), view});
        return out.toString();
    }

    /** {@code report.page.a.b} as {@code t.a.b}: nested maps, which Mustache's dotted names walk. */
    private static Map<String, Object> texts() {
        Map<String, Object> root = new HashMap<>();
        Messages.all("report.page.").forEach((key, text) -> {
            Map<String, Object> node = root;
            String[] parts = key.split("\\.");
            for (int i = 0; i < parts.length - 1; i++) {
                @SuppressWarnings("unchecked")
                Map<String, Object> child = (Map<String, Object>) node.computeIfAbsent(parts[i], k -> new HashMap<String, Object>());
                node = child;
            }
            node.put(parts[parts.length - 1], text);
        });
        return root;
    }
}
