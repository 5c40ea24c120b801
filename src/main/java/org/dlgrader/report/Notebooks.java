package org.dlgrader.report;

import static org.dlgrader.i18n.Messages.tr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.dlgrader.grading.HandedInLimits;

/**
 * A Jupyter notebook ({@code .ipynb}, nbformat 4) as the page shows it: each cell's source and the
 * text of its outputs, as text. Nothing in it runs or renders: an HTML or JavaScript output is
 * shown as its source text (the template escapes it), and pictures go through {@link SafeImages}
 * like any screenshot. Cut at the assignment's {@link HandedInLimits} of cells and characters, saying so.
 */
final class Notebooks {

    /** Where a notebook's picture outputs go: the page's one budget of pictures. Null when none is left. */
    interface Pictures {
        Map<String, Object> add(String name, byte[] bytes);
    }

    private static final int MAX_OUTPUTS = 20;

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Colour and cursor codes (CSI), terminal titles and links (OSC), then any other escape. */
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-?]*[ -/]*[@-~]|\u001B\\][^\u0007\u001B]*(?:\u0007|\u001B\\\\)?|\u001B.?");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\\n\\t]]");

    private final String name;
    private final Pictures pictures;
    private final HandedInLimits limits;
    private final List<String> notes = new ArrayList<>();
    private int chars;
    private boolean cut;

    private Notebooks(String name, Pictures pictures, HandedInLimits limits) {
        this.name = name;
        this.pictures = pictures;
        this.limits = limits;
    }

    /** The notebook's view for the template: {@code cells} and {@code notes}; a note alone when it cannot be read. */
    static Map<String, Object> view(String name, byte[] bytes, Pictures pictures, HandedInLimits limits) {
        return new Notebooks(name, pictures, limits).render(bytes);
    }

    private Map<String, Object> render(byte[] bytes) {
        List<Map<String, Object>> cells = new ArrayList<>();
        try {
            JsonNode root = JSON.readTree(bytes);
            if (root == null || !root.isObject() || !root.path("cells").isArray()) {
                notes.add(tr("report.handedIn.notANotebook"));
            } else {
                JsonNode all = root.path("cells");
                for (int i = 0; i < all.size() && i < limits.maxNotebookCells() && !cut; i++) {
                    cells.add(cell(all.get(i)));
                }
                if (all.size() > limits.maxNotebookCells()) {
                    notes.add(tr("report.handedIn.cellsCut", limits.maxNotebookCells(), all.size()));
                }
                if (cut) {
                    notes.add(tr("report.handedIn.notebookCut", limits.maxNotebookChars()));
                }
            }
        } catch (JsonProcessingException e) {
            notes.add(tr("report.handedIn.notANotebook"));
        } catch (IOException e) {
            notes.add(tr("report.handedIn.unreadable"));
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("cells", cells);
        view.put("notes", notes);
        return view;
    }

    private Map<String, Object> cell(JsonNode cell) {
        Map<String, Object> view = new LinkedHashMap<>();
        String type = cell.path("cell_type").asText("");
        view.put("code", type.equals("code"));
        JsonNode count = cell.path("execution_count");
        view.put("prompt", type.equals("code") ? "In [" + (count.isInt() ? count.asInt() : " ") + "]:" : type);
        view.put("source", text(cell.path("source")));
        List<Map<String, Object>> outputs = new ArrayList<>();
        JsonNode all = cell.path("outputs");
        for (int i = 0; i < all.size() && i < MAX_OUTPUTS && !cut; i++) {
            output(all.get(i), outputs);
        }
        if (all.size() > MAX_OUTPUTS) {
            outputs.add(Map.of("note", tr("report.handedIn.outputsCut", MAX_OUTPUTS, all.size())));
        }
        view.put("outputs", outputs);
        return view;
    }

    private void output(JsonNode output, List<Map<String, Object>> outputs) {
        String type = output.path("output_type").asText("");
        switch (type) {
            case "stream" -> outputs.add(Map.of("text", text(output.path("text")), "error", "stderr".equals(output.path("name").asText())));
            case "error" -> {
                String traceback = text(output.path("traceback"));
                outputs.add(Map.of("text", traceback.isEmpty()
                        ? text(output.path("ename")) + ": " + text(output.path("evalue")) : traceback, "error", true));
            }
            case "execute_result", "display_data" -> data(output.path("data"), outputs);
            default -> { }
        }
    }

    /**
     * A rich output: a picture when it is one, else its plain text, else its HTML or other text
     * shown as source, labelled with its media type so no one takes it for what Jupyter would show.
     */
    private void data(JsonNode data, List<Map<String, Object>> outputs) {
        for (String type : List.of("image/png", "image/jpeg")) {
            if (data.has(type)) {
                String base64 = joined(data.path(type)).replaceAll("\\s", "");
                Map<String, Object> picture = null;
                try {
                    picture = pictures.add(name, Base64.getDecoder().decode(base64));
                } catch (IllegalArgumentException notBase64) {
                    outputs.add(Map.of("note", tr("report.handedIn.notAPicture")));
                    return;
                }
                outputs.add(picture == null ? Map.of("note", tr("report.handedIn.pictureLeftOut")) : Map.of("picture", picture));
                return;
            }
        }
        if (data.has("text/plain")) {
            outputs.add(Map.of("text", text(data.path("text/plain")), "error", false));
            return;
        }
        data.fieldNames().forEachRemaining(type -> {
            if (outputs.size() < MAX_OUTPUTS && !cut) {
                outputs.add(Map.of("label", tr("report.handedIn.asText", type), "text", text(data.path(type)), "error", false));
            }
        });
    }

    /** A notebook's text (a string, or a list of lines), without terminal escapes, within the limits. */
    private String text(JsonNode node) {
        String text = clean(joined(node)).stripTrailing();
        if (text.length() > limits.maxCellChars()) {
            text = text.substring(0, limits.maxCellChars()) + "\n" + tr("report.handedIn.textCut", limits.maxCellChars());
        }
        if (chars + text.length() > limits.maxNotebookChars()) {
            cut = true;
            text = text.substring(0, Math.max(0, limits.maxNotebookChars() - chars));
        }
        chars += text.length();
        return text;
    }

    private String joined(JsonNode node) {
        if (node.isArray()) {
            StringBuilder out = new StringBuilder();
            for (JsonNode part : node) {
                // Tracebacks are lists of lines without their line breaks; sources carry their own.
                String line = part.asText("");
                out.append(line);
                if (!line.endsWith("\n") && node.size() > 1) {
                    out.append('\n');
                }
                if (out.length() > limits.maxNotebookChars()) {
                    break;
                }
            }
            return out.toString();
        }
        return node.isValueNode() ? node.asText("") : "";
    }

    /** Terminal escapes (a traceback's colours) and other control characters out; a lone carriage return becomes a line. */
    static String clean(String text) {
        String plain = ANSI.matcher(text).replaceAll("");
        plain = plain.replace("\r\n", "\n").replace('\r', '\n');
        return CONTROL.matcher(plain).replaceAll("");
    }
}
