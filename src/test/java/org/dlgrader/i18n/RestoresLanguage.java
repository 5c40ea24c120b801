package org.dlgrader.i18n;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For tests that switch the run's language: puts back -Dgrader.lang as the build set it (en) and the
 * English bundle, so the tests after them read English.
 */
public final class RestoresLanguage implements BeforeEachCallback, AfterEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RestoresLanguage.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        String language = System.getProperty(Language.PROPERTY);
        context.getStore(NAMESPACE).put("language", language == null ? "" : language);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        String language = context.getStore(NAMESPACE).get("language", String.class);
        if (language == null || language.isEmpty()) {
            System.clearProperty(Language.PROPERTY);
        } else {
            System.setProperty(Language.PROPERTY, language);
        }
        Messages.use(Language.EN);
    }
}
