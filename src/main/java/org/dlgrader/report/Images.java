package org.dlgrader.report;

import java.util.Base64;

/** Pictures inlined as data: URIs, so a page is one file that opens offline and can be emailed. */
final class Images {

    private Images() {
    }

    static String dataUri(byte[] png) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
    }
}
