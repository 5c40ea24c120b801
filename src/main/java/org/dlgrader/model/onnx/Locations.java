package org.dlgrader.model.onnx;

/**
 * The side-car names an ONNX file may give for its external data: a file in the model's own
 * folder, or below it. An absolute path or a way up ("..") is refused by name, before anything
 * looks for it.
 */
final class Locations {

    private Locations() {
    }

    /** Why {@code location} may not be read, in a word ("absolute", "up", "empty"), or null when it may. */
    static String problem(String location) {
        if (location == null || location.isBlank()) {
            return "empty";
        }
        if (location.startsWith("/") || location.startsWith("\\") || location.matches("^[A-Za-z]:.*") || location.startsWith("~")) {
            return "absolute";
        }
        for (String step : location.split("[/\\\\]")) {
            if (step.equals("..")) {
                return "up";
            }
        }
        if (location.indexOf('\0') >= 0) {
            return "empty";
        }
        return null;
    }
}
