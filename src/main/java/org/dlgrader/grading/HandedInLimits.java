package org.dlgrader.grading;

/**
 * How much of what a student handed in besides models (screenshots, notebooks, scripts) their page
 * shows, from {@code "handedIn"} in the assignment file. The limits keep an honest class's pages fit
 * to email and a hostile folder's page bounded; whatever is left out is named on the page. Sizes are
 * in the units a teacher thinks in (MB, KB); counts of 0 show none of that kind.
 *
 * @param maxPictures pictures on one page, screenshots and notebook plots together
 * @param maxPictureFileMb a picture file larger than this is not read (a phone photo is 2–6 MB)
 * @param maxPicturesMbPerPage the re-encoded pictures of one page, thumbnails and full size
 * @param maxNotebooks notebooks shown on one page
 * @param maxNotebookFileMb a larger notebook file is not read
 * @param maxNotebookCells cells shown of one notebook
 * @param maxCellChars characters of one cell's source or one output
 * @param maxNotebookChars characters of one whole notebook
 * @param maxScripts scripts shown on one page
 * @param maxScriptFileKb a larger script file is not read
 * @param maxScriptChars characters of one script shown (the lesson's longest is under 5,000)
 */
public record HandedInLimits(int maxPictures, int maxPictureFileMb, int maxPicturesMbPerPage, int maxNotebooks,
        int maxNotebookFileMb, int maxNotebookCells, int maxCellChars, int maxNotebookChars, int maxScripts, int maxScriptFileKb,
        int maxScriptChars) {

    public static final HandedInLimits DEFAULTS = new HandedInLimits(12, 10, 8, 5, 5, 200, 10_000, 200_000, 10, 200, 50_000);

    public long pictureFileBytes() {
        return (long) maxPictureFileMb << 20;
    }

    public long picturesBytesPerPage() {
        return (long) maxPicturesMbPerPage << 20;
    }

    public long notebookFileBytes() {
        return (long) maxNotebookFileMb << 20;
    }

    public long scriptFileBytes() {
        return (long) maxScriptFileKb << 10;
    }
}
