package org.dlgrader.report;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import java.io.StringWriter;

/**
 * Mustache templates from {@code src/main/resources/templates}. Mustache escapes every value as
 * HTML, which matters here: names and messages come from students' files.
 */
final class Templates {

    private static final MustacheFactory FACTORY = new DefaultMustacheFactory("templates");

    private Templates() {
    }

    static String render(String template, Object view) {
        Mustache mustache = FACTORY.compile(template);
        StringWriter out = new StringWriter();
        mustache.execute(out, view);
        return out.toString();
    }
}
