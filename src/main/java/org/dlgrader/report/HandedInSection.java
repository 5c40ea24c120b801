package org.dlgrader.report;

import static org.dlgrader.i18n.Messages.tr;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dlgrader.grading.HandedInLimits;

/**
 * The student page's section of what else was handed in: screenshots as thumbnails that open full
 * size, notebooks and scripts as text. The page stays one file: pictures are data: URIs, and the
 * full-size view is a CSS {@code :target} box, so no script is needed (the page's
 * Content-Security-Policy lets none but the grader's own run). Limits ({@link HandedInLimits}, the
 * assignment's "handedIn") keep an honest class's page small and a hostile folder's page bounded;
 * whatever is left out is named on the page.
 */
final class HandedInSection {

    private final List<Map<String, Object>> pictures = new ArrayList<>();
    private final List<Map<String, Object>> notebooks = new ArrayList<>();
    private final List<Map<String, Object>> scripts = new ArrayList<>();
    private final List<String> leftOut = new ArrayList<>();
    private final HandedInLimits limits;
    private long pictureBytes;
    private int pictureCount;

    private HandedInSection(HandedInLimits limits) {
        this.limits = limits;
    }

    /** The section's view, or empty when the folder holds nothing to show; {@code limits} are the assignment's ("handedIn"). */
    static Optional<Map<String, Object>> of(Path folder, HandedInLimits limits) {
        HandedInFiles.Listing listing = HandedInFiles.in(folder);
        if (listing.isEmpty()) {
            return Optional.empty();
        }
        HandedInSection section = new HandedInSection(limits);
        section.leftOut.addAll(listing.leftOut());
        for (HandedInFiles.Found file : listing.files()) {
            section.add(file);
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("pictures", section.pictures);
        view.put("hasPictures", !section.pictures.isEmpty());
        view.put("notebooks", section.notebooks);
        view.put("scripts", section.scripts);
        view.put("leftOut", section.leftOut);
        view.put("hasLeftOut", !section.leftOut.isEmpty());
        view.put("limits", tr("report.handedIn.limits", limits.maxPictures(), limits.maxPictureFileMb(), limits.maxPicturesMbPerPage(),
                limits.maxNotebooks(), limits.maxScripts()));
        return Optional.of(view);
    }

    private void add(HandedInFiles.Found file) {
        try {
            switch (file.kind()) {
                case IMAGE -> screenshot(file);
                case NOTEBOOK -> notebook(file);
                case SCRIPT -> script(file);
                default -> throw new IllegalStateException(file.kind().toString());
            }
        } catch (IOException e) {
            leaveOut(file.name(), tr("report.handedIn.unreadable"));
        }
    }

    private void screenshot(HandedInFiles.Found file) throws IOException {
        if (pictureCount >= limits.maxPictures()) {
            leaveOut(file.name(), tr("report.handedIn.tooManyPictures", limits.maxPictures()));
            return;
        }
        Optional<byte[]> bytes = read(file, limits.pictureFileBytes(), limits.maxPictureFileMb() + " MB");
        if (bytes.isEmpty()) {
            return;
        }
        Map<String, Object> picture = picture(file.name(), bytes.get());
        if (picture != null) {
            pictures.add(picture);
        }
    }

    /** A picture's view (thumbnail, full size, an id for its box), or null with the reason in the left-out list. */
    private Map<String, Object> picture(String name, byte[] bytes) {
        if (pictureCount >= limits.maxPictures()) {
            leaveOut(name, tr("report.handedIn.tooManyPictures", limits.maxPictures()));
            return null;
        }
        SafeImages.Picture picture;
        try {
            picture = SafeImages.picture(bytes);
        } catch (SafeImages.NotShown notShown) {
            leaveOut(name, notShown.getMessage());
            return null;
        }
        if (pictureBytes + picture.bytes() > limits.picturesBytesPerPage()) {
            leaveOut(name, tr("report.handedIn.pageFull", limits.maxPicturesMbPerPage()));
            return null;
        }
        pictureBytes += picture.bytes();
        pictureCount++;
        Map<String, Object> view = new LinkedHashMap<>();
        // Ids are numbers of our own, never the file's name.
        view.put("id", "picture-" + pictureCount);
        view.put("name", name);
        view.put("size", picture.width() + " × " + picture.height());
        view.put("thumbnail", Images.dataUri(picture.mediaType(), picture.thumbnail()));
        view.put("full", Images.dataUri(picture.mediaType(), picture.full()));
        return view;
    }

    private void notebook(HandedInFiles.Found file) throws IOException {
        if (notebooks.size() >= limits.maxNotebooks()) {
            leaveOut(file.name(), tr("report.handedIn.tooManyNotebooks", limits.maxNotebooks()));
            return;
        }
        Optional<byte[]> bytes = read(file, limits.notebookFileBytes(), limits.maxNotebookFileMb() + " MB");
        if (bytes.isEmpty()) {
            return;
        }
        Map<String, Object> view = new LinkedHashMap<>(Notebooks.view(file.name(), bytes.get(), this::picture, limits));
        view.put("name", file.name());
        notebooks.add(view);
    }

    private void script(HandedInFiles.Found file) throws IOException {
        if (scripts.size() >= limits.maxScripts()) {
            leaveOut(file.name(), tr("report.handedIn.tooManyScripts", limits.maxScripts()));
            return;
        }
        Optional<byte[]> bytes = read(file, limits.scriptFileBytes(), limits.maxScriptFileKb() + " KB");
        if (bytes.isEmpty()) {
            return;
        }
        // Malformed UTF-8 (a GBK script from Chinese Windows) shows as replacement characters, not as an error.
        String code = Notebooks.clean(new String(bytes.get(), StandardCharsets.UTF_8));
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("name", file.name());
        if (code.length() > limits.maxScriptChars()) {
            view.put("note", tr("report.handedIn.textCut", limits.maxScriptChars()));
            code = code.substring(0, limits.maxScriptChars());
        }
        view.put("code", code);
        scripts.add(view);
    }

    /** {@code file}'s bytes, or empty with a left-out line saying the file is over {@code size} ({@code maxBytes}). */
    private Optional<byte[]> read(HandedInFiles.Found file, long maxBytes, String size) throws IOException {
        Optional<byte[]> bytes = HandedInFiles.read(file, maxBytes);
        if (bytes.isEmpty()) {
            leaveOut(file.name(), tr("report.handedIn.fileTooLarge", size));
        }
        return bytes;
    }

    private void leaveOut(String name, String why) {
        leftOut.add(tr("report.handedIn.leftOut", name, why));
    }
}
