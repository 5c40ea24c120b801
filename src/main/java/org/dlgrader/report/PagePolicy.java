package org.dlgrader.report;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;

/**
 * The student page's Content-Security-Policy. The page shows what students handed in (names,
 * notebooks, scripts, pictures), all escaped; the policy is the second wall should an escape ever
 * be missed: no script runs but the grader's own picture check (allowed by its hash, so an injected
 * {@code <script>} with other text is refused), nothing is fetched from anywhere, pictures come
 * only as data: URIs, and no form or base URL can be set.
 */
final class PagePolicy {

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src '"
            + scriptHash() + "'; base-uri 'none'; form-action 'none'";

    private PagePolicy() {
    }

    /** The hash of the one inline script the pages carry, as the template renders it. */
    private static String scriptHash() {
        String rendered = Templates.render("checkimages.mustache", Map.of());
        int start = rendered.indexOf("<script>") + "<script>".length();
        int end = rendered.indexOf("</script>");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(rendered.substring(start, end).getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
