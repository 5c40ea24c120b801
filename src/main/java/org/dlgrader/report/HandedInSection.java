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

/**
 * The student page's section of what else was handed in: screenshots as thumbnails that open full
 * size, notebooks and scripts as text. The page stays one file: pictures are data: URIs, and the
 * full-size view is a CSS {@code :target} box, so no script is needed (the page's
 * Content-Security-Policy lets none but the grader's own run). Limits keep an honest class's page
 * small and a hostile folder's page bounded; whatever is left out is named on the page.
 */
final class HandedInSection {

    /** Pictures on one page, screenshots and notebook outputs together. */
    static final int MAX_PICTURES = 12;
    /** A picture file larger than this is not read (a phone photo is 2–6 MB). */
    static final long MAX_PICTURE_FILE_BYTES = 10L << 20;
    /** The re-encoded pictures of one page, thumbnails and full size: keeps the page fit to email. */
    static final long MAX_PICTURE_BYTES = 8L << 20;
    static final int MAX_NOTEBOOKS = 5;
    static final long MAX_NOTEBOOK_BYTES = 5L << 20;
    static final int MAX_SCRIPTS = 10;
    static final long MAX_SCRIPT_BYTES = 200L << 10;
    /** Characters of one script shown: the lesson's longest script is under 5,000. */
    static final int MAX_SCRIPT_CHARS = 50_000;

    private final List<Map<String, Object>> pictures = new ArrayList<>();
    private final List<Map<String, Object>> notebooks = new ArrayList<>();
    private final List<Map<String, Object>> scripts = new ArrayList<>();
    private final List<String> leftOut = new ArrayList<>();
    private long pictureBytes;
    private int pictureCount;

    private HandedInSection() {
    }

    /** The section's view, or empty when the folder holds nothing to show. */
    static Optional<Map<String, Object>> of(Path folder) {
        HandedInFiles.Listing listing = HandedInFiles.in(folder);
        if (listing.isEmpty()) {
            return Optional.empty();
        }
        HandedInSection section = new HandedInSection();
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
        view.put("limits", tr("report.handedIn.limits", MAX_PICTURES, MAX_PICTURE_FILE_BYTES >> 20, MAX_PICTURE_BYTES >> 20,
                MAX_NOTEBOOKS, MAX_SCRIPTS));
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
            leftOut.add(tr("report.handedIn.leftOut", file.name(), tr("report.handedIn.unreadable")));
        }
    }

    private void screenshot(HandedInFiles.Found file) throws IOException {
        if (pictureCount >= MAX_PICTURES) {
            leftOut.add(tr("report.handedIn.leftOut", file.name(), tr("report.handedIn.tooManyPictures", MAX_PICTURES)));
            return;
        }
        Optional<byte[]> bytes = HandedInFiles.read(file, MAX_PICTURE_FILE_BYTES);
        if (bytes.isEmpty()) {
            leftOut.add(tr("report.handedIn.leftOut", file.name(), tr("report.handedIn.fileTooLarge", (MAX_PICTURE_FILE_BYTES >> 20) + " MB")));
            return;
        }
        Map<String, Object> picture = picture(file.name(), bytes.get());
        if (picture != null) {
            pictures.add(picture);
        }
    }

    /** A picture's view (thumbnail, full size, an id for its box), or null with the reason in the left-out list. */
    private Map<String, Object> picture(String name, byte[] bytes) {
        if (pictureCount >= MAX_PICTURES) {
            leftOut.add(tr("report.handedIn.leftOut", name, tr("report.handedIn.tooManyPictures", MAX_PICTURES)));
            return null;
        }
        SafeImages.Picture picture;
        try {
            picture = SafeImages.picture(bytes);
        } catch (SafeImages.NotShown notShown) {
            leftOut.add(tr("report.handedIn.leftOut", name, notShown.getMessage()));
            return null;
        }
        if (pictureBytes + picture.bytes() > MAX_PICTURE_BYTES) {
            leftOut.add(tr("report.handedIn.leftOut", name, tr("report.handedIn.pageFull", MAX_PICTURE_BYTES >> 20)));
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
        if (notebooks.size() >= MAX_NOTEBOOKS) {
            leftOut.add(tr("report.handedIn.leftOut", file.name(), tr("report.handedIn.tooManyNotebooks", MAX_NOTEBOOKS)));
            return;
        }
        Optional<byte[]> bytes = HandedInFiles.read(file, MAX_NOTEBOOK_BYTES);
        if (bytes.isEmpty()) {
            leftOut.add(tr("report.handedIn.leftOut", file.name(), tr("report.handedIn.fileTooLarge", (MAX_NOTEBOOK_BYTES >> 20) + " MB")));
            return;
        }
        Map<String, Object> view = new LinkedHashMap<>(Notebooks.view(file.name(), bytes.get(), this::picture));
        view.put("name", file.name());
        notebooks.add(view);
    }

    private void script(HandedInFiles.Found file) throws IOException {
        if (scripts.size() >= MAX_SCRIPTS) {
            leftOut.add(tr("report.handedIn.leftOut", file.name(), tr("report.handedIn.tooManyScripts", MAX_SCRIPTS)));
            return;
        }
        Optional<byte[]> bytes = HandedInFiles.read(file, MAX_SCRIPT_BYTES);
        if (bytes.isEmpty()) {
            leftOut.add(tr("report.handedIn.leftOut", file.name(), tr("report.handedIn.fileTooLarge", (MAX_SCRIPT_BYTES >> 10) + " KB")));
            return;
        }
        // Malformed UTF-8 (a GBK script from Chinese Windows) shows as replacement characters, not as an error.
        String code = Notebooks.clean(new String(bytes.get(), StandardCharsets.UTF_8));
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("name", file.name());
        if (code.length() > MAX_SCRIPT_CHARS) {
            view.put("note", tr("report.handedIn.textCut", MAX_SCRIPT_CHARS));
            code = code.substring(0, MAX_SCRIPT_CHARS);
        }
        view.put("code", code);
        scripts.add(view);
    }
}
