package org.dlgrader.report;

import java.util.Base64;

/** Pictures inlined as data: URIs, so a page is one file that opens offline and can be emailed. */
final class Images {

    private Images() {
    }

    static String dataUri(byte[] png) {
        return dataUri(org.dlgrader.plot.Figure.PNG, png);
    }

    static String dataUri(String mediaType, byte[] bytes) {
        return "data:" + mediaType + ";base64," + Base64.getEncoder().encodeToString(bytes);
    }
}
